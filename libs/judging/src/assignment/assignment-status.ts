import { registerEnumType } from '@nestjs/graphql';

/** Where a judge's duty stands: to score, scored, or stood down (recused). */
export enum AssignmentStatus {
  PENDING = 'PENDING',
  SUBMITTED = 'SUBMITTED',
  RECUSED = 'RECUSED',
}
registerEnumType(AssignmentStatus, { name: 'AssignmentStatus' });

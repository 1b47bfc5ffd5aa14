import { AuditService } from '@app/audit';
import { RequestCtx } from '@app/core';
import { AssignmentEntity } from './assignment.entity';
import { AssignmentStatus } from './assignment-status';

/**
 * Turns an assignment RECUSED, inside the caller's transaction with the assignment locked, and
 * audits it. The one way an assignment leaves the judge: the judge stepping aside (`recuse`) and
 * an organiser declaring a conflict of interest (`declareConflict`) both come here. A RECUSED
 * assignment's sheet, if any, stops counting (RoundsForResults reads sheets of assignments that
 * are not RECUSED), the round's progress counts it as recused, and a top-up (`assignJudges` on
 * the OPEN round) gives the entry another judge.
 */
export async function markRecused(
  tx: RequestCtx,
  audit: AuditService,
  eventId: string,
  assignment: AssignmentEntity,
  reason: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await tx
    .manager!.getRepository(AssignmentEntity)
    .update({ id: assignment.id }, { status: AssignmentStatus.RECUSED, recuseReason: reason });
  await audit.append(tx, {
    eventId,
    action: 'assignment.recused',
    subjectType: 'Assignment',
    subjectId: assignment.id,
    detail: { reason, ...detail },
  });
}

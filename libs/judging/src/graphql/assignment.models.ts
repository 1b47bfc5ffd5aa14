import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AssignmentReport')
export class AssignmentReportModel {
  @Field(() => Int, { description: 'active (PENDING or SUBMITTED) assignments after the run' })
  assignments!: number;
  @Field(() => Int) minLoad!: number;
  @Field(() => Int) maxLoad!: number;
  @Field(() => [ID], {
    description:
      'entries left with fewer than judgesPerEntry judges (no panel, or too few eligible judges)',
  })
  unassignableEntryIds!: string[];
}

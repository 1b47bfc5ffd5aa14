import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { EntryModel } from '@app/entries';
import { UserModel } from '@app/identity';
import { AssignmentStatus } from '../assignment/assignment-status';

@ObjectType('RoundAssignment', { description: 'an assignment as the organisers see it' })
export class RoundAssignmentModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) roundId!: string;
  @Field(() => AssignmentStatus) status!: AssignmentStatus;
  @Field(() => Boolean, { description: 'the judge has sent a sheet for it' }) hasSheet!: boolean;
  @Field(() => EntryModel) entry!: EntryModel;
  @Field(() => UserModel) judge!: UserModel;
}

@ObjectType('AssignmentCandidate', {
  description: 'a judge of the round, and whether an assignment may be moved to it',
})
export class AssignmentCandidateModel {
  @Field(() => UserModel) judge!: UserModel;
  @Field(() => Int, { description: 'its PENDING assignments in the round' }) pending!: number;
  @Field(() => String, {
    nullable: true,
    description:
      'null when it may take the assignment; else the reason moveAssignment would refuse with (NOT_A_JUDGE, JUDGE_INACTIVE, JUDGE_NOT_ON_PANEL, JUDGE_ALREADY_ASSIGNED, CONFLICT_OF_INTEREST)',
  })
  refusal!: string | null;
}

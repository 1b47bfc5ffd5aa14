import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { EntryModel } from '@app/entries';
import { AssignmentStatus } from '../assignment/assignment-status';
import { RoundModel } from './round.models';

@ObjectType('ScoreValue')
export class ScoreValueModel {
  @Field(() => String) criterionKey!: string;
  @Field(() => Float) value!: number;
}

@ObjectType('ScoreSheet')
export class ScoreSheetModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) assignmentId!: string;
  @Field(() => [ScoreValueModel]) scores!: ScoreValueModel[];
  @Field(() => Float, { description: 'the exact total rounded half-up to 3 decimals' })
  total!: number;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => Int) version!: number;
  @Field(() => Date) submittedAt!: Date;
}

@ObjectType('Assignment')
export class AssignmentModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) roundId!: string;
  @Field(() => RoundModel) round!: RoundModel;
  @Field(() => AssignmentStatus) status!: AssignmentStatus;
  @Field(() => EntryModel) entry!: EntryModel;
}

@InputType('ScoreValueInput')
export class ScoreValueInput {
  @Field(() => String) criterionKey!: string;
  @Field(() => Float) value!: number;
}

@InputType('SubmitScoreSheetInput')
export class SubmitScoreSheetInput {
  @Field(() => ID) assignmentId!: string;
  @Field(() => [ScoreValueInput]) scores!: ScoreValueInput[];
  @Field(() => String, { nullable: true }) comment?: string | null;
  @Field(() => String, {
    description:
      'a client-generated id (a tablet retries with the same one): sent again with the same scores it changes nothing and answers the stored sheet; sent again with other scores it is CONFLICT / IDEMPOTENCY_KEY_REUSED',
  })
  clientMutationId!: string;
  @Field(() => Int, {
    nullable: true,
    description: "when given and not the sheet's current version: CONFLICT / VERSION_MISMATCH",
  })
  baseVersion?: number | null;
}

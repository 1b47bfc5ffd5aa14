import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Aggregation, QuotaMode, RankingScope, TiePolicy } from '../round/round-enums';

@InputType('CriterionInput')
export class CriterionInput {
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) weight!: number;
  @Field(() => Float) maxScore!: number;
  @Field(() => Float) step!: number;
}

@InputType('QuotaInput')
export class QuotaInput {
  @Field(() => QuotaMode) mode!: QuotaMode;
  @Field(() => Float) value!: number;
}

@InputType('AwardTierInput')
export class AwardTierInput {
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => QuotaInput) quota!: QuotaInput;
}

@InputType('CreateRoundInput')
export class CreateRoundInput {
  @Field(() => ID) eventId!: string;
  @Field(() => String) name!: string;
  @Field(() => ID, { nullable: true }) previousRoundId?: string | null;
  @Field(() => [CriterionInput]) criteria!: CriterionInput[];
  @Field(() => Int) judgesPerEntry!: number;
  @Field(() => Int, { nullable: true }) minSheets?: number | null;
  @Field(() => Aggregation) aggregation!: Aggregation;
  @Field(() => Int, { nullable: true }) trimCount?: number | null;
  @Field(() => RankingScope) rankingScope!: RankingScope;
  @Field(() => [String], { nullable: true }) tieBreakCriteria?: string[] | null;
  @Field(() => Boolean, { nullable: true }) blind?: boolean | null;
  @Field(() => [AwardTierInput], { nullable: true, description: 'highest tier first' })
  awardTiers?: AwardTierInput[] | null;
  @Field(() => TiePolicy, { nullable: true }) tiePolicy?: TiePolicy | null;
  @Field(() => QuotaInput, { nullable: true }) advancement?: QuotaInput | null;
}

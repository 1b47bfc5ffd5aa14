import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Aggregation, QuotaMode, RankingScope, RoundStatus, TiePolicy } from '../round/round-enums';

@ObjectType('Criterion')
export class CriterionModel {
  @Field(() => ID) id!: string;
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) weight!: number;
  @Field(() => Float) maxScore!: number;
  @Field(() => Float) step!: number;
}

@ObjectType('Quota')
export class QuotaModel {
  @Field(() => QuotaMode) mode!: QuotaMode;
  @Field(() => Float) value!: number;
}

@ObjectType('AwardTier')
export class AwardTierModel {
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) rank!: number;
  @Field(() => QuotaModel) quota!: QuotaModel;
}

@ObjectType('Round')
export class RoundModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) sequence!: number;
  @Field(() => RoundStatus) status!: RoundStatus;
  @Field(() => ID, { nullable: true }) previousRoundId!: string | null;
  @Field(() => Int) judgesPerEntry!: number;
  @Field(() => Int) minSheets!: number;
  @Field(() => Aggregation) aggregation!: Aggregation;
  @Field(() => Int) trimCount!: number;
  @Field(() => RankingScope) rankingScope!: RankingScope;
  @Field(() => [String]) tieBreakCriteria!: string[];
  @Field(() => Boolean) blind!: boolean;
  @Field(() => TiePolicy) tiePolicy!: TiePolicy;
  @Field(() => QuotaModel, { nullable: true }) advancement!: QuotaModel | null;
}

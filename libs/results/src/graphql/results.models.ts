import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { EntryModel } from '@app/entries';
import { AwardTierModel } from '@app/judging';

@ObjectType('Tabulation')
export class TabulationModel {
  @Field(() => Int) version!: number;
  @Field(() => Date) computedAt!: Date;
  @Field(() => String) hash!: string;
}

@ObjectType('CriterionResult')
export class CriterionResultModel {
  @Field(() => String) criterionKey!: string;
  @Field(() => Float) score!: number;
}

@ObjectType('EntryResult')
export class EntryResultModel {
  @Field(() => EntryModel) entry!: EntryModel;
  @Field(() => String) scopeKey!: string;
  @Field(() => Int) sheetCount!: number;
  @Field(() => Boolean) complete!: boolean;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The exact aggregate as a reduced fraction 'p/q' (MEAN, TRIMMED_MEAN, MEDIAN); null for ZSCORE.",
  })
  scoreExact!: string | null;
  @Field(() => Int, { nullable: true }) rank!: number | null;
  @Field(() => AwardTierModel, { nullable: true }) award!: AwardTierModel | null;
  @Field(() => Boolean) advanced!: boolean;
  @Field(() => [CriterionResultModel]) criterionScores!: CriterionResultModel[];
}

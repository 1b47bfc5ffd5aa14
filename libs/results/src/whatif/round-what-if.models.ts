import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EntryModel } from '@app/entries';
import { UserModel } from '@app/identity';
import { Aggregation, AwardTierModel } from '@app/judging';

/** The four aggregations of §3, then the judge-bias model (docs/api-additions.md). */
export enum WhatIfMethod {
  MEAN = 'MEAN',
  TRIMMED_MEAN = 'TRIMMED_MEAN',
  MEDIAN = 'MEDIAN',
  ZSCORE = 'ZSCORE',
  /** total = entry quality + judge bias + noise, least squares; entries ranked by quality */
  JUDGE_BIAS = 'JUDGE_BIAS',
}
registerEnumType(WhatIfMethod, { name: 'WhatIfMethod' });

@ObjectType('WhatIfMethodSummary')
export class WhatIfMethodSummaryModel {
  @Field(() => WhatIfMethod) method!: WhatIfMethod;
  @Field(() => Boolean, { description: "the round's own aggregation, compared against" })
  own!: boolean;
  @Field(() => Boolean, {
    description:
      "false when a MIN_SCORE quota would be read on another scale (ZSCORE's z against points): then no awards or advancement under this method",
  })
  awardsComparable!: boolean;
  @Field(() => Float, {
    nullable: true,
    description: "Kendall's τ-b between this method's ranks and the round's own, within scopes",
  })
  kendallTau!: number | null;
  @Field(() => Int) entriesChangingAward!: number;
  @Field(() => Int) entriesChangingAdvancement!: number;
  @Field(() => Int) entriesChangingRank!: number;
}

@ObjectType('WhatIfOutcome')
export class WhatIfOutcomeModel {
  @Field(() => WhatIfMethod) method!: WhatIfMethod;
  @Field(() => Float, { nullable: true, description: 'for JUDGE_BIAS the fitted quality' })
  score!: number | null;
  @Field(() => String, { nullable: true }) scoreExact!: string | null;
  @Field(() => Int, { nullable: true }) rank!: number | null;
  @Field(() => AwardTierModel, { nullable: true }) award!: AwardTierModel | null;
  @Field(() => Boolean) advanced!: boolean;
  @Field(() => Int, {
    nullable: true,
    description: 'tiers gained (+) or lost (−) against the own award; null if not comparable',
  })
  tierShift!: number | null;
  @Field(() => Int, { nullable: true, description: 'places gained (+) against the own rank' })
  rankShift!: number | null;
}

@ObjectType('WhatIfEntry')
export class WhatIfEntryModel {
  @Field(() => EntryModel) entry!: EntryModel;
  @Field(() => String) scopeKey!: string;
  @Field(() => Int) sheetCount!: number;
  @Field(() => Boolean) complete!: boolean;
  @Field(() => Boolean, { description: 'the award is not the same under every comparable method' })
  awardDependsOnMethod!: boolean;
  @Field(() => Boolean) advancementDependsOnMethod!: boolean;
  @Field(() => [WhatIfOutcomeModel], { description: 'one per method, in WhatIfMethod order' })
  outcomes!: WhatIfOutcomeModel[];
}

@ObjectType('JudgeBias')
export class JudgeBiasModel {
  @Field(() => UserModel) judge!: UserModel;
  @Field(() => Int) sheets!: number;
  @Field(() => Float, {
    description: 'points the judge adds to an entry, against the average judge of the component',
  })
  bias!: number;
  @Field(() => String, {
    nullable: true,
    description: "exactly, as 'p/q', when short (see api-additions)",
  })
  biasExact!: string | null;
  @Field(() => Int, { description: 'the connected component (judges linked by shared entries)' })
  component!: number;
}

@ObjectType('RoundWhatIf')
export class RoundWhatIfModel {
  @Field(() => ID) roundId!: string;
  @Field(() => Aggregation, { description: "the round's own aggregation" })
  aggregation!: Aggregation;
  @Field(() => Int, { nullable: true, description: 'the latest stored tabulation' })
  tabulationVersion!: number | null;
  @Field(() => Boolean, {
    description: 'the own method recomputed now gives the stored tabulation (same hash)',
  })
  matchesStoredTabulation!: boolean;
  @Field(() => [WhatIfMethodSummaryModel]) methods!: WhatIfMethodSummaryModel[];
  @Field(() => Int, { description: 'entries whose award depends on the method' })
  entriesDependingOnMethod!: number;
  @Field(() => [WhatIfEntryModel], {
    description: "in the round's own result order; with changesOnly, only those that change",
  })
  entries!: WhatIfEntryModel[];
  @Field(() => [JudgeBiasModel]) judgeBiases!: JudgeBiasModel[];
  @Field(() => Int, { description: 'connected components of judges and entries in the fit' })
  components!: number;
}

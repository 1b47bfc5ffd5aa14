import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EntryModel } from '@app/entries';
import { UserModel } from '@app/identity';
import { PanelModel } from '@app/judging';

/** The design an agreement figure was computed for (judging-rules.md §11). */
export enum AgreementModel {
  /** judges differ from entry to entry: ICC(1,·) only */
  ONE_WAY = 'ONE_WAY',
  /** every judge scored every entry used: the two-way ICCs and Kendall's W */
  TWO_WAY = 'TWO_WAY',
}
registerEnumType(AgreementModel, { name: 'AgreementModel' });

@ObjectType('JudgeQuality')
export class JudgeQualityModel {
  @Field(() => UserModel) judge!: UserModel;
  @Field(() => PanelModel, { nullable: true, description: "the judge's panel in this round" })
  panel!: PanelModel | null;
  @Field(() => Int, { description: 'counted sheets (§2)' }) sheets!: number;
  @Field(() => Float, { description: 'mean of the sheet totals, exact, rounded to 3 decimals' })
  meanTotal!: number;
  @Field(() => Float, { description: 'population standard deviation of the totals (σ of §3)' })
  sdTotal!: number;
  @Field(() => Int, {
    description: 'entries the judge scored that at least one other judge scored too',
  })
  coJudgedEntries!: number;
  @Field(() => Float, {
    nullable: true,
    description:
      "leniency: mean over those entries of (the judge's total − the co-judges' mean), in points, rounded to 3 decimals; positive = more lenient; null without such an entry",
  })
  leniency!: number | null;
  @Field(() => String, { nullable: true, description: "leniency exactly, as 'p/q'" })
  leniencyExact!: string | null;
  @Field(() => Float, {
    nullable: true,
    description:
      "Spearman's rank correlation with the co-judges' mean totals on those entries (3 decimals); null below 3 entries or without spread",
  })
  spearman!: number | null;
}

@ObjectType('AgreementFigure')
export class AgreementFigureModel {
  @Field(() => String, { description: 'ICC11, ICC1K, ICC21, ICC2K, ICC31 or ICC3K' })
  method!: string;
  @Field(() => String, { description: "Shrout & Fleiss's name: ICC(3,k)" }) name!: string;
  @Field(() => String, { description: "McGraw & Wong's name: ICC(C,k)" }) mcGrawWong!: string;
  @Field(() => Float, {
    nullable: true,
    description: 'rounded to 3 decimals; null where undefined',
  })
  value!: number | null;
  @Field(() => String, { nullable: true, description: "exact, as 'p/q'" }) exact!: string | null;
}

@ObjectType('KendallW')
export class KendallWModel {
  @Field(() => Float, {
    nullable: true,
    description: "Kendall's W with the tie correction, 3 decimals; null where undefined",
  })
  w!: number | null;
  @Field(() => String, { nullable: true, description: "W exactly, as 'p/q'" }) wExact!:
    string | null;
  @Field(() => Float, { nullable: true, description: 'χ² = m·(n − 1)·W, 3 decimals' })
  chiSquare!: number | null;
  @Field(() => String, { nullable: true }) chiSquareExact!: string | null;
  @Field(() => Int, { description: 'n − 1' }) df!: number;
  @Field(() => Float, { nullable: true, description: 'P(χ²_df ≥ χ²)' }) pValue!: number | null;
  @Field(() => Int, { description: 'm, the judges (columns)' }) judges!: number;
  @Field(() => Int, { description: 'n, the entries (rows)' }) entries!: number;
}

@ObjectType('PanelQuality')
export class PanelQualityModel {
  @Field(() => PanelModel) panel!: PanelModel;
  @Field(() => String, {
    description: 'ICC1K: `agreement` is ICC(1,k), one-way, k = judgesPerEntry (see `headline`)',
  })
  method!: string;
  @Field(() => Int) k!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'ICC(1,k); null where undefined (see api-additions)',
  })
  agreement!: number | null;
  @Field(() => Int, { description: 'entries with exactly k counted sheets' }) entriesUsed!: number;
  @Field(() => Int) entriesLeftOut!: number;
  @Field(() => AgreementModel, { description: 'the design the figures below were computed for' })
  model!: AgreementModel;
  @Field(() => AgreementFigureModel, {
    description: 'the figure to judge the panel by: ICC(3,k) when crossed, ICC(1,k) otherwise',
  })
  headline!: AgreementFigureModel;
  @Field(() => [AgreementFigureModel], {
    description: "the model's ICCs: ICC(1,1) and ICC(1,k) one-way, all six two-way",
  })
  icc!: AgreementFigureModel[];
  @Field(() => KendallWModel, { nullable: true, description: 'two-way only' })
  kendall!: KendallWModel | null;
}

@ObjectType('RoundAgreement')
export class RoundAgreementModel {
  @Field(() => AgreementModel) model!: AgreementModel;
  @Field(() => Int) k!: number;
  @Field(() => Int) entriesUsed!: number;
  @Field(() => Int) entriesLeftOut!: number;
  @Field(() => AgreementFigureModel) headline!: AgreementFigureModel;
  @Field(() => [AgreementFigureModel]) icc!: AgreementFigureModel[];
  @Field(() => KendallWModel, { nullable: true }) kendall!: KendallWModel | null;
}

@ObjectType('CuspEntry')
export class CuspEntryModel {
  @Field(() => EntryModel) entry!: EntryModel;
  @Field(() => String) scopeKey!: string;
  @Field(() => String, { description: 'an award tier key, or ADVANCEMENT' }) boundary!: string;
  @Field(() => Boolean, { description: 'has that tier (or a higher one) / advanced' })
  inside!: boolean;
  @Field(() => Float) boundaryScore!: number;
  @Field(() => Float) score!: number;
  @Field(() => Float) distance!: number;
}

@ObjectType('RoundQuality')
export class RoundQualityModel {
  @Field(() => Int, { nullable: true, description: 'the tabulation the cusps come from' })
  tabulationVersion!: number | null;
  @Field(() => Float) margin!: number;
  @Field(() => [JudgeQualityModel]) judges!: JudgeQualityModel[];
  @Field(() => [PanelQualityModel]) panels!: PanelQualityModel[];
  @Field(() => RoundAgreementModel, {
    description: "the round's entries together, whatever their panel (one-way unless crossed)",
  })
  agreement!: RoundAgreementModel;
  @Field(() => [CuspEntryModel]) cusps!: CuspEntryModel[];
}

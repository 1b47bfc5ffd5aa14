import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { EntryModel } from '@app/entries';
import { UserModel } from '@app/identity';
import { PanelModel } from '@app/judging';

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
}

@ObjectType('PanelQuality')
export class PanelQualityModel {
  @Field(() => PanelModel) panel!: PanelModel;
  @Field(() => String, { description: 'ICC1K: ICC(1,k), one-way, k = judgesPerEntry' })
  method!: string;
  @Field(() => Int) k!: number;
  @Field(() => Float, { nullable: true, description: 'null where undefined (see api-additions)' })
  agreement!: number | null;
  @Field(() => Int, { description: 'entries with exactly k counted sheets' }) entriesUsed!: number;
  @Field(() => Int) entriesLeftOut!: number;
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
  @Field(() => [CuspEntryModel]) cusps!: CuspEntryModel[];
}

import { RoundAwardTierEntity, RoundCriterionEntity, RoundEntity } from '../round/round.entity';
import { AwardTierModel, CriterionModel, RoundModel } from './round.models';

/** DECIMAL(12,2) comes back as a string ("7.50"): its shortest double is the API's Float. */
const float = (decimal: string) => Number(decimal);

export function toRoundModel(round: RoundEntity): RoundModel {
  return {
    id: round.id,
    eventId: round.eventId,
    name: round.name,
    sequence: round.sequence,
    status: round.status,
    previousRoundId: round.previousRoundId,
    judgesPerEntry: round.judgesPerEntry,
    minSheets: round.minSheets,
    aggregation: round.aggregation,
    trimCount: round.trimCount,
    rankingScope: round.rankingScope,
    tieBreakCriteria: JSON.parse(round.tieBreakCriteria) as string[],
    blind: Boolean(round.blind),
    tiePolicy: round.tiePolicy,
    advancement:
      round.advancementMode && round.advancementValue !== null
        ? { mode: round.advancementMode, value: float(round.advancementValue) }
        : null,
  };
}

export function toCriterionModel(c: RoundCriterionEntity): CriterionModel {
  return {
    id: c.id,
    key: c.key,
    name: c.name,
    weight: c.weight,
    maxScore: float(c.maxScore),
    step: float(c.step),
  };
}

export function toAwardTierModel(t: RoundAwardTierEntity): AwardTierModel {
  return {
    key: t.key,
    name: t.name,
    rank: t.rank,
    quota: { mode: t.quotaMode, value: float(t.quotaValue) },
  };
}

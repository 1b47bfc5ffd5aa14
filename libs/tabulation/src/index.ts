export { tabulate, tabulateWithAggregates, roundDouble } from './tabulate';
export { TabulationInputError } from './errors';
export type { TabulationInputReason } from './errors';
export { parseHundredths } from './decimal';
export type { DecimalInput } from './decimal';
export { Rational, decimalOfRatio, gcd, ratioToDouble, roundedRatio } from './rational';
export { compareCodePoints } from './order';
export {
  prepareCriteria,
  readScores,
  sheetNumerator,
  sheetTotal,
  sheetTotalRounded,
} from './sheet-total';
export type { CriteriaPlan, PreparedCriterion } from './sheet-total';
export {
  JudgeStatsBuilder,
  aggregateRun,
  exactAggregate,
  judgeStats,
  meanZ,
  zScore,
} from './aggregate';
export type { ExactAggregation, JudgeStats, JudgeZ, Numerators } from './aggregate';
export { compareCriterionMeans, criterionMean, criterionScore } from './per-criterion';
export {
  ZSCORE_KEY_DECIMALS,
  compareZscoreKeys,
  zscoreKey,
  zscoreKeyReaches,
  zscoreKeyValue,
} from './zscore-key';
export {
  EXACT_ORDER,
  ZSCORE_KEY_ORDER,
  ZSCORE_ORDER,
  compareRationalLists,
  competitionRanks,
  tieSizes,
} from './rank';
export type { AggregateOrder, Rankable } from './rank';
export { assignTiers, meetsMinScore, places, prepareQuota } from './awards';
export type { Aggregate, Quota } from './awards';
export { assignAdvancement } from './advancement';
export { canonicalResultsJson, compareResultOrder, tabulationHash } from './canonical';
export type { CanonicalResult } from './canonical';
export { prepareRound } from './settings';
export type { PreparedTier, RoundPlan } from './settings';
export * from './quality';
export * from './whatif';
export type {
  Aggregation,
  AwardTierInput,
  CriterionInput,
  CriterionResult,
  EntryInput,
  EntryResult,
  EntryStatus,
  QuotaInput,
  QuotaMode,
  RankingScope,
  RoundSettings,
  ScoreInput,
  SheetInput,
  TabulationInput,
  TabulationOutput,
  TiePolicy,
} from './types';

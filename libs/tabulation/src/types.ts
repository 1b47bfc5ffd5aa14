import { DecimalInput } from './decimal';

/** The names the GraphQL schema uses (apps/api/schema.gql). */
export type Aggregation = 'MEAN' | 'TRIMMED_MEAN' | 'MEDIAN' | 'ZSCORE';
export type RankingScope = 'CATEGORY' | 'PARENT_CATEGORY' | 'ROUND';
export type QuotaMode = 'COUNT' | 'PERCENT' | 'MIN_SCORE';
export type TiePolicy = 'INCLUDE_TIES' | 'EXCLUDE_TIES';
export type EntryStatus =
  'DRAFT' | 'SUBMITTED' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN' | 'DISQUALIFIED';

export interface CriterionInput {
  key: string;
  /** An integer; the weights of a round add up to exactly 100. */
  weight: number;
  maxScore: DecimalInput;
  step: DecimalInput;
}

export interface QuotaInput {
  mode: QuotaMode;
  value: DecimalInput;
}

export interface AwardTierInput {
  key: string;
  quota: QuotaInput;
}

/** The settings of a round that the tabulation reads (§1, §3–§6). */
export interface RoundSettings {
  criteria: readonly CriterionInput[];
  judgesPerEntry: number;
  /** Default: `judgesPerEntry`. */
  minSheets?: number | null;
  aggregation: Aggregation;
  /** Default 1; read only for TRIMMED_MEAN. */
  trimCount?: number | null;
  rankingScope: RankingScope;
  tieBreakCriteria?: readonly string[] | null;
  /** Highest tier first (the tier of AwardTier.rank 1 comes first). */
  awardTiers?: readonly AwardTierInput[] | null;
  /** Default INCLUDE_TIES. */
  tiePolicy?: TiePolicy | null;
  advancement?: QuotaInput | null;
}

export interface EntryInput {
  id: string;
  /** The exhibit code, as results and the hash name entries. */
  code: string;
  /** The code of the entry's own category (its scope under CATEGORY). */
  categoryCode: string;
  /**
   * The code of its top-level category (its scope under PARENT_CATEGORY); absent means the
   * entry's own category has no parent.
   */
  topCategoryCode?: string | null;
  /** DISQUALIFIED and WITHDRAWN entries, and their sheets, are left out altogether (§2). */
  status?: EntryStatus | null;
}

export interface ScoreInput {
  criterionKey: string;
  value: DecimalInput;
}

/** A counted sheet (§2): SUBMITTED, of an assignment that is not RECUSED. */
export interface SheetInput {
  entryId: string;
  judgeId: string;
  scores: readonly ScoreInput[];
}

export interface TabulationInput {
  round: RoundSettings;
  entries: readonly EntryInput[];
  sheets: readonly SheetInput[];
}

export interface CriterionResult {
  criterionKey: string;
  score: number;
}

/** One row of `roundResults` (the contract's EntryResult, with the entry as id and code). */
export interface EntryResult {
  entryId: string;
  entryCode: string;
  scopeKey: string;
  sheetCount: number;
  complete: boolean;
  /** 3 decimals (4 for ZSCORE), rounded half-up; null without sheets. */
  score: number | null;
  /** The exact aggregate as a reduced "p/q"; null for ZSCORE and without sheets. */
  scoreExact: string | null;
  rank: number | null;
  /** The award tier's key. */
  award: string | null;
  advanced: boolean;
  /** In the round's criteria order; empty without sheets. */
  criterionScores: CriterionResult[];
}

export interface TabulationOutput {
  /** In the order of §7: scopeKey, then rank (nulls last), then entry code. */
  results: EntryResult[];
  /** sha256 hex of the canonical JSON of the results (§7). */
  hash: string;
}

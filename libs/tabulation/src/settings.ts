import { Quota, prepareQuota } from './awards';
import { TabulationInputError } from './errors';
import { CriteriaPlan, prepareCriteria } from './sheet-total';
import { Aggregation, RankingScope, RoundSettings, TiePolicy } from './types';

const AGGREGATIONS: readonly Aggregation[] = ['MEAN', 'TRIMMED_MEAN', 'MEDIAN', 'ZSCORE'];
const SCOPES: readonly RankingScope[] = ['CATEGORY', 'PARENT_CATEGORY', 'ROUND'];
const TIE_POLICIES: readonly TiePolicy[] = ['INCLUDE_TIES', 'EXCLUDE_TIES'];

export interface PreparedTier {
  key: string;
  quota: Quota;
}

/** A round's settings, checked, with every default of the rules filled in. */
export interface RoundPlan {
  criteria: CriteriaPlan;
  minSheets: number;
  aggregation: Aggregation;
  trimCount: number;
  scope: RankingScope;
  /** Indexes into `criteria.criteria`, in tie-break order. */
  tieBreaks: readonly number[];
  /** Highest first. */
  tiers: readonly PreparedTier[];
  tiePolicy: TiePolicy;
  advancement: Quota | null;
}

/** Every check the rules make when a round is created or updated, so bad settings never tabulate. */
export function prepareRound(round: RoundSettings): RoundPlan {
  const bad = (message: string) => new TabulationInputError('INVALID_ROUND', message);
  const criteria = prepareCriteria(round.criteria);
  if (!AGGREGATIONS.includes(round.aggregation)) {
    throw bad(`aggregation ${String(round.aggregation)}`);
  }
  if (!SCOPES.includes(round.rankingScope)) throw bad(`rankingScope ${String(round.rankingScope)}`);
  const tiePolicy = round.tiePolicy ?? 'INCLUDE_TIES';
  if (!TIE_POLICIES.includes(tiePolicy)) throw bad(`tiePolicy ${String(tiePolicy)}`);

  const { judgesPerEntry } = round;
  if (!Number.isInteger(judgesPerEntry) || judgesPerEntry < 1) {
    throw bad('judgesPerEntry must be ≥ 1');
  }
  const minSheets = round.minSheets ?? judgesPerEntry;
  if (!Number.isInteger(minSheets) || minSheets < 1 || minSheets > judgesPerEntry) {
    throw bad('minSheets must lie in [1, judgesPerEntry]');
  }
  const trimCount = round.trimCount ?? 1;
  if (!Number.isInteger(trimCount) || trimCount < 0) {
    throw bad('trimCount must be a whole number ≥ 0');
  }

  const tieBreaks = (round.tieBreakCriteria ?? []).map((key) => {
    const index = criteria.indexByKey.get(key);
    if (index === undefined) throw bad(`tie-break ${JSON.stringify(key)} is not a criterion`);
    return index;
  });

  const zscore = round.aggregation === 'ZSCORE';
  const keys = new Set<string>();
  const tiers = (round.awardTiers ?? []).map((tier, k): PreparedTier => {
    if (typeof tier.key !== 'string' || tier.key === '') throw bad('an award tier needs a key');
    if (keys.has(tier.key)) throw bad(`award tier ${tier.key} is repeated`);
    keys.add(tier.key);
    return { key: tier.key, quota: prepareQuota(tier.quota, `awardTiers[${k}]`, zscore) };
  });
  if (tiers.some((t) => t.quota.mode !== tiers[0].quota.mode)) {
    throw bad('all tiers use one quota mode');
  }
  const advancement = round.advancement
    ? prepareQuota(round.advancement, 'advancement', zscore)
    : null;

  return {
    criteria,
    minSheets,
    aggregation: round.aggregation,
    trimCount,
    scope: round.rankingScope,
    tieBreaks,
    tiers,
    tiePolicy,
    advancement,
  };
}

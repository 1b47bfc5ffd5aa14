import { parseHundredths } from './decimal';
import { TabulationInputError } from './errors';
import { Rational } from './rational';
import { tieSizes } from './rank';
import { QuotaInput, QuotaMode, TiePolicy } from './types';
import { zscoreKey, zscoreKeyReaches } from './zscore-key';

export interface Quota {
  mode: QuotaMode;
  /** The value in hundredths, exact. */
  hundredths: number;
}

/**
 * Checks a quota as §5 says (COUNT whole and ≥ 0, PERCENT in [0, 100], MIN_SCORE in the
 * aggregate's range: [0, 100] for the exact aggregations, any value for ZSCORE).
 */
export function prepareQuota(input: QuotaInput, what: string, zscore: boolean): Quota {
  const bad = (message: string) => new TabulationInputError('INVALID_ROUND', `${what}: ${message}`);
  if (input === null || typeof input !== 'object') throw bad('missing quota');
  const hundredths = parseHundredths(input.value, what, 'INVALID_ROUND');
  switch (input.mode) {
    case 'COUNT':
      if (hundredths < 0 || hundredths % 100 !== 0) throw bad('a COUNT is a whole number ≥ 0');
      break;
    case 'PERCENT':
      if (hundredths < 0 || hundredths > 100_00) throw bad('a PERCENT lies in [0, 100]');
      break;
    case 'MIN_SCORE':
      if (!zscore && (hundredths < 0 || hundredths > 100_00)) {
        throw bad('a MIN_SCORE lies in [0, 100]');
      }
      break;
    default:
      throw bad(`unknown quota mode ${String(input.mode)}`);
  }
  return { mode: input.mode, hundredths };
}

/**
 * n_k, the places of a COUNT or PERCENT tier in a scope of N complete entries. PERCENT:
 * floor(value·N/100 + 1/2) exactly; with value = h/100, that is floor((h·N + 5000) / 10000).
 */
export function places(quota: Quota, completeEntries: number): number {
  if (quota.mode === 'COUNT') return quota.hundredths / 100;
  if (quota.mode === 'PERCENT') {
    return Math.floor((quota.hundredths * completeEntries + 5000) / 10000);
  }
  throw new RangeError('places: MIN_SCORE has no places');
}

/**
 * An aggregate as awards compare it with a MIN_SCORE value: an exact fraction; for ZSCORE its
 * key (a bigint, see zscoreKey), which is what the tabulation passes, or the double itself,
 * whose key is then taken here.
 */
export type Aggregate = Rational | bigint | number;

/**
 * §5 MIN_SCORE: value ≤ aggregate, exactly; for ZSCORE, value · 1e9 ≤ K, the aggregate's key
 * (§3), compared as integers.
 */
export function meetsMinScore(quota: Quota, aggregate: Aggregate): boolean {
  if (typeof aggregate === 'bigint') return zscoreKeyReaches(quota.hundredths, aggregate);
  if (typeof aggregate === 'number') {
    return zscoreKeyReaches(quota.hundredths, zscoreKey(aggregate));
  }
  return Rational.fromHundredths(quota.hundredths).compare(aggregate) <= 0;
}

/**
 * The tier (index into `tiers`, highest first; -1 for none) of each complete entry of one
 * scope, given its rank and aggregate. All tiers share one mode (§5).
 *
 * COUNT / PERCENT: the first tier k with r ≤ C_k (INCLUDE_TIES) or r + m − 1 ≤ C_k
 * (EXCLUDE_TIES), C_k = n_1 + … + n_k and m the number of entries sharing rank r.
 * MIN_SCORE: the first tier whose value the aggregate reaches; ties cannot split it.
 */
export function assignTiers(
  tiers: readonly Quota[],
  ranks: readonly number[],
  aggregates: readonly Aggregate[],
  policy: TiePolicy,
): number[] {
  if (tiers.length === 0) return ranks.map(() => -1);
  if (tiers[0].mode === 'MIN_SCORE') {
    return aggregates.map((aggregate) => tiers.findIndex((tier) => meetsMinScore(tier, aggregate)));
  }
  const cumulative: number[] = [];
  let total = 0;
  for (const tier of tiers) {
    total += places(tier, ranks.length);
    cumulative.push(total);
  }
  const sizes = tieSizes(ranks);
  return ranks.map((r) => {
    const last = policy === 'EXCLUDE_TIES' ? r + sizes.get(r)! - 1 : r;
    return cumulative.findIndex((c) => last <= c);
  });
}

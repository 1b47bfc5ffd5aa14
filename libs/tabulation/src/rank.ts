import { compareBigints, compareCodePoints } from './order';
import { Rational } from './rational';
import { compareZscoreKeys } from './zscore-key';

/** How a scope's aggregates compare: exactly (fractions) or by ZSCORE's key. */
export interface AggregateOrder<A> {
  /** Ascending; a total order (transitive), so equal aggregates form classes. */
  compare(a: A, b: A): number;
  /** Whether two aggregates count as equal (compare(a, b) === 0). */
  equal(higher: A, lower: A): boolean;
}

export const EXACT_ORDER: AggregateOrder<Rational> = {
  compare: (a, b) => a.compare(b),
  equal: (a, b) => a.equals(b),
};

/**
 * §3: ZSCORE aggregates (doubles) compare by their keys, each rounded half-up to 9 decimals
 * as an integer count of 1e-9 (see zscoreKey). Comparing keys is a total order, so ties are
 * an equivalence. It computes the keys at each comparison; the tabulation computes each key
 * once and ranks the keys themselves (ZSCORE_KEY_ORDER), which gives the same ranks.
 */
export const ZSCORE_ORDER: AggregateOrder<number> = {
  compare: compareZscoreKeys,
  equal: (higher, lower) => compareZscoreKeys(higher, lower) === 0,
};

/** ZSCORE keys (zscoreKey), compared as the integers they are. */
export const ZSCORE_KEY_ORDER: AggregateOrder<bigint> = {
  compare: compareBigints,
  equal: (higher, lower) => higher === lower,
};

export interface Rankable<A> {
  /** The entry code: orders entries of equal rank, never changes a rank. */
  code: string;
  aggregate: A;
}

/**
 * Competition ranks (§4) of the complete entries of one scope, aligned with `items`: order by
 * aggregate descending, then by the tie-break criteria (`compareTieBreaks`, ascending like any
 * compare: positive when `a`'s results are the higher ones); entries still equal share a rank,
 * and rank = 1 + the number of entries strictly ahead (1, 2, 2, 4).
 *
 * `order` is a total order (exact fractions, or ZSCORE's keys), so entries with equal
 * aggregates are exactly the runs of equal values once sorted.
 */
export function competitionRanks<A, T extends Rankable<A>>(
  items: readonly T[],
  order: AggregateOrder<A>,
  compareTieBreaks: (a: T, b: T) => number = () => 0,
): number[] {
  const byAggregate = items
    .map((_, i) => i)
    .sort((i, j) => order.compare(items[j].aggregate, items[i].aggregate));
  const group = new Array<number>(items.length);
  for (let k = 0; k < byAggregate.length; k++) {
    const i = byAggregate[k];
    const previous = byAggregate[k - 1];
    group[i] =
      k > 0 && order.equal(items[previous].aggregate, items[i].aggregate) ? group[previous] : k;
  }
  // Negative when item i is ahead of item j.
  const ahead = (i: number, j: number) =>
    group[i] - group[j] || compareTieBreaks(items[j], items[i]);
  const sorted = items
    .map((_, i) => i)
    .sort((i, j) => ahead(i, j) || compareCodePoints(items[i].code, items[j].code));
  const ranks = new Array<number>(items.length);
  for (let k = 0; k < sorted.length; k++) {
    const i = sorted[k];
    const previous = sorted[k - 1];
    ranks[i] = k > 0 && ahead(previous, i) === 0 ? ranks[previous] : k + 1;
  }
  return ranks;
}

/** Lexicographic comparison of two lists of tie-break results (Rationals), ascending. */
export function compareRationalLists(a: readonly Rational[], b: readonly Rational[]): number {
  for (let k = 0; k < a.length; k++) {
    const c = a[k].compare(b[k]);
    if (c !== 0) return c;
  }
  return 0;
}

/** How many entries share each rank (the `m` of §5's EXCLUDE_TIES). */
export function tieSizes(ranks: readonly number[]): Map<number, number> {
  const sizes = new Map<number, number>();
  for (const r of ranks) sizes.set(r, (sizes.get(r) ?? 0) + 1);
  return sizes;
}

import { compareCodePoints } from './order';
import { Rational } from './rational';

/** How a scope's aggregates compare: exactly (fractions) or with ZSCORE's tolerance. */
export interface AggregateOrder<A> {
  /** Ascending. */
  compare(a: A, b: A): number;
  /** Whether two aggregates, `higher` ≥ `lower`, count as equal. */
  equal(higher: A, lower: A): boolean;
}

export const EXACT_ORDER: AggregateOrder<Rational> = {
  compare: (a, b) => a.compare(b),
  equal: (a, b) => a.equals(b),
};

/** §3: two ZSCORE aggregates whose difference is below 1e-9 are equal. */
export const ZSCORE_EPSILON = 1e-9;

export const ZSCORE_ORDER: AggregateOrder<number> = {
  compare: (a, b) => a - b,
  equal: (higher, lower) => higher - lower < ZSCORE_EPSILON,
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
 * ZSCORE's "equal within 1e-9" is not transitive (0, 0.6e-9 and 1.2e-9). Ranks need an
 * equivalence, so aggregates are grouped by that relation's transitive closure: a run of
 * sorted aggregates each within 1e-9 of the next is one group. This is the finest grouping
 * that never separates two aggregates the rules call equal; for exact aggregates it is plain
 * equality.
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

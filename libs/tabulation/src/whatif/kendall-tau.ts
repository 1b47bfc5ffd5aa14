import { compareCodePoints } from '../order';
import { roundDouble } from '../tabulate';

/** One item ranked twice; pairs are only formed within a group (a ranking scope). */
export interface RankedTwice {
  group: string;
  x: number;
  y: number;
}

/** Kendall's τ-b of two rankings, with the counts it comes from. */
export interface KendallTau {
  /** Pairs within the groups. */
  pairs: number;
  /** Concordant minus discordant pairs. */
  concordantMinusDiscordant: number;
  /** Pairs tied in x, in y. */
  tiedX: number;
  tiedY: number;
  /**
   * (C − D) / √((n₀ − n_x)(n₀ − n_y)), rounded half-up to 3 decimals: 1 when the two rankings
   * order every pair alike, −1 when reversed. Null when either ranking ties every pair.
   */
  value: number | null;
}

/**
 * Kendall's τ-b (Kendall 1945, the form with ties in both rankings) of x against y, pooled
 * over the groups: pairs of items in different groups are not compared (two scopes' ranks say
 * nothing about each other), and the counts of every group are added before the one division.
 *
 * Knight's O(n log n) method (Knight 1966) per group: sort by (x, y), count the pairs tied in x
 * and in both, count the discordant pairs as the inversions of y in that order by a merge sort
 * (pairs tied in x are in y order, so they add none), then the pairs tied in y.
 * C − D = n₀ − n_x − n_y + n_xy − 2·inversions. The counts are whole numbers; only the square
 * root is a double.
 */
export function kendallTauB(items: readonly RankedTwice[]): KendallTau {
  const groups = new Map<string, RankedTwice[]>();
  for (const item of items) {
    const group = groups.get(item.group) ?? [];
    group.push(item);
    groups.set(item.group, group);
  }
  let pairs = 0;
  let difference = 0;
  let tiedX = 0;
  let tiedY = 0;
  for (const key of [...groups.keys()].sort(compareCodePoints)) {
    const counts = groupCounts(groups.get(key)!);
    pairs += counts.pairs;
    difference += counts.difference;
    tiedX += counts.tiedX;
    tiedY += counts.tiedY;
  }
  const denominator = (pairs - tiedX) * (pairs - tiedY);
  return {
    pairs,
    concordantMinusDiscordant: difference,
    tiedX,
    tiedY,
    value: denominator > 0 ? roundDouble(difference / Math.sqrt(denominator), 3) : null,
  };
}

function groupCounts(group: RankedTwice[]) {
  const n = group.length;
  const sorted = [...group].sort((a, b) => a.x - b.x || a.y - b.y);
  const pairs = (n * (n - 1)) / 2;
  const tiedX = tiedPairs(sorted, (a, b) => a.x === b.x);
  const tiedBoth = tiedPairs(sorted, (a, b) => a.x === b.x && a.y === b.y);
  const ys = sorted.map((item) => item.y);
  const inversions = sortCountingInversions(ys);
  const tiedY = tiedPairs(ys, (a, b) => a === b); // ys is sorted now
  return { pairs, tiedX, tiedY, difference: pairs - tiedX - tiedY + tiedBoth - 2 * inversions };
}

/** Σ t(t − 1)/2 over the runs of equal neighbours of a sorted list. */
function tiedPairs<T>(sorted: readonly T[], equal: (a: T, b: T) => boolean): number {
  let total = 0;
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && equal(sorted[i - 1], sorted[i])) {
      run++;
      continue;
    }
    total += (run * (run - 1)) / 2;
    run = 1;
  }
  return total;
}

/** Sorts `values` in place (ascending) by a bottom-up merge sort; the pairs i < j with v_i > v_j. */
function sortCountingInversions(values: number[]): number {
  let inversions = 0;
  let from = values;
  let to = new Array<number>(values.length);
  for (let width = 1; width < values.length; width *= 2) {
    for (let start = 0; start < values.length; start += 2 * width) {
      const middle = Math.min(start + width, values.length);
      const end = Math.min(start + 2 * width, values.length);
      let i = start;
      let j = middle;
      let k = start;
      while (i < middle && j < end) {
        if (from[j] < from[i]) {
          inversions += middle - i; // every value left in the first half is greater
          to[k++] = from[j++];
        } else to[k++] = from[i++];
      }
      while (i < middle) to[k++] = from[i++];
      while (j < end) to[k++] = from[j++];
    }
    [from, to] = [to, from];
  }
  if (from !== values) for (let i = 0; i < values.length; i++) values[i] = from[i];
  return inversions;
}

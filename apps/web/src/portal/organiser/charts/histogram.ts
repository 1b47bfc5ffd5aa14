import { ceilDiv, Fraction, floorDiv, fractionOf, unitsText } from './exact';

/** An entry's aggregate score and its category, as the histogram counts it. */
export interface ScoredEntry {
  score: number | null;
  scoreExact: string | null;
  categoryCode: string;
  categoryName: string;
}

export interface HistogramBin {
  /** the lower edge, included */
  from: string;
  /** the upper edge: excluded, but for the last bin, which holds the top score */
  to: string;
  total: number;
  /** counts in the order of Histogram.categories */
  byCategory: number[];
}

export interface Histogram {
  bins: HistogramBin[];
  categories: Array<{ code: string; name: string }>;
  /** entries counted (with a score) */
  scored: number;
  /** entries without a score (no sheet), left out of the bins */
  unscored: number;
}

/** Steps of 1, 2 or 5 × a power of ten, from 0.1 up: the bins' width, as few as fit. */
const STEPS: Array<{ m: bigint; k: number }> = [-1, 0, 1, 2, 3, 4, 5].flatMap((k) =>
  [1n, 2n, 5n].map((m) => ({ m, k })),
);

/**
 * The entries' scores in at most `maxBins` bins of one round width (1, 2 or 5 × 10ⁿ), each bin
 * [from, to) and the last [from, to], counted per category and in all. Placed by exact
 * fractions (the API's 'p/q' where given): a score on an edge is in the bin that starts there
 * and in no other; the top score is in the last bin.
 */
export function scoreHistogram(entries: readonly ScoredEntry[], maxBins = 10): Histogram {
  const categories = [...new Map(entries.map((e) => [e.categoryCode, e.categoryName] as const))]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const column = new Map(categories.map((c, i) => [c.code, i]));
  const scored = entries.flatMap((e) =>
    e.score === null
      ? []
      : [{ value: fractionOf(e.score, e.scoreExact), column: column.get(e.categoryCode)! }],
  );
  const result: Histogram = {
    bins: [],
    categories,
    scored: scored.length,
    unscored: entries.length - scored.length,
  };
  if (scored.length === 0) return result;

  const values = scored.map((s) => s.value);
  const min = values.reduce((a, b) => (less(b, a) ? b : a));
  const max = values.reduce((a, b) => (less(a, b) ? b : a));
  const grid = gridFor(min, max, maxBins);
  for (let i = 0n; i < grid.count; i++) {
    result.bins.push({
      from: unitsText(grid.lo + i * grid.step, grid.decimals),
      to: unitsText(grid.lo + (i + 1n) * grid.step, grid.decimals),
      total: 0,
      byCategory: categories.map(() => 0),
    });
  }
  const scale = 10n ** BigInt(grid.decimals);
  for (const { value, column: c } of scored) {
    const index = floorDiv(value.p * scale - grid.lo * value.q, grid.step * value.q);
    const bin = result.bins[Number(index < grid.count ? index : grid.count - 1n)];
    bin.total += 1;
    bin.byCategory[c] += 1;
  }
  return result;
}

interface Grid {
  /** the lowest edge and the width, in units of 10^-decimals */
  lo: bigint;
  step: bigint;
  decimals: number;
  count: bigint;
}

/** The narrowest round width that covers [min, max] in at most `maxBins` aligned bins. */
function gridFor(min: Fraction, max: Fraction, maxBins: number): Grid {
  const equal = !less(min, max) && !less(max, min);
  for (const { m, k } of STEPS) {
    if (equal && (k < 0 || m !== 1n)) continue; // one score: one bin of width 1
    const decimals = Math.max(0, -k);
    const step = m * 10n ** BigInt(k + decimals);
    const scale = 10n ** BigInt(decimals);
    const lo = floorDiv(min.p * scale, min.q * step) * step;
    let hi = ceilDiv(max.p * scale, max.q * step) * step;
    if (hi === lo) hi = lo + step;
    const count = (hi - lo) / step;
    if (count <= BigInt(maxBins)) return { lo, step, decimals, count };
  }
  throw new RangeError('scores too far apart for the histogram');
}

function less(a: Fraction, b: Fraction): boolean {
  return a.p * b.q < b.p * a.q;
}

import { compareCodePoints } from './order';
import { Rational, ratioToDouble } from './rational';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The exact aggregations of §3; ZSCORE is computed by `judgeStats`, `zScore` and `meanZ`. */
export type ExactAggregation = 'MEAN' | 'TRIMMED_MEAN' | 'MEDIAN';

/** Sheet numerators L·T (see CriteriaPlan.denominator): integers ≥ 0, as numbers or bigints. */
export type Numerators = readonly number[] | readonly bigint[];

/**
 * Every exact aggregation of n sorted totals is the mean of one contiguous run of them:
 * MEAN all; TRIMMED_MEAN all but the t lowest and t highest when n ≥ 2t + 1, else all (the
 * rules' plain mean); MEDIAN the middle one, or the two middle ones. [from, to) of that run.
 */
export function aggregateRun(
  aggregation: ExactAggregation,
  n: number,
  trimCount = 1,
): [number, number] {
  switch (aggregation) {
    case 'MEAN':
      return [0, n];
    case 'TRIMMED_MEAN':
      return n >= 2 * trimCount + 1 ? [trimCount, n - trimCount] : [0, n];
    case 'MEDIAN':
      return n % 2 === 1 ? [(n - 1) / 2, (n + 1) / 2] : [n / 2 - 1, n / 2 + 1];
  }
}

/**
 * An entry's aggregate from its sheet totals T_i = sortedNumerators[i] / denominator, sorted
 * ascending; null without sheets. Sums stay integers; the one division is the returned
 * fraction's.
 */
export function exactAggregate(
  aggregation: ExactAggregation,
  sortedNumerators: Numerators,
  denominator: bigint,
  trimCount = 1,
): Rational | null {
  const n = sortedNumerators.length;
  if (n === 0) return null;
  const [from, to] = aggregateRun(aggregation, n, trimCount);
  return Rational.of(sumRun(sortedNumerators, from, to), BigInt(to - from) * denominator);
}

function sumRun(values: Numerators, from: number, to: number): number | bigint {
  if (typeof values[0] === 'number') {
    const small = values as readonly number[];
    let sum = 0;
    for (let i = from; i < to; i++) sum += small[i];
    // Terms are ≥ 0, so a safe total means every partial sum was exact.
    if (sum <= Number.MAX_SAFE_INTEGER) return sum;
  }
  let sum = 0n;
  for (let i = from; i < to; i++) sum += BigInt(values[i]);
  return sum;
}

/** One judge's counted sheets in the round, for ZSCORE (§3). */
export interface JudgeStats {
  count: number;
  /** Σ L·T */
  sum: bigint;
  /** σ_j as a double, or 0 where the rules set z = 0 (fewer than 2 sheets, or σ_j = 0). */
  sigma: number;
}

/**
 * Σ K and Σ K² of one judge's sheet numerators, exactly. Small terms are added as numbers and
 * moved into the bigint totals only before a partial sum would leave the safe range (integer
 * addition is associative, so the split changes nothing).
 */
class JudgeSums {
  count = 0;
  private sum = 0n;
  private squares = 0n;
  private smallSum = 0;
  private smallSquares = 0;

  add(numerator: number | bigint): void {
    this.count++;
    if (typeof numerator === 'number') {
      const square = numerator * numerator;
      if (this.smallSum + numerator > Number.MAX_SAFE_INTEGER) this.flushSum();
      this.smallSum += numerator;
      if (square <= Number.MAX_SAFE_INTEGER) {
        if (this.smallSquares + square > Number.MAX_SAFE_INTEGER) this.flushSquares();
        this.smallSquares += square;
        return;
      }
    } else {
      this.sum += numerator;
    }
    const big = BigInt(numerator);
    this.squares += big * big;
  }

  totals(): { sum: bigint; squares: bigint } {
    return {
      sum: this.sum + BigInt(this.smallSum),
      squares: this.squares + BigInt(this.smallSquares),
    };
  }

  private flushSum(): void {
    this.sum += BigInt(this.smallSum);
    this.smallSum = 0;
  }

  private flushSquares(): void {
    this.squares += BigInt(this.smallSquares);
    this.smallSquares = 0;
  }
}

/** Collects every counted sheet of the round by judge, then gives each judge's μ and σ. */
export class JudgeStatsBuilder {
  private readonly byJudge = new Map<string, JudgeSums>();

  add(judgeId: string, numerator: number | bigint): void {
    let sums = this.byJudge.get(judgeId);
    if (!sums) this.byJudge.set(judgeId, (sums = new JudgeSums()));
    sums.add(numerator);
  }

  /**
   * μ_j and σ_j² exactly, then σ_j = Math.sqrt(σ_j²) on the nearest double of σ_j², as §3 says.
   * With T = K/L: σ² = (n·ΣK² − (ΣK)²) / (n²·L²).
   */
  build(denominator: bigint): Map<string, JudgeStats> {
    const stats = new Map<string, JudgeStats>();
    for (const [judgeId, sums] of this.byJudge) {
      const { sum, squares } = sums.totals();
      const n = BigInt(sums.count);
      const variance = n * squares - sum * sum; // over n²·L², never negative
      const sigma =
        sums.count < 2 || variance === 0n
          ? 0
          : Math.sqrt(ratioToDouble(variance, n * n * denominator * denominator));
      stats.set(judgeId, { count: sums.count, sum, sigma });
    }
    return stats;
  }
}

/** Every judge's stats over the given sheets (see JudgeStatsBuilder.build). */
export function judgeStats(
  sheets: Iterable<{ judgeId: string; numerator: number | bigint }>,
  denominator: bigint,
): Map<string, JudgeStats> {
  const builder = new JudgeStatsBuilder();
  for (const s of sheets) builder.add(s.judgeId, s.numerator);
  return builder.build(denominator);
}

/**
 * z = (T − μ_j) / σ_j as a double: T − μ_j = (n·K − ΣK) / (n·L) is exact, rounded once to the
 * nearest double, then divided by σ_j (the rules compute μ_j exactly, so the difference is
 * taken exactly too rather than between two rounded doubles).
 */
export function zScore(stats: JudgeStats, numerator: number | bigint, denominator: bigint): number {
  if (stats.sigma === 0) return 0;
  if (typeof numerator === 'number') {
    // Fast path, the same double: both terms exact integers ≤ 2^53, one correctly rounded
    // division.
    const scaled = stats.count * numerator;
    const bottom = stats.count * Number(denominator);
    if (
      scaled <= Number.MAX_SAFE_INTEGER &&
      stats.sum <= MAX_SAFE &&
      bottom <= Number.MAX_SAFE_INTEGER
    ) {
      return (scaled - Number(stats.sum)) / bottom / stats.sigma;
    }
  }
  const n = BigInt(stats.count);
  return ratioToDouble(n * BigInt(numerator) - stats.sum, n * denominator) / stats.sigma;
}

export interface JudgeZ {
  judgeId: string;
  z: number;
}

/**
 * The mean of an entry's z, summed in ascending order of judge id (code-point order), as §3
 * says; null without sheets. Two sheets of one judge (which the rules do not foresee) are
 * summed in ascending z, so the sum never depends on the order the sheets came in.
 */
export function meanZ(values: readonly JudgeZ[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => compareCodePoints(a.judgeId, b.judgeId) || a.z - b.z);
  let sum = 0;
  for (const v of sorted) sum += v.z;
  const mean = sum / sorted.length;
  return mean === 0 ? 0 : mean; // no -0 in results
}

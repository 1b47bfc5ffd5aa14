import { Rational, roundedRatio } from './rational';
import { PreparedCriterion } from './sheet-total';

/*
 * An entry's per-criterion result (§3 `criterionScores`) is the mean over all its counted
 * sheets (none trimmed) of 100·s_c/maxScore_c = 100·Σa_c / (m_c·n), with a_c and m_c in
 * hundredths. It is kept as the integer Σa_c and the sheet count n until a value is asked for.
 */

function checkSum(sum: number, sheets: number): void {
  // Hundredths are below 1e11 each, so a sum stays safe for any realistic number of sheets.
  if (!Number.isSafeInteger(sum)) throw new RangeError('criterion mean: sum out of range');
  if (!(sheets > 0)) throw new RangeError('criterion mean: no sheets');
}

/** The exact mean, as a reduced fraction. */
export function criterionMean(criterion: PreparedCriterion, sum: number, sheets: number): Rational {
  checkSum(sum, sheets);
  return Rational.of(100n * BigInt(sum), BigInt(criterion.maxScore) * BigInt(sheets));
}

/** Rounded half-up to 3 decimals, as `criterionScores` reports it. */
export function criterionScore(criterion: PreparedCriterion, sum: number, sheets: number): number {
  checkSum(sum, sheets);
  const num = 100 * sum;
  const den = criterion.maxScore * sheets;
  return Number.isSafeInteger(num) && Number.isSafeInteger(den)
    ? roundedRatio(num, den, 3)
    : criterionMean(criterion, sum, sheets).toRoundedNumber(3);
}

/**
 * Two entries' means of one criterion, ascending and exact: Σa/n against Σa'/n' (maxScore
 * cancels out), by cross-multiplication.
 */
export function compareCriterionMeans(
  sum: number,
  sheets: number,
  otherSum: number,
  otherSheets: number,
): number {
  const left = sum * otherSheets;
  const right = otherSum * sheets;
  if (left <= Number.MAX_SAFE_INTEGER && right <= Number.MAX_SAFE_INTEGER) {
    return left < right ? -1 : left > right ? 1 : 0; // exact: see Rational.compare
  }
  const bigLeft = BigInt(sum) * BigInt(otherSheets);
  const bigRight = BigInt(otherSum) * BigInt(sheets);
  return bigLeft < bigRight ? -1 : bigLeft > bigRight ? 1 : 0;
}

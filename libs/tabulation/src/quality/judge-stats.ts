import { judgeStats } from '../aggregate';
import { compareCodePoints } from '../order';
import { Rational } from '../rational';
import { roundDouble } from '../tabulate';
import { CountedTotals } from './counted-totals';

/** One judge's counted sheets in a round: how many, and the mean and spread of their totals. */
export interface JudgeTotalStats {
  judgeId: string;
  sheets: number;
  /** The exact mean of the judge's sheet totals. */
  meanExact: Rational;
  /** meanExact rounded half-up to 3 decimals, as a sheet total is reported. */
  mean: number;
  /**
   * The population standard deviation of the totals (the σ_j of §3's ZSCORE, so the figure an
   * organiser sees is the one ZSCORE divides by): σ² exactly, its square root as a double,
   * rounded half-up to 3 decimals; 0 for a judge with one sheet.
   */
  sd: number;
}

/** Every judge with at least one counted sheet, in code-point order of judge id. */
export function judgeTotalStats(totals: CountedTotals): JudgeTotalStats[] {
  const stats = judgeStats(totals.sheets, totals.denominator);
  return [...stats.entries()]
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([judgeId, s]) => {
      const meanExact = Rational.of(s.sum, BigInt(s.count) * totals.denominator);
      return {
        judgeId,
        sheets: s.count,
        meanExact,
        mean: meanExact.toRoundedNumber(3),
        sd: roundDouble(s.sigma, 3),
      };
    });
}

import { Rational } from '../rational';
import { chiSquareSurvival } from './chi-square';
import { ExactFigure, ScoreTable, bigintTable } from './icc';
import { compareBigint, doubledAverageRanks } from './ranks';

/** Kendall's coefficient of concordance of m raters over n targets, with its chi-square test. */
export interface KendallW extends ExactFigure {
  /** Targets (rows) and raters (columns). */
  n: number;
  m: number;
  /** Σ over raters of Σ (t³ − t) over their groups of tied scores; 0 without ties. */
  tieTerm: bigint;
  /** χ² = m·(n − 1)·W, exact, and rounded half-up to 3 decimals. */
  chiSquare: ExactFigure;
  /** n − 1. */
  df: number;
  /**
   * P(χ²_df ≥ χ²) as a double: the chance of that much concordance among raters who do not
   * agree at all.
   */
  pValue: number | null;
}

/**
 * Kendall's coefficient of concordance W (Kendall & Babington Smith 1939) with Kendall's
 * correction for ties, the form given by Siegel & Castellan, Nonparametric Statistics for the
 * Behavioral Sciences, 2nd ed., 1988: each rater's column is ranked (1 = lowest, tied scores
 * share their average rank), R_i is target i's rank sum over the m raters, and
 *
 *     W = 12·Σ (R_i − m(n+1)/2)²  /  (m²·(n³ − n) − m·Σ_raters Σ_ties (t³ − t)).
 *
 * Exact: ranks are kept doubled (integers), so W and χ² = m(n − 1)·W are fractions. W lies in
 * [0, 1]: 1 when every rater orders the targets alike, 0 when the rank sums are all equal. The
 * p-value is the chi-square approximation with n − 1 degrees of freedom, rough for small n
 * (below about 8 targets): there W itself says more.
 * Undefined (null) when n < 2 or m < 2, or when every rater tied every target (no ranking).
 */
export function kendallW(rows: ScoreTable): KendallW {
  const table = bigintTable(rows);
  const n = table.length;
  const m = table[0]?.length ?? 0;
  const df = Math.max(0, n - 1);
  const none = { exact: null, value: null };
  const undefinedW = { ...none, n, m, tieTerm: 0n, chiSquare: none, df, pValue: null };
  if (n < 2 || m < 2) return undefinedW;

  const doubledSums = new Array<bigint>(n).fill(0n); // 2·R_i
  let tieTerm = 0n;
  for (let j = 0; j < m; j++) {
    const column = doubledAverageRanks(
      table.map((row) => row[j]),
      compareBigint,
    );
    column.ranks.forEach((r, i) => (doubledSums[i] += r));
    tieTerm += column.tieTerm;
  }
  const N = BigInt(n);
  const M = BigInt(m);
  // With D_i = 2·R_i and its mean m(n+1): 12·S = 12·Σ (D_i − m(n+1))² / 4 = 3·Σ (D_i − m(n+1))².
  const centre = M * (N + 1n);
  const deviations = doubledSums.reduce((sum, d) => sum + (d - centre) ** 2n, 0n);
  const denominator = M * M * (N * N * N - N) - M * tieTerm;
  if (denominator === 0n) return { ...undefinedW, tieTerm };
  const w = Rational.of(3n * deviations, denominator);
  const chi = w.mul(Rational.of(m * (n - 1)));
  return {
    exact: w,
    value: w.toRoundedNumber(3),
    n,
    m,
    tieTerm,
    chiSquare: { exact: chi, value: chi.toRoundedNumber(3) },
    df,
    pValue: chiSquareSurvival(chi.toDouble(), df),
  };
}

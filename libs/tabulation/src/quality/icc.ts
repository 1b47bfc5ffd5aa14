import { Rational } from '../rational';

/**
 * A table of scores: one row per target (entry), one column per rating. Cells are whole numbers
 * (numbers that are safe integers, or bigints); rational data go over one common denominator
 * first (as CountedTotals does with L): every figure here is unchanged when all cells are
 * multiplied by one positive constant, and W and the ICCs also when one constant is added.
 */
export type ScoreTable = readonly (readonly (number | bigint)[])[];

/**
 * ONE_WAY: each target is scored by its own raters (the columns of a row are just its k
 * sheets, in no particular order), so a rater effect cannot be separated from the error.
 * TWO_WAY: column j is the same rater in every row (a fully crossed design).
 */
export type IccModel = 'ONE_WAY' | 'TWO_WAY';

/** An exact figure and its value rounded half-up to 3 decimals; both null where undefined. */
export interface ExactFigure {
  exact: Rational | null;
  value: number | null;
}

/** Shrout & Fleiss's mean squares (Table 3 there: BMS, WMS, JMS, EMS). */
export interface MeanSquares {
  /** BMS: between targets, df n − 1. */
  between: Rational;
  /** WMS: within targets (raters and error together), df n(k − 1). */
  within: Rational;
  /** JMS: between raters, df k − 1; TWO_WAY only. */
  raters: Rational | null;
  /** EMS: residual, df (n − 1)(k − 1); TWO_WAY only. */
  error: Rational | null;
}

/**
 * The six intraclass correlations of Shrout & Fleiss (1979), exact. The names in McGraw & Wong
 * (1996): ICC(1,1) = ICC(1), ICC(1,k) = ICC(k); ICC(2,1) = ICC(A,1), ICC(2,k) = ICC(A,k)
 * (absolute agreement); ICC(3,1) = ICC(C,1), ICC(3,k) = ICC(C,k) (consistency).
 * The ",1" forms are the reliability of one rater's score, the ",k" forms of the mean of k.
 */
export interface IntraclassCorrelations {
  model: IccModel;
  /** Targets (rows) and ratings per target (columns). */
  n: number;
  k: number;
  /** Null when n < 2 or k < 2. */
  meanSquares: MeanSquares | null;
  icc11: ExactFigure;
  icc1k: ExactFigure;
  /** The two-way figures: null (exact and value) for ONE_WAY. */
  icc21: ExactFigure;
  icc2k: ExactFigure;
  icc31: ExactFigure;
  icc3k: ExactFigure;
}

const NONE: ExactFigure = { exact: null, value: null };

/** The names a figure goes by, for labels and documentation. */
export const ICC_NAMES = {
  icc11: { shroutFleiss: 'ICC(1,1)', mcGrawWong: 'ICC(1)' },
  icc1k: { shroutFleiss: 'ICC(1,k)', mcGrawWong: 'ICC(k)' },
  icc21: { shroutFleiss: 'ICC(2,1)', mcGrawWong: 'ICC(A,1)' },
  icc2k: { shroutFleiss: 'ICC(2,k)', mcGrawWong: 'ICC(A,k)' },
  icc31: { shroutFleiss: 'ICC(3,1)', mcGrawWong: 'ICC(C,1)' },
  icc3k: { shroutFleiss: 'ICC(3,k)', mcGrawWong: 'ICC(C,k)' },
} as const;

export function toBigint(cell: number | bigint): bigint {
  if (typeof cell === 'bigint') return cell;
  if (!Number.isSafeInteger(cell)) throw new RangeError(`not a whole number: ${cell}`);
  return BigInt(cell);
}

/** A rectangular table of bigints, n rows of k cells (RangeError otherwise). */
export function bigintTable(rows: ScoreTable): bigint[][] {
  const k = rows[0]?.length ?? 0;
  return rows.map((row) => {
    if (row.length !== k) throw new RangeError('every row needs the same number of ratings');
    return row.map(toBigint);
  });
}

function figure(numerator: Rational, denominator: Rational): ExactFigure {
  if (denominator.sign() <= 0) return NONE;
  const exact = numerator.div(denominator);
  return { exact, value: exact.toRoundedNumber(3) };
}

/**
 * Shrout & Fleiss's ICCs of a table, from the two-way analysis of variance, exactly (integer
 * sums, one fraction per mean square):
 *
 *     ICC(1,1) = (BMS − WMS) / (BMS + (k−1)·WMS)          ICC(1,k) = (BMS − WMS) / BMS
 *     ICC(2,1) = (BMS − EMS) / (BMS + (k−1)·EMS + k·(JMS − EMS)/n)
 *     ICC(2,k) = (BMS − EMS) / (BMS + (JMS − EMS)/n)
 *     ICC(3,1) = (BMS − EMS) / (BMS + (k−1)·EMS)          ICC(3,k) = (BMS − EMS) / BMS
 *
 * Undefined (null): every figure when n < 2 or k < 2, or when BMS = 0 (the targets' means are
 * all equal: nothing to tell apart); a figure whose denominator is not positive (only
 * ICC(2,k)'s can be, when raters differ less than the error and targets hardly at all).
 * A figure is at most 1 and may be negative (targets differ less than ratings do).
 */
export function intraclassCorrelations(rows: ScoreTable, model: IccModel): IntraclassCorrelations {
  const table = bigintTable(rows);
  const n = table.length;
  const k = table[0]?.length ?? 0;
  const none = {
    model,
    n,
    k,
    meanSquares: null,
    icc11: NONE,
    icc1k: NONE,
    icc21: NONE,
    icc2k: NONE,
    icc31: NONE,
    icc3k: NONE,
  };
  if (n < 2 || k < 2) return none;

  let grand = 0n;
  let squares = 0n;
  let rowSquares = 0n; // Σ R_i²
  const columns = new Array<bigint>(k).fill(0n);
  for (const row of table) {
    let r = 0n;
    row.forEach((x, j) => {
      r += x;
      squares += x * x;
      columns[j] += x;
    });
    rowSquares += r * r;
    grand += r;
  }
  const N = BigInt(n);
  const K = BigInt(k);
  const correction = Rational.of(grand * grand, N * K); // G² / nk
  const ssTotal = Rational.of(squares).sub(correction);
  const ssBetween = Rational.of(rowSquares, K).sub(correction);
  const ssWithin = ssTotal.sub(ssBetween);
  const bms = ssBetween.div(Rational.of(n - 1));
  const wms = ssWithin.div(Rational.of(n * (k - 1)));
  const kMinus1 = Rational.of(k - 1);
  const nR = Rational.of(n);
  const kR = Rational.of(k);

  let jms: Rational | null = null;
  let ems: Rational | null = null;
  if (model === 'TWO_WAY') {
    const columnSquares = columns.reduce((sum, c) => sum + c * c, 0n);
    const ssRaters = Rational.of(columnSquares, N).sub(correction);
    jms = ssRaters.div(kMinus1);
    ems = ssWithin.sub(ssRaters).div(Rational.of((n - 1) * (k - 1)));
  }
  const meanSquares = { between: bms, within: wms, raters: jms, error: ems };
  if (bms.sign() === 0) return { ...none, meanSquares };

  const result: IntraclassCorrelations = {
    ...none,
    meanSquares,
    icc11: figure(bms.sub(wms), bms.add(kMinus1.mul(wms))),
    icc1k: figure(bms.sub(wms), bms),
  };
  if (jms && ems) {
    const raterExcess = jms.sub(ems).div(nR);
    result.icc21 = figure(bms.sub(ems), bms.add(kMinus1.mul(ems)).add(kR.mul(raterExcess)));
    result.icc2k = figure(bms.sub(ems), bms.add(raterExcess));
    result.icc31 = figure(bms.sub(ems), bms.add(kMinus1.mul(ems)));
    result.icc3k = figure(bms.sub(ems), bms);
  }
  return result;
}

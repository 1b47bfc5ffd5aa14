import { parseHundredths } from './decimal';
import { TabulationInputError } from './errors';
import { Rational, gcd } from './rational';
import { CriterionInput, ScoreInput } from './types';

export interface PreparedCriterion {
  key: string;
  weight: number;
  maxScore: number; // hundredths
  step: number; // hundredths
}

/** A round's criteria, checked once, with what every sheet total needs precomputed. */
export interface CriteriaPlan {
  criteria: readonly PreparedCriterion[];
  indexByKey: ReadonlyMap<string, number>;
  /**
   * L = lcm of the maxScores in hundredths. T = Σ weight·s/maxScore = Σ weight·a/m (a, m in
   * hundredths), so L·T is an integer for every sheet: totals are summed and sorted as
   * integers and only an aggregate's final division makes a fraction.
   */
  denominator: bigint;
  /** weight_c · L / m_c per criterion, so that L·T = Σ coefficient_c · a_c. */
  coefficients: readonly bigint[];
  /** The same as numbers, when every L·T (≤ 100·L) is a safe integer; else null. */
  smallCoefficients: readonly number[] | null;
}

/** Checks the criteria of §1 (weights add up to 100, step ≥ 0.01, maxScore a multiple of it). */
export function prepareCriteria(input: readonly CriterionInput[]): CriteriaPlan {
  const bad = (message: string) => new TabulationInputError('INVALID_ROUND', message);
  if (!Array.isArray(input) || input.length === 0) throw bad('a round needs criteria');
  const indexByKey = new Map<string, number>();
  let weights = 0;
  const criteria = input.map((c, index): PreparedCriterion => {
    if (typeof c.key !== 'string' || c.key === '') throw bad('a criterion needs a key');
    if (indexByKey.has(c.key)) throw bad(`criterion ${c.key} is repeated`);
    indexByKey.set(c.key, index);
    if (!Number.isInteger(c.weight) || c.weight < 0) throw bad(`${c.key}: weight`);
    weights += c.weight;
    const step = parseHundredths(c.step, `${c.key}.step`, 'INVALID_ROUND');
    const maxScore = parseHundredths(c.maxScore, `${c.key}.maxScore`, 'INVALID_ROUND');
    if (step < 1) throw bad(`${c.key}: step must be at least 0.01`);
    // maxScore 0 would divide by zero in T; "a multiple of step" is read as a positive one.
    if (maxScore < step || maxScore % step !== 0) {
      throw bad(`${c.key}: maxScore not a multiple of step`);
    }
    return { key: c.key, weight: c.weight, maxScore, step };
  });
  if (weights !== 100) throw bad(`the weights add up to ${weights}, not 100`);

  let denominator = 1n;
  for (const c of criteria) {
    const m = BigInt(c.maxScore);
    denominator = (denominator / gcd(denominator, m)) * m;
  }
  const coefficients = criteria.map((c) => (BigInt(c.weight) * denominator) / BigInt(c.maxScore));
  const small = 100n * denominator <= BigInt(Number.MAX_SAFE_INTEGER);
  return {
    criteria,
    indexByKey,
    denominator,
    coefficients,
    smallCoefficients: small ? coefficients.map(Number) : null,
  };
}

/**
 * A sheet's scores in hundredths, in the criteria's order (written into `into` when given),
 * checked as §10 step 5 says: every criterion exactly once (INVALID_CRITERIA, checked first),
 * each value a multiple of its step in [0, maxScore] with at most 2 decimals
 * (SCORE_OUT_OF_RANGE).
 */
export function readScores(
  plan: CriteriaPlan,
  scores: readonly ScoreInput[],
  into: number[] = new Array<number>(plan.criteria.length),
): number[] {
  const positions = scorePositions(plan, scores);
  for (let c = 0; c < plan.criteria.length; c++) {
    const criterion = plan.criteria[c];
    const value = scores[positions === null ? c : positions[c]].value;
    const a = parseHundredths(value, criterion.key, 'SCORE_OUT_OF_RANGE');
    if (a < 0 || a > criterion.maxScore || a % criterion.step !== 0) {
      throw new TabulationInputError(
        'SCORE_OUT_OF_RANGE',
        `${criterion.key}: ${String(value)} is not a multiple of the step in [0, maxScore]`,
      );
    }
    into[c] = a;
  }
  return into;
}

/** Where each criterion's score is in `scores`; null when they come in the criteria's order. */
function scorePositions(plan: CriteriaPlan, scores: readonly ScoreInput[]): number[] | null {
  const n = plan.criteria.length;
  if (scores.length === n && plan.criteria.every((c, i) => scores[i].criterionKey === c.key)) {
    return null; // the usual case, and a check that needs no map
  }
  const positions = new Array<number>(n).fill(-1);
  for (let i = 0; i < scores.length; i++) {
    const key = scores[i].criterionKey;
    const index = plan.indexByKey.get(key);
    if (index === undefined) {
      throw new TabulationInputError(
        'INVALID_CRITERIA',
        `unknown criterion ${JSON.stringify(key)}`,
      );
    }
    if (positions[index] !== -1) {
      throw new TabulationInputError('INVALID_CRITERIA', `criterion ${key} is repeated`);
    }
    positions[index] = i;
  }
  const missing = positions.indexOf(-1);
  if (missing !== -1) {
    throw new TabulationInputError(
      'INVALID_CRITERIA',
      `criterion ${plan.criteria[missing].key} is missing`,
    );
  }
  return positions;
}

/**
 * L·T for one sheet (see CriteriaPlan.denominator), an exact integer ≥ 0: a number when the
 * round's coefficients are small (then L·T ≤ 100·L is a safe integer), else a bigint.
 */
export function sheetNumerator(plan: CriteriaPlan, hundredths: readonly number[]): number | bigint {
  const small = plan.smallCoefficients;
  if (small) {
    let sum = 0;
    for (let c = 0; c < small.length; c++) sum += small[c] * hundredths[c];
    return sum;
  }
  let sum = 0n;
  for (let c = 0; c < plan.coefficients.length; c++)
    sum += plan.coefficients[c] * BigInt(hundredths[c]);
  return sum;
}

/** The exact sheet total T = Σ weight·s/maxScore of §1 (0 ≤ T ≤ 100). */
export function sheetTotal(plan: CriteriaPlan, scores: readonly ScoreInput[]): Rational {
  return Rational.of(sheetNumerator(plan, readScores(plan, scores)), plan.denominator);
}

/** `ScoreSheet.total`: T rounded half-up to 3 decimals. */
export function sheetTotalRounded(plan: CriteriaPlan, scores: readonly ScoreInput[]): number {
  return Number(sheetTotal(plan, scores).toDecimalString(3));
}

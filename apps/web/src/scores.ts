/**
 * Exact score arithmetic for the sheet (judging-rules.md §1). Scores travel as API Floats with at
 * most two decimals; here they are whole hundredths, and totals are fractions of BigInts, so a
 * running total never drifts the way a sum of doubles would (0.1 + 0.2).
 */

export interface CriterionSpec {
  key: string;
  weight: number;
  maxScore: number;
  step: number;
}

/** The hundredths of an API Float, read from its shortest decimal ("7.5" → 750), never * 100. */
export function toHundredths(value: number): number {
  const text = String(value);
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new RangeError(`not a decimal with at most 2 places: ${text}`);
  const [, whole, fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Hundredths back to the Float the API reads as that decimal (750 → 7.5). */
export function fromHundredths(hundredths: number): number {
  // A correctly rounded division by 100 is the double nearest the decimal h/100, whose shortest
  // form is that decimal again.
  return hundredths / 100;
}

/** "7.5", "10", "0.05": hundredths written as the decimal they are. */
export function formatHundredths(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const rest = hundredths % 100;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

/** The valid values of a criterion, in hundredths: 0, step, 2·step, …, maxScore. */
export function stepsOf(criterion: CriterionSpec): { step: number; count: number } {
  const step = toHundredths(criterion.step);
  const max = toHundredths(criterion.maxScore);
  return { step, count: Math.floor(max / step) };
}

/** Whether hundredths is a multiple of the step within [0, maxScore]. */
export function isValidScore(criterion: CriterionSpec, hundredths: number): boolean {
  const { step } = stepsOf(criterion);
  return (
    Number.isInteger(hundredths) &&
    hundredths >= 0 &&
    hundredths <= toHundredths(criterion.maxScore) &&
    hundredths % step === 0
  );
}

/** A score moved by whole steps, kept in [0, maxScore]. */
export function moveBySteps(criterion: CriterionSpec, hundredths: number, steps: number): number {
  const { step, count } = stepsOf(criterion);
  const index = Math.min(count, Math.max(0, Math.round(hundredths / step) + steps));
  return index * step;
}

interface Fraction {
  num: bigint;
  den: bigint;
}

/**
 * The sheet total T = Σ weight · s / maxScore as an exact fraction; null while a criterion has no
 * score yet. Scores maps criterion key → hundredths.
 */
export function exactTotal(
  criteria: CriterionSpec[],
  scores: Record<string, number | undefined>,
): Fraction | null {
  let num = 0n;
  let den = 1n;
  for (const criterion of criteria) {
    const score = scores[criterion.key];
    if (score === undefined) return null;
    // weight · s_h / max_h: the hundredths cancel.
    const termNum = BigInt(criterion.weight) * BigInt(score);
    const termDen = BigInt(toHundredths(criterion.maxScore));
    num = num * termDen + termNum * den;
    den = den * termDen;
  }
  return { num, den };
}

/** T rounded half-up to 3 decimals, as ScoreSheet.total is (the total is never negative). */
export function formatTotal(total: Fraction): string {
  const thousandths = (total.num * 2000n + total.den) / (2n * total.den);
  const whole = thousandths / 1000n;
  const rest = thousandths % 1000n;
  if (rest === 0n) return whole.toString();
  return `${whole}.${rest.toString().padStart(3, '0').replace(/0+$/, '')}`;
}

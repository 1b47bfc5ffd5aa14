/**
 * A score as the judge types it on the numeric keypad, checked at every keystroke against the
 * criterion's step and maximum (the same rule as the server's, judging-rules.md §1), and the
 * preset values offered beside it. Values are hundredths, as in scores.ts.
 */
import { CriterionSpec, formatHundredths, stepsOf, toHundredths } from './scores';

export type TypedScore =
  | { kind: 'empty' }
  | { kind: 'ok'; hundredths: number }
  | { kind: 'offStep' }
  | { kind: 'aboveMax' };

/** What the field accepts at all: digits with one decimal separator, a few characters long. */
export function isTypeable(text: string): boolean {
  return text.length <= 7 && /^\d*[.,]?\d*$/.test(text);
}

/**
 * "8.5", "8,5" (a Chinese or European keypad), "8." while typing, "08.50": read exactly as
 * decimals (never through a float), then held to the step and the maximum.
 */
export function readTyped(criterion: CriterionSpec, text: string): TypedScore {
  const normalized = text.trim().replace(',', '.');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(normalized);
  if (!match || (match[1] === '' && !match[2])) return { kind: 'empty' };
  let fraction = match[2] ?? '';
  // Zeros past the hundredths change nothing ("8.500"); any other digit there is off any step.
  if (fraction.length > 2) {
    if (!/^0+$/.test(fraction.slice(2))) return { kind: 'offStep' };
    fraction = fraction.slice(0, 2);
  }
  const hundredths = Number(match[1] || '0') * 100 + Number(fraction.padEnd(2, '0'));
  if (hundredths > toHundredths(criterion.maxScore)) return { kind: 'aboveMax' };
  if (hundredths % stepsOf(criterion).step !== 0) return { kind: 'offStep' };
  return { kind: 'ok', hundredths };
}

/** The text a value shows as in the field (what a stepper or a preset writes there). */
export const typedText = (hundredths: number): string => formatHundredths(hundredths);

/** 60 %, 70 %, 80 %, 90 % and 100 % of the maximum, each down to the step, without repeats. */
const PRESET_SHARES = [60, 70, 80, 90, 100];

/**
 * One-tap values: the upper part of the scale, where exhibition scores mostly fall; any other
 * value is typed or stepped to. Down to the step, so every preset is a valid score.
 */
export function presetsOf(criterion: CriterionSpec): number[] {
  const { step } = stepsOf(criterion);
  const max = toHundredths(criterion.maxScore);
  const values = PRESET_SHARES.map((share) => Math.floor((max * share) / 100 / step) * step);
  return [...new Set(values)];
}

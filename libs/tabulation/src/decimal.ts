import { TabulationInputError, TabulationInputReason } from './errors';

/** A score, step, maxScore or quota value as it arrives: a decimal string or a JS number. */
export type DecimalInput = string | number;

/**
 * Largest magnitude accepted, exclusive. Keeps hundredths (< 1e11) and any per-entry sum of
 * them far inside 2^53, so integer arithmetic on `number` stays exact; no score, weight or
 * quota of a real round comes near it.
 */
const MAX_MAGNITUDE = 1e9;

/**
 * The value as an exact integer count of hundredths (`"7.5"` → 750, `-1.25` → -125).
 *
 * A number means the shortest decimal that reads back as that double (judging-rules.md §1),
 * i.e. `String(value)`; at most 2 digits after the point, else `reason`. Nothing here does
 * arithmetic on the binary double: the number's decimal form is what is read.
 */
export function parseHundredths(
  value: DecimalInput,
  what: string,
  reason: TabulationInputReason = 'INVALID_DECIMAL',
): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && Math.abs(value) < MAX_MAGNITUDE) {
      // Fast path, exact: below 1e9 distinct hundredths are distinct doubles, so `value` is
      // the double of the decimal a/100 exactly when a/100 reads back as it, and then a/100
      // (with trailing zeros dropped) is also its shortest decimal form.
      const a = Math.round(value * 100);
      if (a / 100 === value) return a === 0 ? 0 : a;
    }
    return parseDecimalString(String(value), what, reason);
  }
  if (typeof value !== 'string') {
    throw new TabulationInputError(reason, `${what}: not a decimal`);
  }
  return parseDecimalString(value, what, reason);
}

const ZERO = 48; // '0'
const NINE = 57; // '9'
const MINUS = 45; // '-'
const POINT = 46; // '.'

/** `-?digits(.d{1,2})?`, read character by character (no regex: this runs once per score). */
function parseDecimalString(text: string, what: string, reason: TabulationInputReason): number {
  const fail = () =>
    new TabulationInputError(
      reason,
      `${what}: ${JSON.stringify(text)} is not a decimal with at most 2 digits after the point`,
    );
  let i = 0;
  const negative = text.charCodeAt(0) === MINUS;
  if (negative) i = 1;
  let whole = 0;
  let wholeDigits = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) break;
    whole = whole * 10 + (c - ZERO);
    wholeDigits++;
  }
  if (wholeDigits === 0) throw fail();
  let hundredths = 0;
  if (i < text.length) {
    if (text.charCodeAt(i) !== POINT) throw fail();
    const fractionDigits = text.length - i - 1;
    if (fractionDigits < 1 || fractionDigits > 2) throw fail();
    for (let k = 1; k <= 2; k++) {
      const c = k <= fractionDigits ? text.charCodeAt(i + k) : ZERO;
      if (c < ZERO || c > NINE) throw fail();
      hundredths = hundredths * 10 + (c - ZERO);
    }
  }
  // The value, not the digit count, is bounded: leading zeros ("07.50") are harmless.
  if (whole >= MAX_MAGNITUDE) {
    throw new TabulationInputError(reason, `${what}: ${text} is too large`);
  }
  const a = whole * 100 + hundredths;
  return negative && a !== 0 ? -a : a;
}

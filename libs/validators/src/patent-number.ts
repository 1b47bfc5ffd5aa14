/**
 * Chinese patent numbers (专利号): `ZL` + application number + `.` + check character.
 *
 * - Since 1 October 2003 the application number has 12 digits: year (4), patent
 *   type (1), serial number (7), e.g. `ZL201310123456.2`.
 * - Before that it had 8 digits: year (2), patent type (1), serial number (5),
 *   e.g. `ZL98123456.9`.
 *
 * Patent type digit: 1 invention, 2 utility model, 3 design, 8 PCT invention
 * entering the Chinese national phase, 9 PCT utility model entering the national
 * phase.
 *
 * Check character: the digits weighted 2,3,4,5,6,7,8,9 (then 2,3,4,5 again for the
 * 12-digit form), summed, mod 11; a remainder of 10 is written `X`.
 *
 * The validators take the canonical form; call {@link normalisePatentNumber} first
 * on user input.
 */

/** Patent type digits in use: 1 invention, 2 utility model, 3 design, 8/9 PCT national phase. */
export const PATENT_TYPE_DIGITS = '12389';

/** Earliest and latest application year accepted for the 12-digit form. */
export const PATENT_MIN_YEAR = 1985;
export const PATENT_MAX_YEAR = 2099;

const CHECK_WEIGHTS: ReadonlyArray<number> = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

const CANONICAL = /^ZL([0-9]{8}|[0-9]{12})\.([0-9X])$/;

/**
 * Why a string is not a valid canonical patent number. {@link patentNumberProblem}
 * reports the first that applies, in this order:
 *
 * - `'FORMAT'`: not `ZL` + 8 or 12 ASCII digits + `.` + a digit or `X`.
 * - `'YEAR'`: 12-digit form whose first four digits are not a year in
 *   {@link PATENT_MIN_YEAR}..{@link PATENT_MAX_YEAR}.
 * - `'PATENT_TYPE'`: the type digit (5th digit of the 12-digit form, 3rd digit of
 *   the 8-digit form) is not one of {@link PATENT_TYPE_DIGITS}.
 * - `'CHECK_CHARACTER'`: the character after the dot is not the check character.
 */
export type PatentNumberProblem = 'FORMAT' | 'YEAR' | 'PATENT_TYPE' | 'CHECK_CHARACTER';

/**
 * Brings user input to the canonical form `ZL<digits>.<check>`:
 * applies Unicode NFKC (so full-width digits, letters and `．` become ASCII),
 * treats the ideographic full stop `。` as a dot, removes all whitespace,
 * upper-cases, and adds a missing `ZL` prefix when the rest looks like
 * `<8 or 12 digits>.<check>`. Input that cannot be read that way is returned
 * cleaned up but otherwise unchanged, so that {@link patentNumberProblem}
 * reports `'FORMAT'` for it.
 */
export function normalisePatentNumber(input: string): string {
  const cleaned = input
    .normalize('NFKC')
    .replace(/\u3002/g, '.')
    .replace(/\s+/g, '')
    .toUpperCase();
  if (/^([0-9]{8}|[0-9]{12})\.[0-9X]$/.test(cleaned)) return `ZL${cleaned}`;
  return cleaned;
}

/**
 * The check character for an application number of 8 or 12 ASCII digits.
 *
 * @throws RangeError for any other input.
 */
export function patentCheckCharacter(digits: string): string {
  if (!/^([0-9]{8}|[0-9]{12})$/.test(digits)) {
    throw new RangeError(`expected 8 or 12 ASCII digits, got ${JSON.stringify(digits)}`);
  }
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    sum += Number(digits.charAt(i)) * CHECK_WEIGHTS[i];
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/** The first problem with a canonical patent number (see {@link PatentNumberProblem}), or `null`. */
export function patentNumberProblem(n: string): PatentNumberProblem | null {
  const match = CANONICAL.exec(n);
  if (match === null) return 'FORMAT';
  const digits = match[1];
  const check = match[2];
  if (digits.length === 12) {
    const year = Number(digits.slice(0, 4));
    if (year < PATENT_MIN_YEAR || year > PATENT_MAX_YEAR) return 'YEAR';
  }
  const typeDigit = digits.charAt(digits.length === 12 ? 4 : 2);
  if (!PATENT_TYPE_DIGITS.includes(typeDigit)) return 'PATENT_TYPE';
  if (patentCheckCharacter(digits) !== check) return 'CHECK_CHARACTER';
  return null;
}

/** True when {@link patentNumberProblem} finds nothing wrong. No normalisation is done. */
export function isValidPatentNumber(n: string): boolean {
  return patentNumberProblem(n) === null;
}

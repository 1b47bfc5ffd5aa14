/**
 * Chinese unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 * Layout of the 18 characters (1-based positions):
 *
 * | pos   | meaning                                                         |
 * | ----- | --------------------------------------------------------------- |
 * | 1     | registration authority (登记管理部门代码)                       |
 * | 2     | organisation type (机构类别代码)                                 |
 * | 3–8   | registration authority's GB/T 2260 division code (digits only)  |
 * | 9–17  | organisation code (组织机构代码, GB 11714): 8 body chars + check |
 * | 18    | check character over positions 1–17 (GB/T 17710 style, mod 31)  |
 *
 * All 18 characters come from {@link CREDIT_CODE_ALPHABET}: digits and the
 * upper-case letters except I, O, S, V and Z.
 *
 * The validators take the code as given; call {@link normaliseCreditCode} first
 * on user input.
 */

import { isValidRegionCode } from './region-code';

/** The 31 characters of the code, in value order (`'0'` = 0 … `'Y'` = 30). */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * Registration authority codes (position 1) in use: 1 机构编制, 2 外交,
 * 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商/市场监管,
 * A 中央军委改革和编制办公室, N 农业, Y 其他.
 */
export const CREDIT_CODE_AUTHORITIES = '123456789ANY';

/** Weights of positions 1–17 for the position-18 check (3^(i-1) mod 31). */
const CHECK_WEIGHTS: ReadonlyArray<number> = [
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/** GB 11714 weights of the 8 body characters of the organisation code. */
const ORGANISATION_CODE_WEIGHTS: ReadonlyArray<number> = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * Region (positions 3–8) used by codes issued by a national-level registration
 * authority, e.g. 12100000470095016Q (浙江大学) and 53100000500019795A (a
 * foundation registered with the Ministry of Civil Affairs). It is the GB/T 2260
 * code of the whole country, so it is accepted in addition to the province-level
 * codes accepted by {@link isValidRegionCode}.
 */
const NATIONAL_REGION_CODE = '100000';

/**
 * Why a string is not a valid credit code. {@link creditCodeProblem} reports the
 * first that applies, in this order:
 *
 * - `'LENGTH'`: not exactly 18 characters.
 * - `'CHARACTERS'`: a character outside {@link CREDIT_CODE_ALPHABET}
 *   (this includes lower-case letters, spaces and I, O, S, V, Z).
 * - `'AUTHORITY'`: position 1 is not one of {@link CREDIT_CODE_AUTHORITIES}.
 * - `'REGION'`: positions 3–8 are not six digits forming `100000` or a code
 *   with a real province-level prefix.
 * - `'ORGANISATION_CODE_CHECK'`: position 17 is not the GB 11714 check character
 *   of positions 9–16.
 * - `'CHECK_CHARACTER'`: position 18 is not the check character of positions 1–17.
 */
export type CreditCodeProblem =
  'LENGTH' | 'CHARACTERS' | 'AUTHORITY' | 'REGION' | 'ORGANISATION_CODE_CHECK' | 'CHECK_CHARACTER';

const CODE_LENGTH = 18;

/** Trims surrounding whitespace and upper-cases; nothing else is changed. */
export function normaliseCreditCode(input: string): string {
  return input.trim().toUpperCase();
}

function alphabetValue(char: string): number {
  return CREDIT_CODE_ALPHABET.indexOf(char);
}

function isAlphabetString(s: string): boolean {
  for (const char of s) {
    if (char.length !== 1 || alphabetValue(char) < 0) return false;
  }
  return true;
}

/**
 * The check character (position 18) for the first 17 characters:
 * `(31 - (Σ value(cᵢ)·wᵢ mod 31)) mod 31`, written with {@link CREDIT_CODE_ALPHABET}.
 * Only the alphabet is required of the input, not the structural rules.
 *
 * @throws RangeError unless `first17` is 17 characters of the alphabet.
 */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== CODE_LENGTH - 1 || !isAlphabetString(first17)) {
    throw new RangeError(
      `expected 17 characters of ${CREDIT_CODE_ALPHABET}, got ${JSON.stringify(first17)}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < CHECK_WEIGHTS.length; i++) {
    sum += alphabetValue(first17.charAt(i)) * CHECK_WEIGHTS[i];
  }
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * The GB 11714 check character of an organisation code body (8 characters,
 * digits valued 0–9 and letters A–Z valued 10–35): `11 - (Σ value(cᵢ)·wᵢ mod 11)`
 * with weights 3,7,9,10,5,8,4,2, where 10 is written `X` and 11 is written `0`.
 *
 * @throws RangeError unless `body8` is 8 characters of 0–9 / A–Z.
 */
export function organisationCodeCheckCharacter(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) {
    throw new RangeError(`expected 8 characters of 0-9 or A-Z, got ${JSON.stringify(body8)}`);
  }
  let sum = 0;
  for (let i = 0; i < ORGANISATION_CODE_WEIGHTS.length; i++) {
    sum += parseInt(body8.charAt(i), 36) * ORGANISATION_CODE_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/**
 * Completes the first 16 characters of a credit code (authority, type, region and
 * the 8-character organisation code body) with the organisation code check
 * (position 17) and the overall check (position 18). Handy for generating valid
 * codes in tests and seed data; it does not check authority or region.
 *
 * @throws RangeError unless `first16` is 16 characters of the alphabet.
 */
export function completeCreditCode(first16: string): string {
  if (first16.length !== CODE_LENGTH - 2 || !isAlphabetString(first16)) {
    throw new RangeError(
      `expected 16 characters of ${CREDIT_CODE_ALPHABET}, got ${JSON.stringify(first16)}`,
    );
  }
  const first17 = first16 + organisationCodeCheckCharacter(first16.slice(8, 16));
  return first17 + creditCodeCheckCharacter(first17);
}

/** The first problem with `code` (see {@link CreditCodeProblem}), or `null` when it is valid. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== CODE_LENGTH) return 'LENGTH';
  if (!isAlphabetString(code)) return 'CHARACTERS';
  if (!CREDIT_CODE_AUTHORITIES.includes(code.charAt(0))) return 'AUTHORITY';
  const region = code.slice(2, 8);
  if (!(region === NATIONAL_REGION_CODE || isValidRegionCode(region))) return 'REGION';
  if (organisationCodeCheckCharacter(code.slice(8, 16)) !== code.charAt(16)) {
    return 'ORGANISATION_CODE_CHECK';
  }
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code.charAt(17)) return 'CHECK_CHARACTER';
  return null;
}

/** True when {@link creditCodeProblem} finds nothing wrong. No normalisation is done. */
export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

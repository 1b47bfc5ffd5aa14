/**
 * GB/T 2260 administrative division codes (行政区划代码), six ASCII digits.
 *
 * Digits 1–2 are the province-level division, 3–4 the prefecture-level division
 * and 5–6 the county-level division. Only the province-level prefix is checked
 * against a table; the full list of prefecture and county codes changes every
 * year and is deliberately not embedded here.
 */

/**
 * Two-digit prefixes of the province-level divisions: 11–15, 21–23, 31–37,
 * 41–46, 50–54, 61–65, 71 (Taiwan), 81 (Hong Kong) and 82 (Macao).
 */
// prettier-ignore
export const PROVINCE_LEVEL_PREFIXES: ReadonlyArray<string> = Object.freeze([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71',
  '81', '82',
]);

const PROVINCE_PREFIX_SET: ReadonlySet<string> = new Set(PROVINCE_LEVEL_PREFIXES);

const SIX_ASCII_DIGITS = /^[0-9]{6}$/;

/**
 * True when `code` is exactly six ASCII digits whose first two digits are a
 * province-level prefix (which also rules out `000000`). No trimming is done.
 */
export function isValidRegionCode(code: string): boolean {
  return (
    SIX_ASCII_DIGITS.test(code) && code !== '000000' && PROVINCE_PREFIX_SET.has(code.slice(0, 2))
  );
}

/**
 * The province-level code a division belongs to: its first two digits followed
 * by `0000` (e.g. `450103` → `450000`).
 *
 * @throws RangeError when `code` is not a valid region code (see {@link isValidRegionCode}).
 */
export function provinceOf(code: string): string {
  if (!isValidRegionCode(code)) {
    throw new RangeError(`not a valid GB/T 2260 region code: ${JSON.stringify(code)}`);
  }
  return `${code.slice(0, 2)}0000`;
}

/** A prefecture-level city: its GB/T 2260 code and its Chinese name. */
export interface RegionEntry {
  readonly code: string;
  readonly name: string;
}

/** The 14 prefecture-level cities of the Guangxi Zhuang Autonomous Region (450000), in code order. */
export const GUANGXI_CITIES: ReadonlyArray<RegionEntry> = Object.freeze(
  [
    { code: '450100', name: '南宁市' },
    { code: '450200', name: '柳州市' },
    { code: '450300', name: '桂林市' },
    { code: '450400', name: '梧州市' },
    { code: '450500', name: '北海市' },
    { code: '450600', name: '防城港市' },
    { code: '450700', name: '钦州市' },
    { code: '450800', name: '贵港市' },
    { code: '450900', name: '玉林市' },
    { code: '451000', name: '百色市' },
    { code: '451100', name: '贺州市' },
    { code: '451200', name: '河池市' },
    { code: '451300', name: '来宾市' },
    { code: '451400', name: '崇左市' },
  ].map((city): RegionEntry => Object.freeze(city)),
);

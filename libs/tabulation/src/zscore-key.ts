import { Rational } from './rational';

/** §3: a ZSCORE aggregate's key counts units of 10⁻⁹. */
export const ZSCORE_KEY_DECIMALS = 9;
const SCALE = 10n ** BigInt(ZSCORE_KEY_DECIMALS);
const KEY_DENOMINATOR = Rational.of(SCALE);
const TWO_52 = 2 ** 52;

// One scratch buffer to read a double's bits (IEEE 754 binary64, big-endian in the view).
const bits = new DataView(new ArrayBuffer(8));

/**
 * The key of a ZSCORE aggregate (§3): the double rounded half-up (half away from zero) to 9
 * decimals, as an integer count of 10⁻⁹, computed on the double's exact value.
 *
 * Exact by construction, with integers only: a finite double is exactly m·2^e (m the 53-bit
 * significand with its hidden bit, e its unbiased exponent minus 52), so
 * |x|·10⁹ = m·10⁹·2^e; for e ≥ 0 that is an integer, otherwise the key's magnitude is
 * floor((2·m·10⁹ + 2^−e) / 2^(1−e)), i.e. floor(|x|·10⁹ + 1/2). The sign is put back after,
 * which is what "away from zero" means. No floating-point multiplication by 10⁹ is taken (that
 * would round first and could move a value across a half-way point). It is the integer
 * `x.toFixed(9)` prints without its point (toFixed is exact too), which the tests check.
 * -0 has key 0. NaN and ±Infinity have no key (a RangeError): an aggregate is always finite.
 *
 * Fast path, the same integer: y = |x|·1e9 in doubles is within half an ulp of the exact
 * product, at most y·2⁻⁵³; below 2⁵² its fraction is exact, and when that fraction is farther
 * than y·2⁻⁵² from ½ no half-way point lies between y and the exact product, so both round to
 * the same integer. Only values at (or within rounding of) a half-way point take the integer
 * path.
 */
export function zscoreKey(aggregate: number): bigint {
  if (!Number.isFinite(aggregate)) throw new RangeError(`zscoreKey: ${aggregate} is not finite`);
  const y = Math.abs(aggregate) * 1e9;
  if (y < TWO_52) {
    const whole = Math.floor(y);
    const fraction = y - whole;
    if (Math.abs(fraction - 0.5) > y * 2 ** -52) {
      const magnitude = fraction > 0.5 ? whole + 1 : whole;
      return BigInt(aggregate < 0 ? -magnitude : magnitude);
    }
  }
  return zscoreKeyFromBits(aggregate);
}

/** zscoreKey on the double's bits, integers only, for every finite double (see zscoreKey). */
export function zscoreKeyFromBits(aggregate: number): bigint {
  if (!Number.isFinite(aggregate)) throw new RangeError(`zscoreKey: ${aggregate} is not finite`);
  bits.setFloat64(0, aggregate);
  const high = bits.getUint32(0);
  const low = bits.getUint32(4);
  const negative = high >>> 31 === 1;
  const biased = (high >>> 20) & 0x7ff;
  let significand = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (significand === 0n && biased === 0) return 0n; // ±0
  // Subnormals (biased 0) have no hidden bit and the exponent of the smallest normals.
  let exponent = -1074;
  if (biased !== 0) {
    significand |= 1n << 52n;
    exponent = biased - 1075;
  }
  const scaled = significand * SCALE;
  let magnitude: bigint;
  if (exponent >= 0) {
    magnitude = scaled << BigInt(exponent);
  } else {
    const shift = BigInt(-exponent);
    magnitude = ((scaled << 1n) + (1n << shift)) >> (shift + 1n);
  }
  return negative ? -magnitude : magnitude;
}

/** The key as the exact fraction K / 10⁹ (how the tabulation ranks and awards ZSCORE entries). */
export function zscoreKeyValue(aggregate: number): Rational {
  return Rational.of(zscoreKey(aggregate)).div(KEY_DENOMINATOR);
}

/** Negative, zero or positive as `a`'s key is below, equal to or above `b`'s. */
export function compareZscoreKeys(a: number, b: number): number {
  const x = zscoreKey(a);
  const y = zscoreKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** §5 MIN_SCORE for ZSCORE: a value of h hundredths is reached when h/100 · 10⁹ ≤ K. */
export function zscoreKeyReaches(hundredths: number, key: bigint): boolean {
  return BigInt(hundredths) * (SCALE / 100n) <= key;
}

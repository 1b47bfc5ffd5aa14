import { DecimalInput, parseHundredths } from './decimal';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const TWO_53 = 2n ** 53n;

const abs = (x: bigint) => (x < 0n ? -x : x);

/** Greatest common divisor of two non-negative integers; gcd(0, 0) = 0. */
export function gcd(a: bigint, b: bigint): bigint {
  // Fast path, exact: `%` on doubles is exact for safe integers, and bigint division is the
  // slow part of every reduction in a round of 12,000 entries.
  if (a <= MAX_SAFE && b <= MAX_SAFE) return BigInt(gcdOfSafeIntegers(Number(a), Number(b)));
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function gcdOfSafeIntegers(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * `num / den` (den > 0) as the nearest double, ties to even: what `Number` gives for a
 * decimal literal, so any correct implementation of the rules gets the same double.
 */
export function ratioToDouble(num: bigint, den: bigint): number {
  if (den <= 0n) throw new RangeError('ratioToDouble: the denominator must be positive');
  // Both exact as doubles: one IEEE division, which is correctly rounded.
  if (num >= -TWO_53 && num <= TWO_53 && den <= TWO_53) return Number(num) / Number(den);
  const magnitude = abs(num);
  // Scale so the integer quotient has at least 55 bits: 53 kept, a rounding bit and a sticky
  // bit; a non-zero remainder sets the sticky bit, so Number() (ties to even) rounds right.
  const shift = Math.max(0, 55 + bitLength(den) - bitLength(magnitude));
  const scaled = magnitude << BigInt(shift);
  let quotient = scaled / den;
  if (quotient * den !== scaled) quotient |= 1n;
  // Scaling back by a power of two is exact for every value between 2^-1022 and 2^1023, far
  // beyond anything a tabulation divides.
  const value = Number(quotient) * 2 ** -shift;
  return num < 0n ? -value : value;
}

const isSafe = (x: bigint) => x >= -MAX_SAFE && x <= MAX_SAFE;

/**
 * num/den (den > 0, not necessarily reduced) rounded half-up, which the rules define as half
 * away from zero on the exact value, with exactly `digits` digits after the point ("85.500");
 * never "-0.000". Terms given as numbers must be safe integers.
 */
export function decimalOfRatio(num: bigint | number, den: bigint | number, digits: number): string {
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) {
    throw new RangeError('decimalOfRatio: digits');
  }
  // A double beyond 2^53 may already have been rounded: large terms come as bigints.
  const safeNum = typeof num === 'number' ? checkSafe(num) : isSafe(num);
  const safeDen = typeof den === 'number' ? checkSafe(den) : isSafe(den);
  if (den <= 0) throw new RangeError('decimalOfRatio: the denominator must be positive');
  const negative = num < 0;
  const d = Number(den);
  const x = 2 * Math.abs(Number(num)) * 10 ** digits + d;
  let rounded: string;
  if (safeNum && safeDen && x <= Number.MAX_SAFE_INTEGER) {
    // Fast path, exact: every term is a safe integer (a double sum that is safe never came
    // down from 2^53), and `%` on safe integers is exact; no bigint is allocated.
    const y = 2 * d;
    rounded = String((x - (x % y)) / y); // floor(|num/den|·10^d + 1/2)
  } else {
    const b = BigInt(num);
    const magnitude = (b < 0n ? -b : b) * 10n ** BigInt(digits);
    const bigDen = BigInt(den);
    rounded = ((2n * magnitude + bigDen) / (2n * bigDen)).toString();
  }
  const sign = negative && rounded !== '0' ? '-' : '';
  if (digits === 0) return `${sign}${rounded}`;
  const text = rounded.padStart(digits + 1, '0');
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * decimalOfRatio as a number, e.g. for `score`: the double nearest the rounded decimal, which is
 * what Number() reads from it. On safe integers no string is built: r / 10^d of two exact
 * doubles is one correctly rounded division, the same double.
 */
export function roundedRatio(num: number, den: number, digits: number): number {
  if (Number.isSafeInteger(num) && Number.isSafeInteger(den) && den > 0 && digits <= 15) {
    const scale = 10 ** digits;
    const x = 2 * Math.abs(num) * scale + den;
    if (x <= Number.MAX_SAFE_INTEGER) {
      const y = 2 * den;
      const rounded = (x - (x % y)) / y / scale;
      return num < 0 && rounded !== 0 ? -rounded : rounded;
    }
  }
  return Number(decimalOfRatio(num, den, digits));
}

function checkSafe(x: number): true {
  if (!Number.isSafeInteger(x)) throw new RangeError('decimalOfRatio: not a safe integer');
  return true;
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** An exact rational number p/q, always reduced, with q > 0. Immutable. */
export class Rational {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  private constructor(
    readonly p: bigint,
    readonly q: bigint,
  ) {}

  /** p/q reduced; integers given as numbers must be safe integers (beyond, a double is inexact). */
  static of(p: bigint | number, q: bigint | number = 1n): Rational {
    if (typeof p === 'number' && !Number.isSafeInteger(p)) throw new RangeError('Rational: p');
    if (typeof q === 'number' && !Number.isSafeInteger(q)) throw new RangeError('Rational: q');
    let num = BigInt(p);
    let den = BigInt(q);
    if (den === 0n) throw new RangeError('Rational: zero denominator');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(abs(num), den);
    return g === 1n ? new Rational(num, den) : new Rational(num / g, den / g);
  }

  /** An integer count of hundredths, as parsed by `parseHundredths`. */
  static fromHundredths(hundredths: number): Rational {
    return Rational.of(hundredths, 100);
  }

  /** From the decimal form of the value (at most 2 digits after the point), never the double. */
  static fromDecimal(value: DecimalInput): Rational {
    return Rational.fromHundredths(parseHundredths(value, 'value'));
  }

  add(o: Rational): Rational {
    return this.q === o.q
      ? Rational.of(this.p + o.p, this.q)
      : Rational.of(this.p * o.q + o.p * this.q, this.q * o.q);
  }

  sub(o: Rational): Rational {
    return this.add(o.neg());
  }

  mul(o: Rational): Rational {
    return Rational.of(this.p * o.p, this.q * o.q);
  }

  div(o: Rational): Rational {
    if (o.p === 0n) throw new RangeError('Rational: division by zero');
    return Rational.of(this.p * o.q, this.q * o.p);
  }

  neg(): Rational {
    return new Rational(-this.p, this.q);
  }

  /** Negative, zero or positive as this is below, equal to or above `o`. */
  compare(o: Rational): number {
    if (this.q === o.q) return this.p < o.p ? -1 : this.p > o.p ? 1 : 0;
    if (isSafe(this.p) && isSafe(o.p) && this.q <= MAX_SAFE && o.q <= MAX_SAFE) {
      // Fast path, exact: the terms are exact doubles, and a product whose double is a safe
      // integer is exact too (rounding is monotone, so it never comes down from 2^53).
      const left = Number(this.p) * Number(o.q);
      const right = Number(o.p) * Number(this.q);
      if (Math.abs(left) <= Number.MAX_SAFE_INTEGER && Math.abs(right) <= Number.MAX_SAFE_INTEGER) {
        return left < right ? -1 : left > right ? 1 : 0;
      }
    }
    const left = this.p * o.q;
    const right = o.p * this.q;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  equals(o: Rational): boolean {
    // Reduced with a positive denominator, so equal values have equal terms.
    return this.p === o.p && this.q === o.q;
  }

  sign(): number {
    return this.p < 0n ? -1 : this.p > 0n ? 1 : 0;
  }

  /** The reduced fraction as the API reports it: "171/2", "85/1", "-3/4". */
  toString(): string {
    return `${this.p}/${this.q}`;
  }

  /**
   * Rounded half-up, which the rules define as half away from zero on the exact value, with
   * exactly `digits` digits after the point ("85.500"); never "-0.000".
   */
  toDecimalString(digits: number): string {
    return decimalOfRatio(this.p, this.q, digits);
  }

  /** `toDecimalString(digits)` read as a number (85.5 for "85.500"). */
  toRoundedNumber(digits: number): number {
    return isSafe(this.p) && this.q <= MAX_SAFE
      ? roundedRatio(Number(this.p), Number(this.q), digits)
      : Number(this.toDecimalString(digits));
  }

  /** The nearest double (ties to even). */
  toDouble(): number {
    return ratioToDouble(this.p, this.q);
  }
}

import fc from 'fast-check';
import { Rational, decimalOfRatio, gcd, ratioToDouble, roundedRatio } from './rational';

/** Euclid on bigints, nothing else: the reference the fast paths must agree with. */
function referenceGcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Rounding half away from zero by quotient and remainder (a second way to compute it). */
function referenceDecimal(p: bigint, q: bigint, digits: number): string {
  const negative = p < 0n !== q < 0n;
  const num = (p < 0n ? -p : p) * 10n ** BigInt(digits);
  const den = q < 0n ? -q : q;
  let r = num / den;
  if (2n * (num % den) >= den) r += 1n;
  const s = r.toString().padStart(digits + 1, '0');
  const text = digits === 0 ? s : `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
  return negative && r !== 0n ? `-${text}` : text;
}

/** The exact value of a finite double, as p/q. */
function exactOfDouble(x: number): Rational {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const power = (exponent === 0 ? 1 : exponent) - 1075;
  return power >= 0
    ? Rational.of(sign * mantissa * 2n ** BigInt(power))
    : Rational.of(sign * mantissa, 2n ** BigInt(-power));
}

function nextDouble(x: number, direction: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  if (x === 0) return direction * Number.MIN_VALUE;
  view.setBigInt64(0, bits + BigInt(x > 0 ? direction : -direction));
  return view.getFloat64(0);
}

const distance = (a: Rational, b: Rational) => {
  const d = a.sub(b);
  return d.sign() < 0 ? d.neg() : d;
};

const big = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
const nonZero = big.filter((x) => x !== 0n);
const small = fc.bigInt({ min: -1000n, max: 1000n });

describe('Rational', () => {
  it('reduces, as scoreExact reports it ("171/2", "85/1")', () => {
    expect(Rational.of(171, 2).toString()).toBe('171/2');
    expect(Rational.of(342n, 4n).toString()).toBe('171/2');
    expect(Rational.of(85).toString()).toBe('85/1');
    expect(Rational.of(425, 5).toString()).toBe('85/1');
    expect(Rational.of(3, -4).toString()).toBe('-3/4');
    expect(Rational.of(0, -7).toString()).toBe('0/1');
  });

  it('refuses a zero denominator, a division by zero and a non-integer number', () => {
    expect(() => Rational.of(1, 0)).toThrow(RangeError);
    expect(() => Rational.ONE.div(Rational.ZERO)).toThrow(RangeError);
    expect(() => Rational.of(1.5)).toThrow(RangeError);
    expect(() => Rational.of(2 ** 60)).toThrow(RangeError); // an integer, but maybe not the one meant
  });

  it('adds, subtracts, multiplies and divides exactly', () => {
    const half = Rational.of(1, 2);
    const third = Rational.of(1, 3);
    expect(half.add(third).toString()).toBe('5/6');
    expect(half.sub(third).toString()).toBe('1/6');
    expect(third.sub(half).toString()).toBe('-1/6');
    expect(half.mul(third).toString()).toBe('1/6');
    expect(half.div(third).toString()).toBe('3/2');
    expect(Rational.of(1, 10).add(Rational.of(2, 10)).toString()).toBe('3/10'); // not 0.30000000000000004
  });

  it('reads decimals from their decimal form', () => {
    expect(Rational.fromDecimal('7.5').toString()).toBe('15/2');
    expect(Rational.fromDecimal(0.1).toString()).toBe('1/10');
    expect(Rational.fromDecimal('85').toString()).toBe('85/1');
  });

  it('rounds half away from zero to 3 decimals', () => {
    expect(Rational.of(171, 2).toDecimalString(3)).toBe('85.500');
    expect(Rational.of(1, 3).toDecimalString(3)).toBe('0.333');
    expect(Rational.of(2, 3).toDecimalString(3)).toBe('0.667');
    expect(Rational.of(100, 3).toDecimalString(3)).toBe('33.333');
    expect(Rational.of(1, 2000).toDecimalString(3)).toBe('0.001'); // 0.0005: the half goes up
    expect(Rational.of(-1, 2000).toDecimalString(3)).toBe('-0.001'); // and away from zero
    expect(Rational.of(-1, 3000).toDecimalString(3)).toBe('0.000'); // never "-0.000"
    expect(Rational.of(12345, 1).toDecimalString(0)).toBe('12345');
    expect(Rational.of(5, 2).toDecimalString(0)).toBe('3');
    expect(Rational.of(10n ** 30n + 5n, 10n ** 4n).toDecimalString(3)).toBe(
      '100000000000000000000000000.001',
    );
  });

  it('converts to the nearest double', () => {
    expect(Rational.of(1, 10).toDouble()).toBe(0.1);
    expect(Rational.of(1, 3).toDouble()).toBe(1 / 3);
    expect(Rational.of(-171, 2).toDouble()).toBe(-85.5);
    // 2^53 + 1 lies halfway between two doubles: ties go to the even one, 2^53.
    expect(ratioToDouble(2n ** 53n + 1n, 1n)).toBe(2 ** 53);
    expect(ratioToDouble(2n ** 54n + 6n, 2n)).toBe(2 ** 53 + 4); // 2^53 + 3: ties to even
    expect(ratioToDouble(10n ** 40n + 1n, 3n * 10n ** 39n)).toBe(10 / 3);
  });

  describe('agrees with a bigint reference', () => {
    it('of: reduced, positive denominator, same value', () => {
      fc.assert(
        fc.property(big, nonZero, (p, q) => {
          const r = Rational.of(p, q);
          expect(r.q > 0n).toBe(true);
          expect(referenceGcd(r.p, r.q)).toBe(1n);
          expect(r.p * q).toBe(p * r.q);
        }),
      );
    });

    it('add, sub, mul, div', () => {
      fc.assert(
        fc.property(big, nonZero, big, nonZero, (a, b, c, d) => {
          const x = Rational.of(a, b);
          const y = Rational.of(c, d);
          const same = (r: Rational, num: bigint, den: bigint) => expect(r.p * den).toBe(num * r.q);
          same(x.add(y), a * d + c * b, b * d);
          same(x.sub(y), a * d - c * b, b * d);
          same(x.mul(y), a * c, b * d);
          if (c !== 0n) same(x.div(y), a * d, b * c);
        }),
      );
    });

    it('compare and equals, with small and large terms', () => {
      fc.assert(
        fc.property(
          fc.oneof(big, small),
          fc.oneof(
            nonZero,
            small.filter((x) => x !== 0n),
          ),
          fc.oneof(big, small),
          fc.oneof(
            nonZero,
            small.filter((x) => x !== 0n),
          ),
          (a, b, c, d) => {
            const expected = a * d * (b * d) - c * b * (b * d); // (a/b − c/d)·(bd)²
            const sign = expected < 0n ? -1 : expected > 0n ? 1 : 0;
            expect(Rational.of(a, b).compare(Rational.of(c, d))).toBe(sign);
            expect(Rational.of(a, b).equals(Rational.of(c, d))).toBe(sign === 0);
          },
        ),
      );
    });

    it('gcd', () => {
      fc.assert(
        fc.property(
          fc.bigInt({ min: 0n, max: 10n ** 25n }),
          fc.bigInt({ min: 0n, max: 10n ** 25n }),
          (a, b) => {
            expect(gcd(a, b)).toBe(referenceGcd(a, b));
          },
        ),
      );
      fc.assert(
        fc.property(
          fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }),
          fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }),
          (a, b) => {
            expect(gcd(a, b)).toBe(referenceGcd(a, b));
          },
        ),
      );
    });

    it('toDecimalString, on both the number and the bigint path', () => {
      fc.assert(
        fc.property(
          fc.oneof(big, small),
          fc.oneof(
            nonZero,
            small.filter((x) => x !== 0n),
          ),
          fc.integer({ min: 0, max: 6 }),
          (p, q, digits) => {
            expect(Rational.of(p, q).toDecimalString(digits)).toBe(referenceDecimal(p, q, digits));
            if (q > 0n) expect(decimalOfRatio(p, q, digits)).toBe(referenceDecimal(p, q, digits));
          },
        ),
      );
    });

    it('roundedRatio and toRoundedNumber are Number() of the rounded decimal', () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.integer(), fc.maxSafeInteger()),
          fc.oneof(
            fc.integer({ min: 1, max: 10_000 }),
            fc.maxSafeNat().filter((x) => x > 0),
          ),
          fc.integer({ min: 0, max: 6 }),
          (p, q, digits) => {
            const expected = Number(referenceDecimal(BigInt(p), BigInt(q), digits));
            expect(roundedRatio(p, q, digits)).toBe(expected);
            expect(Rational.of(p, q).toRoundedNumber(digits)).toBe(expected);
          },
        ),
      );
      expect(Rational.of(10n ** 30n + 5n, 10n ** 4n).toRoundedNumber(3)).toBe(1e26);
      expect(Object.is(roundedRatio(-1, 3000, 3), 0)).toBe(true);
    });

    it('toDouble is the nearest double', () => {
      fc.assert(
        fc.property(
          fc.oneof(big, small),
          fc.oneof(
            nonZero,
            small.filter((x) => x !== 0n),
          ),
          (p, q) => {
            const x = Rational.of(p, q);
            const d = x.toDouble();
            const error = distance(exactOfDouble(d), x);
            expect(error.compare(distance(exactOfDouble(nextDouble(d, 1)), x))).toBeLessThanOrEqual(
              0,
            );
            expect(
              error.compare(distance(exactOfDouble(nextDouble(d, -1)), x)),
            ).toBeLessThanOrEqual(0);
          },
        ),
      );
    });
  });
});

import fc from 'fast-check';
import { Rational } from './rational';
import {
  compareZscoreKeys,
  zscoreKey,
  zscoreKeyFromBits,
  zscoreKeyReaches,
  zscoreKeyValue,
} from './zscore-key';

/** The key read from `toFixed(9)`, the engine's own exact rounding: an independent derivation. */
const byToFixed = (x: number) => BigInt(x.toFixed(9).replace('.', ''));

describe('zscoreKey (§3): the aggregate rounded half-up to 9 decimals, in units of 1e-9', () => {
  it('counts units of 1e-9', () => {
    expect(zscoreKey(0.5)).toBe(500_000_000n);
    expect(zscoreKey(-1.25)).toBe(-1_250_000_000n);
    expect(zscoreKey(3)).toBe(3_000_000_000n);
    expect(zscoreKey(1e20)).toBe(10n ** 29n);
  });

  it('rounds a value exactly half-way away from zero', () => {
    // 2^-10 = 0.0009765625 exactly: 976562.5 units.
    expect(zscoreKey(2 ** -10)).toBe(976_563n);
    expect(zscoreKey(-(2 ** -10))).toBe(-976_563n);
    // 3·2^-11 = 0.00146484375: 1464843.75 units, rounded to the nearest
    expect(zscoreKey(3 * 2 ** -11)).toBe(1_464_844n);
  });

  it("rounds the double's exact value, never a product rounded in doubles first", () => {
    // The literal 0.1234567895 is the double 0.12345678949999999707…, below the half-way
    // point; 0.1234567895 * 1e9 in doubles rounds to 123456789.5 and Math.round says …790.
    expect(Math.round(0.1234567895 * 1e9)).toBe(123_456_790);
    expect(zscoreKey(0.1234567895)).toBe(123_456_789n);
    expect(zscoreKey(-0.1234567895)).toBe(-123_456_789n);
    // Just below 2^-10: 976562.4999999998… units.
    expect(zscoreKey(2 ** -10 - 2 ** -62)).toBe(976_562n);
    // 1.5e-9 is stored a little below 1.5e-9.
    expect(zscoreKey(1.5e-9)).toBe(1n);
  });

  it('gives 0 for ±0 and the subnormals, and refuses what is not finite', () => {
    for (const key of [zscoreKey, zscoreKeyFromBits]) {
      expect([0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 4e-10, -4e-10].map(key)).toEqual([
        0n,
        0n,
        0n,
        0n,
        0n,
        0n,
      ]);
      for (const x of [Number.NaN, Infinity, -Infinity]) expect(() => key(x)).toThrow(RangeError);
    }
  });

  it('beyond 2^52 units, on the integer path', () => {
    // BigInt(x) of an integral double is its exact value
    expect(zscoreKey(2 ** 60)).toBe(2n ** 60n * 10n ** 9n);
    expect(zscoreKey(-1e300)).toBe(BigInt(-1e300) * 10n ** 9n);
    expect(zscoreKey(123456789.01234567)).toBe(byToFixed(123456789.01234567));
  });

  it('is the integer toFixed(9) prints, for any double below 1e21', () => {
    const doubles = fc.oneof(
      fc.double({ min: -9.9e20, max: 9.9e20, noNaN: true }),
      fc.double({ min: -10, max: 10, noNaN: true }),
      // near the half-way points of the 1e-9 grid
      fc
        .tuple(fc.integer({ min: -5e9, max: 5e9 }), fc.integer({ min: -3, max: 3 }))
        .map(([k, ulps]) => (k + 0.5) / 1e9 + ulps * Number.EPSILON * Math.abs(k / 1e9)),
    );
    fc.assert(
      fc.property(doubles, (x) => {
        const expected = byToFixed(x);
        // the fast path where it applies, and the integer path on every value
        expect([zscoreKey(x), zscoreKeyFromBits(x)]).toEqual([expected, expected]);
      }),
      { numRuns: 2000 },
    );
  });

  it('never decreases as the aggregate grows (rounding is monotone)', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (x, y) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          expect(zscoreKey(lo) <= zscoreKey(hi)).toBe(true);
        },
      ),
    );
  });

  it('as a fraction K/1e9, and compared key to key', () => {
    expect(zscoreKeyValue(0.5000000006).equals(Rational.of(500_000_001, 1_000_000_000))).toBe(true);
    expect(compareZscoreKeys(0.5000000006, 0.5000000012)).toBe(0);
    expect(compareZscoreKeys(0.5, 0.5000000006)).toBe(-1);
    expect(compareZscoreKeys(0.5000000006, 0.5)).toBe(1);
  });

  it('MIN_SCORE: a value of h hundredths is reached when h·1e7 ≤ K', () => {
    expect(zscoreKeyReaches(50, 500_000_000n)).toBe(true);
    expect(zscoreKeyReaches(50, 499_999_999n)).toBe(false);
    expect(zscoreKeyReaches(-125, -1_250_000_000n)).toBe(true);
    expect(zscoreKeyReaches(-125, -1_250_000_001n)).toBe(false);
  });
});

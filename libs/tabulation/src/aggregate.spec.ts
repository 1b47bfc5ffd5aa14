import fc from 'fast-check';
import {
  ExactAggregation,
  JudgeStatsBuilder,
  exactAggregate,
  judgeStats,
  meanZ,
  zScore,
} from './aggregate';
import { compareCodePoints } from './order';
import { Rational } from './rational';

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
/** Totals as integers over the denominator 1 (T_i = values[i]). */
const of = (aggregation: ExactAggregation, totals: number[], trim = 1) =>
  exactAggregate(aggregation, sorted(totals), 1n, trim)?.toString() ?? null;

describe('exact aggregates (§3)', () => {
  it('MEAN: the arithmetic mean, reduced ("171/2", "85/1")', () => {
    expect(of('MEAN', [85, 86])).toBe('171/2');
    expect(of('MEAN', [85, 85])).toBe('85/1');
    expect(of('MEAN', [80, 85, 90])).toBe('85/1');
    expect(of('MEAN', [80, 81, 81])).toBe('242/3');
    expect(exactAggregate('MEAN', [85, 86], 1n)!.toDecimalString(3)).toBe('85.500');
  });

  it('a denominator other than 1 divides the totals', () => {
    // T = 1710/20 and 1720/20: 85.5 and 86
    expect(exactAggregate('MEAN', [1710, 1720], 20n)!.toString()).toBe('343/4');
  });

  it('TRIMMED_MEAN drops the t lowest and t highest when n ≥ 2t + 1', () => {
    expect(of('TRIMMED_MEAN', [70, 80, 85, 90, 100], 1)).toBe('85/1');
    expect(of('TRIMMED_MEAN', [70, 80, 84, 91, 100], 1)).toBe('85/1'); // (80 + 84 + 91) / 3
    expect(of('TRIMMED_MEAN', [10, 80, 85, 91, 100], 2)).toBe('85/1'); // the middle one
    expect(of('TRIMMED_MEAN', [60, 80, 91], 1)).toBe('80/1'); // n = 3 = 2t + 1: trimmed
    expect(of('TRIMMED_MEAN', [100, 0, 50, 51], 1)).toBe('101/2'); // unsorted input sorted first
  });

  it('TRIMMED_MEAN is the plain mean when n < 2t + 1', () => {
    expect(of('TRIMMED_MEAN', [80, 91], 1)).toBe('171/2');
    expect(of('TRIMMED_MEAN', [70, 80, 85, 90], 2)).toBe('325/4');
    expect(of('TRIMMED_MEAN', [85], 1)).toBe('85/1');
  });

  it('TRIMMED_MEAN with t = 0 is the mean', () => {
    expect(of('TRIMMED_MEAN', [70, 80, 85, 90, 100], 0)).toBe('85/1');
    expect(of('TRIMMED_MEAN', [70, 71], 0)).toBe('141/2');
  });

  it('MEDIAN: the middle total, or the mean of the two middle ones', () => {
    expect(of('MEDIAN', [90, 80, 85])).toBe('85/1');
    expect(of('MEDIAN', [80, 85, 86, 90])).toBe('171/2');
    expect(of('MEDIAN', [1, 2, 100])).toBe('2/1');
    expect(of('MEDIAN', [60])).toBe('60/1');
  });

  it('no sheets, no aggregate', () => {
    expect(of('MEAN', [])).toBeNull();
    expect(of('MEDIAN', [])).toBeNull();
    expect(of('TRIMMED_MEAN', [])).toBeNull();
  });

  const aggregation = fc.constantFrom<ExactAggregation>('MEAN', 'TRIMMED_MEAN', 'MEDIAN');
  const totals = fc.array(fc.integer({ min: 0, max: 100_000_000 }), {
    minLength: 1,
    maxLength: 12,
  });

  it('lies between the lowest and the highest total', () => {
    fc.assert(
      fc.property(
        aggregation,
        totals,
        fc.integer({ min: 0, max: 5 }),
        fc.bigInt({ min: 1n, max: 10n ** 20n }),
        (a, ts, t, L) => {
          const value = exactAggregate(a, sorted(ts), L, t)!;
          expect(value.compare(Rational.of(Math.min(...ts), L))).toBeGreaterThanOrEqual(0);
          expect(value.compare(Rational.of(Math.max(...ts), L))).toBeLessThanOrEqual(0);
        },
      ),
    );
  });

  it('TRIMMED_MEAN equals MEAN when n < 2t + 1, and not when trimming moves it', () => {
    fc.assert(
      fc.property(totals, fc.integer({ min: 0, max: 8 }), (ts, t) => {
        const trimmed = exactAggregate('TRIMMED_MEAN', sorted(ts), 1n, t)!;
        const mean = exactAggregate('MEAN', sorted(ts), 1n, t)!;
        if (ts.length < 2 * t + 1) expect(trimmed.equals(mean)).toBe(true);
      }),
    );
    expect(of('TRIMMED_MEAN', [0, 50, 100, 100, 100], 1)).not.toBe(
      of('MEAN', [0, 50, 100, 100, 100]),
    );
  });

  it('numbers and bigints give the same fraction, also past 2^53', () => {
    fc.assert(
      fc.property(
        aggregation,
        fc.array(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 3 }),
        (a, ts, t) => {
          const s = sorted(ts);
          const viaNumbers = exactAggregate(a, s, 7n, t)!;
          const viaBigints = exactAggregate(a, s.map(BigInt), 7n, t)!;
          expect(viaNumbers.toString()).toBe(viaBigints.toString());
        },
      ),
    );
  });
});

describe('ZSCORE pieces (§3)', () => {
  it('μ and the population σ per judge; z = 0 below 2 sheets or when σ = 0', () => {
    const stats = judgeStats(
      [
        { judgeId: 'A', numerator: 80 },
        { judgeId: 'A', numerator: 90 },
        { judgeId: 'B', numerator: 70 },
        { judgeId: 'C', numerator: 60 },
        { judgeId: 'C', numerator: 60n },
      ],
      1n,
    );
    expect(stats.get('A')).toEqual({ count: 2, sum: 170n, sigma: 5 });
    expect(zScore(stats.get('A')!, 90, 1n)).toBe(1);
    expect(zScore(stats.get('A')!, 80, 1n)).toBe(-1);
    expect(stats.get('B')!.sigma).toBe(0);
    expect(zScore(stats.get('B')!, 70, 1n)).toBe(0);
    expect(stats.get('C')!.sigma).toBe(0);
    expect(zScore(stats.get('C')!, 60, 1n)).toBe(0);
  });

  it('σ² is exact before the square root: totals 1, 2, 3 over 10 have σ = sqrt(2/300)', () => {
    const stats = judgeStats(
      [1, 2, 3].map((k) => ({ judgeId: 'J', numerator: k })),
      10n,
    );
    // μ = 0.2, σ² = ((0.1)² + 0 + (0.1)²) / 3 = 2/300
    expect(stats.get('J')!.sigma).toBe(Math.sqrt(Rational.of(2, 300).toDouble()));
    expect(zScore(stats.get('J')!, 3, 10n)).toBe(0.1 / Math.sqrt(2 / 300));
  });

  it('exact sums past 2^53 (numbers moved into bigints), the same as all-bigint input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 2 ** 40 })), {
          minLength: 1,
          maxLength: 40,
        }),
        (sheets) => {
          const asNumbers = new JudgeStatsBuilder();
          const asBigints = new JudgeStatsBuilder();
          for (const [j, k] of sheets) {
            asNumbers.add(j, k);
            asBigints.add(j, BigInt(k));
          }
          const a = asNumbers.build(3n);
          const b = asBigints.build(3n);
          expect(a).toEqual(b);
          for (const [j, k] of sheets)
            expect(zScore(a.get(j)!, k, 3n)).toBe(zScore(b.get(j)!, BigInt(k), 3n));
          // and the sum and σ are those of the definition
          for (const [j, s] of a) {
            const ks = sheets.filter(([jj]) => jj === j).map(([, k]) => BigInt(k));
            const sum = ks.reduce((x, y) => x + y, 0n);
            expect(s.sum).toBe(sum);
            const mu = Rational.of(sum, BigInt(ks.length) * 3n);
            const variance = ks
              .map((k) => Rational.of(k, 3n).sub(mu))
              .reduce((acc, d) => acc.add(d.mul(d)), Rational.ZERO)
              .div(Rational.of(ks.length));
            expect(s.sigma).toBe(
              ks.length < 2 || variance.sign() === 0 ? 0 : Math.sqrt(variance.toDouble()),
            );
          }
        },
      ),
    );
  });

  it('an entry sums its z in ascending order of judge id before dividing', () => {
    // Summed as given (c, a, b): 1 + 1e16 = 1e16, then 0. In id order (a, b, c): 0 + 1 = 1.
    const zs = [
      { judgeId: 'c', z: 1 },
      { judgeId: 'a', z: 1e16 },
      { judgeId: 'b', z: -1e16 },
    ];
    expect(meanZ(zs)).toBe(1 / 3);
    expect(meanZ([...zs].reverse())).toBe(1 / 3);
  });

  it('judge ids compare in code-point order, not UTF-16 order', () => {
    const astral = '\u{1F600}'; // code point 0x1F600, UTF-16 starts with 0xD83D
    const high = '\uFB01'; // code point 0xFB01
    expect(astral < high).toBe(true); // what JavaScript's < says
    expect(compareCodePoints(high, astral)).toBeLessThan(0); // what the rules say
    const zs = [
      { judgeId: astral, z: -1e16 },
      { judgeId: high, z: 1e16 },
      { judgeId: `${high}x`, z: 1 },
    ];
    // code-point order: high, high+x, astral → 1e16 + 1 = 1e16, − 1e16 = 0
    expect(meanZ(zs)).toBe(0);
  });

  it('no sheets, no aggregate; never -0', () => {
    expect(meanZ([])).toBeNull();
    expect(Object.is(meanZ([{ judgeId: 'a', z: -0 }]), 0)).toBe(true);
  });
});

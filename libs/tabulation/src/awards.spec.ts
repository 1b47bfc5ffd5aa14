import fc from 'fast-check';
import { assignAdvancement } from './advancement';
import { Quota, assignTiers, meetsMinScore, places, prepareQuota } from './awards';
import { TabulationInputError } from './errors';
import { EXACT_ORDER, competitionRanks } from './rank';
import { Rational } from './rational';
import { TiePolicy } from './types';

const count = (value: number): Quota => ({ mode: 'COUNT', hundredths: value * 100 });
const percent = (value: string): Quota => prepareQuota({ mode: 'PERCENT', value }, 'q', false);
const minScore = (value: string, zscore = false): Quota =>
  prepareQuota({ mode: 'MIN_SCORE', value }, 'q', zscore);
const aggregates = (ranks: number[]) => ranks.map((r) => Rational.of(100 - r));

describe('award tiers (§5)', () => {
  // ranks 1, 2, 2, 4, 5 against gold 1, silver 1, bronze 2: C = 1, 2, 4
  const ranks = [1, 2, 2, 4, 5];
  const tiers = [count(1), count(1), count(2)];

  it('INCLUDE_TIES: the first tier with r ≤ C_k; a tie at a boundary takes places from below', () => {
    expect(assignTiers(tiers, ranks, aggregates(ranks), 'INCLUDE_TIES')).toEqual([0, 1, 1, 2, -1]);
  });

  it('EXCLUDE_TIES: the first tier with r + m − 1 ≤ C_k', () => {
    // rank 2 shared by 2: 3 ≤ C_3 = 4 only
    expect(assignTiers(tiers, ranks, aggregates(ranks), 'EXCLUDE_TIES')).toEqual([0, 2, 2, 2, -1]);
    // with bronze 1 (C = 1, 2, 3) the tie at rank 2 drops to bronze, and rank 4 gets nothing
    expect(
      assignTiers([count(1), count(1), count(1)], ranks, aggregates(ranks), 'EXCLUDE_TIES'),
    ).toEqual([0, 2, 2, -1, -1]);
    // with gold and silver only (C = 1, 2) the tie at rank 2 gets nothing at all
    expect(assignTiers([count(1), count(1)], ranks, aggregates(ranks), 'EXCLUDE_TIES')).toEqual([
      0, -1, -1, -1, -1,
    ]);
  });

  it('a COUNT of 0 gives no places', () => {
    expect(
      assignTiers([count(0), count(2)], [1, 2, 3], aggregates([1, 2, 3]), 'INCLUDE_TIES'),
    ).toEqual([1, 1, -1]);
  });

  it('no tiers, no awards', () => {
    expect(assignTiers([], [1, 2], aggregates([1, 2]), 'INCLUDE_TIES')).toEqual([-1, -1]);
  });

  it('PERCENT: n_k = floor(value·N/100 + 1/2), exactly', () => {
    expect(places(percent('10'), 14)).toBe(1); // 1.4 + 0.5
    expect(places(percent('10'), 15)).toBe(2); // 1.5 + 0.5
    expect(places(percent('12.5'), 12)).toBe(2);
    expect(places(percent('2'), 25)).toBe(1); // 0.5 + 0.5
    expect(places(percent('0.01'), 5000)).toBe(1);
    expect(places(percent('100'), 7)).toBe(7);
    expect(places(percent('0'), 7)).toBe(0);
    expect(places(percent('37'), 0)).toBe(0); // an empty scope
    // 9.2 % of 375 is 34.5: 35 places; in doubles 9.2·375/100 + 0.5 is 34.99999999999999
    expect(Math.floor((9.2 * 375) / 100 + 0.5)).toBe(34);
    expect(places(percent('9.2'), 375)).toBe(35);
  });

  it('PERCENT tiers are then read as COUNT', () => {
    const r = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(assignTiers([percent('10'), percent('25')], r, aggregates(r), 'INCLUDE_TIES')).toEqual([
      0, 1, 1, 1, -1, -1, -1, -1, -1, -1,
    ]);
  });

  it('MIN_SCORE: the highest tier whose value ≤ the aggregate, exactly', () => {
    const gold = minScore('90');
    const silver = minScore('85.5');
    const agg = [
      Rational.of(90),
      Rational.of(89_999, 1000),
      Rational.of(171, 2),
      Rational.of(1709, 20),
      Rational.of(100),
    ];
    expect(assignTiers([gold, silver], [2, 3, 4, 5, 1], agg, 'INCLUDE_TIES')).toEqual([
      0, 1, 1, -1, 0,
    ]);
    // tie policies do not apply to it
    expect(assignTiers([gold, silver], [1, 1, 1, 1, 1], agg, 'EXCLUDE_TIES')).toEqual([
      0, 1, 1, -1, 0,
    ]);
  });

  it("MIN_SCORE for ZSCORE: value · 1e9 ≤ the aggregate's key", () => {
    // 0.4999999995 is stored as 0.49999999950000001414…: key 500000000, the value reached
    expect(meetsMinScore(minScore('0.5', true), 0.4999999995)).toBe(true);
    // 0.4999999994…: key 499999999, not reached, though within the old rule's 1e-9
    expect(meetsMinScore(minScore('0.5', true), 0.4999999994)).toBe(false);
    expect(meetsMinScore(minScore('0.5', true), 0.5 - 2e-9)).toBe(false);
    expect(meetsMinScore(minScore('-1.25', true), -1.25)).toBe(true);
    expect(meetsMinScore(minScore('-1.25', true), -1.2500000005)).toBe(false); // key −1250000001
  });

  it.each<[string, { mode: 'COUNT' | 'PERCENT' | 'MIN_SCORE'; value: string | number }, boolean]>([
    ['a fractional COUNT', { mode: 'COUNT', value: 1.5 }, false],
    ['a negative COUNT', { mode: 'COUNT', value: -1 }, false],
    ['a PERCENT above 100', { mode: 'PERCENT', value: '100.01' }, false],
    ['a MIN_SCORE above 100', { mode: 'MIN_SCORE', value: 101 }, false],
    ['a negative MIN_SCORE for an exact aggregation', { mode: 'MIN_SCORE', value: -1 }, false],
    ['a value with 3 decimals', { mode: 'PERCENT', value: '1.125' }, false],
  ])('refuses %s', (_, quota, zscore) => {
    expect(() => prepareQuota(quota, 'q', zscore)).toThrow(TabulationInputError);
  });

  it('accepts a negative MIN_SCORE for ZSCORE', () => {
    expect(prepareQuota({ mode: 'MIN_SCORE', value: -0.5 }, 'q', true)).toEqual({
      mode: 'MIN_SCORE',
      hundredths: -50,
    });
  });

  describe('properties', () => {
    const scope = fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 40 });
    const quotas = fc.oneof(
      fc.array(fc.integer({ min: 0, max: 6 }).map(count), { minLength: 1, maxLength: 4 }),
      fc.array(
        fc.integer({ min: 0, max: 100_00 }).map((h): Quota => ({ mode: 'PERCENT', hundredths: h })),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
    );
    const rankScope = (values: number[]) => {
      const agg = values.map((v) => Rational.of(v));
      return {
        agg,
        ranks: competitionRanks(
          agg.map((a, i) => ({ code: `${i}`, aggregate: a })),
          EXACT_ORDER,
        ),
      };
    };
    const cumulative = (qs: Quota[], n: number) => {
      let total = 0;
      return qs.map((q) => (total += places(q, n)));
    };

    it('EXCLUDE_TIES never gives tiers 1..k more than C_k places', () => {
      fc.assert(
        fc.property(scope, quotas, (values, qs) => {
          const { agg, ranks } = rankScope(values);
          const tiers = assignTiers(qs, ranks, agg, 'EXCLUDE_TIES');
          cumulative(qs, values.length).forEach((c, k) => {
            expect(tiers.filter((t) => t >= 0 && t <= k).length).toBeLessThanOrEqual(c);
          });
        }),
      );
    });

    it('INCLUDE_TIES gives tier ≤ k to every entry of rank ≤ C_k, and EXCLUDE_TIES never a better tier', () => {
      fc.assert(
        fc.property(scope, quotas, (values, qs) => {
          const { agg, ranks } = rankScope(values);
          const include = assignTiers(qs, ranks, agg, 'INCLUDE_TIES');
          const exclude = assignTiers(qs, ranks, agg, 'EXCLUDE_TIES');
          const c = cumulative(qs, values.length);
          ranks.forEach((r, i) => {
            const first = c.findIndex((ck) => r <= ck);
            expect(include[i]).toBe(first);
            if (exclude[i] >= 0) expect(exclude[i]).toBeGreaterThanOrEqual(include[i]);
          });
        }),
      );
    });
  });
});

describe('advancement (§6)', () => {
  const ranks = [1, 2, 2, 4];
  const agg = [Rational.of(90), Rational.of(85), Rational.of(85), Rational.of(80)];

  it('one quota read as a single tier, with the round tie policy', () => {
    expect(assignAdvancement(count(2), ranks, agg, 'INCLUDE_TIES')).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(assignAdvancement(count(2), ranks, agg, 'EXCLUDE_TIES')).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(assignAdvancement(percent('50'), ranks, agg, 'INCLUDE_TIES')).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('of any mode: MIN_SCORE advances whoever reaches it', () => {
    const policies: TiePolicy[] = ['INCLUDE_TIES', 'EXCLUDE_TIES'];
    for (const policy of policies) {
      expect(assignAdvancement(minScore('85'), ranks, agg, policy)).toEqual([
        true,
        true,
        true,
        false,
      ]);
    }
  });

  it('no quota, nobody advances', () => {
    expect(assignAdvancement(null, ranks, agg, 'INCLUDE_TIES')).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

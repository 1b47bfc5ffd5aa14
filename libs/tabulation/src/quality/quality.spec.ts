import { TabulationInputError } from '../errors';
import { EntryInput, SheetInput } from '../types';
import { countedTotals } from './counted-totals';
import { iccOneK } from './agreement';
import { ADVANCEMENT, CuspResult, cuspEntries, defaultCuspMargin } from './cusps';
import { judgeTotalStats } from './judge-stats';

// One criterion, weight 100, maxScore 10: a sheet's total T is 10 × its score.
const TENS = [{ key: 'overall', weight: 100, maxScore: 10, step: 0.5 }];

const entry = (id: string, status: EntryInput['status'] = 'ACCEPTED'): EntryInput => ({
  id,
  code: id.toUpperCase(),
  categoryCode: 'C',
  status,
});
const sheet = (entryId: string, judgeId: string, value: number | string): SheetInput => ({
  entryId,
  judgeId,
  scores: [{ criterionKey: 'overall', value }],
});

describe('judgeTotalStats', () => {
  it('counts, averages and spreads each judge’s counted totals; sheets of a disqualified entry do not count', () => {
    const totals = countedTotals({
      criteria: TENS,
      entries: [entry('e1'), entry('e2'), entry('e3'), entry('x', 'DISQUALIFIED')],
      sheets: [
        sheet('e1', 'j1', 8), // 80
        sheet('e2', 'j1', 9), // 90
        sheet('e3', 'j1', 7.5), // 75
        sheet('e1', 'j2', 6), // 60
        sheet('x', 'j2', 10), // left out (§2)
      ],
    });
    const [j1, j2] = judgeTotalStats(totals);
    // j1: Σ = 245, mean 245/3 = 81.666… → 81.667. ΣT² = 6400 + 8100 + 5625 = 20125;
    // σ² = (3·20125 − 245²) / 3² = (60375 − 60025) / 9 = 350/9 = 38.888…; σ = 6.2360… → 6.236.
    expect(j1).toMatchObject({ judgeId: 'j1', sheets: 3, mean: 81.667, sd: 6.236 });
    expect(j1.meanExact.toString()).toBe('245/3');
    // j2: the one counted sheet, 60; one sheet has no spread.
    expect(j2).toMatchObject({ judgeId: 'j2', sheets: 1, mean: 60, sd: 0 });
  });

  it('keeps totals exact where a decimal never ends', () => {
    // maxScore 3: T = 100·s/3, so s = 1 gives 100/3 and s = 2 gives 200/3.
    const thirds = [{ key: 'overall', weight: 100, maxScore: 3, step: 1 }];
    const [j] = judgeTotalStats(
      countedTotals({
        criteria: thirds,
        entries: [entry('a'), entry('b')],
        sheets: [sheet('a', 'j', 1), sheet('b', 'j', 2)],
      }),
    );
    // mean (100/3 + 200/3) / 2 = 50 exactly; σ = |100/3 − 50| = 50/3 = 16.666… → 16.667.
    expect(j.meanExact.toString()).toBe('50/1');
    expect(j).toMatchObject({ sheets: 2, mean: 50, sd: 16.667 });
  });

  it('refuses a sheet of an entry it was not given, as the tabulation does', () => {
    expect(() =>
      countedTotals({ criteria: TENS, entries: [entry('a')], sheets: [sheet('b', 'j', 1)] }),
    ).toThrow(TabulationInputError);
  });
});

describe('iccOneK', () => {
  const panel = (sheets: SheetInput[], ids: string[]) =>
    countedTotals({ criteria: TENS, entries: ids.map((id) => entry(id)), sheets });

  it('is (MSB − MSW) / MSB over the entries with exactly k sheets', () => {
    const totals = panel(
      [
        sheet('a', 'j1', 8), sheet('a', 'j2', 9), // 80, 90: mean 85
        sheet('b', 'j1', 7), sheet('b', 'j3', 7), // 70, 70: mean 70
        sheet('c', 'j2', 6), sheet('c', 'j3', 5), // 60, 50: mean 55
        sheet('d', 'j1', 1), // one sheet only: left out
        sheet('other', 'j1', 0), sheet('other', 'j2', 10), // another panel's entry
      ], // prettier-ignore
      ['a', 'b', 'c', 'd', 'other'],
    );
    const icc = iccOneK(totals, ['a', 'b', 'c', 'd'], 2);
    // Grand mean 70. MSB = k·Σ(mean − 70)² / (n − 1) = 2·(225 + 0 + 225) / 2 = 450.
    // MSW = Σ(T − mean)² / (n(k − 1)) = (25 + 25 + 0 + 0 + 25 + 25) / 3 = 100/3.
    // ICC(1,2) = (450 − 100/3) / 450 = 1 − 2/27 = 25/27 = 0.9259… → 0.926.
    expect(icc).toMatchObject({ method: 'ICC1K', k: 2, entriesUsed: 3, entriesLeftOut: 1 });
    expect(icc.exact?.toString()).toBe('25/27');
    expect(icc.value).toBe(0.926);
  });

  it('goes negative when entries differ less than judges do', () => {
    const totals = panel(
      [sheet('a', 'j1', 7), sheet('a', 'j2', 9), sheet('b', 'j1', 9), sheet('b', 'j2', 7.5)],
      ['a', 'b'],
    );
    // Means 80 and 82.5, grand 81.25: MSB = 2·(1.5625 + 1.5625) / 1 = 6.25.
    // MSW = (100 + 100 + 56.25 + 56.25) / (2·1) = 156.25. ICC = (6.25 − 156.25) / 6.25 = −24.
    expect(iccOneK(totals, ['a', 'b'], 2).exact?.toString()).toBe('-24/1');
  });

  it('is undefined with fewer than two entries used, one judge, or no difference between entries', () => {
    const totals = panel(
      [sheet('a', 'j1', 8), sheet('a', 'j2', 9), sheet('b', 'j1', 9), sheet('b', 'j2', 8)],
      ['a', 'b'],
    );
    expect(iccOneK(totals, ['a'], 2)).toMatchObject({ entriesUsed: 1, value: null });
    // means 85 and 85: MSB = 0
    expect(iccOneK(totals, ['a', 'b'], 2)).toMatchObject({ entriesUsed: 2, value: null });
    expect(iccOneK(totals, ['a', 'b'], 1)).toMatchObject({ entriesUsed: 0, entriesLeftOut: 2 });
  });
});

describe('cuspEntries', () => {
  const result = (code: string, scoreExact: string | null, over: Partial<CuspResult> = {}) => {
    const [p, q] = (scoreExact ?? '0/1').split('/').map(Number);
    return {
      entryId: code.toLowerCase(),
      entryCode: code,
      scopeKey: 'ROUND',
      complete: true,
      score: scoreExact === null ? null : Number((p / q).toFixed(3)),
      scoreExact,
      award: null,
      advanced: false,
      ...over,
    } satisfies CuspResult;
  };
  const tiers = [
    { key: 'GOLD', quota: { mode: 'COUNT' as const, value: 1 } },
    { key: 'SILVER', quota: { mode: 'COUNT' as const, value: 2 } },
  ];
  const results = [
    result('A', '90/1', { award: 'GOLD', advanced: true }),
    result('B', '359/4', { award: 'SILVER', advanced: true }), // 89.75
    result('C', '85/1', { award: 'SILVER', advanced: true }),
    result('D', '423/5', { advanced: true }), // 84.6
    result('E', '159/2'), // 79.5
    result('F', '80/1', { complete: false }),
  ];

  it('finds the entries within the margin of each tier and of advancement', () => {
    const cusps = cuspEntries({
      aggregation: 'MEAN',
      awardTiers: tiers,
      advancement: { mode: 'MIN_SCORE', value: 80 },
      results,
      margin: 0.5,
    });
    const rows = cusps.map((c) => [c.boundary, c.entryCode, c.inside, c.boundaryScore, c.distance]);
    expect(rows).toEqual([
      // GOLD holds A alone: the boundary is A's 90; B is 90 − 89.75 = 0.25 below it.
      ['GOLD', 'A', true, 90, 0],
      ['GOLD', 'B', false, 90, 0.25],
      // SILVER or better: A, B, C; the last in is C at 85; D is 85 − 84.6 = 0.4 below.
      ['SILVER', 'C', true, 85, 0],
      ['SILVER', 'D', false, 85, 0.4],
      // advancement needs 80: E's 79.5 is exactly the margin away (inclusive); F is incomplete.
      [ADVANCEMENT, 'E', false, 80, 0.5],
    ]);
    expect(cusps[0]).toMatchObject({ entryId: 'a', scopeKey: 'ROUND', score: 90 });
  });

  it('compares the margin as its decimal, exactly', () => {
    const near = [result('P', '1601/20'), result('Q', '4003/50')]; // 80.05 and 80.06
    const cusps = cuspEntries({
      aggregation: 'MEDIAN',
      advancement: { mode: 'MIN_SCORE', value: 80 },
      results: near,
      margin: 0.05,
    });
    expect(cusps.map((c) => [c.entryCode, c.distance])).toEqual([['P', 0.05]]);
  });

  it('uses the reported z for ZSCORE', () => {
    const z = (code: string, score: number, award: string | null) => ({
      ...result(code, null),
      score,
      award,
    });
    const cusps = cuspEntries({
      aggregation: 'ZSCORE',
      awardTiers: [tiers[0]],
      results: [z('A', 0.5, 'GOLD'), z('B', 0.47, null), z('C', -0.2, null)],
      margin: defaultCuspMargin('ZSCORE'),
    });
    // 0.5 − 0.47 = 0.03 ≤ 0.05; C is 0.7 away.
    expect(cusps.map((c) => [c.entryCode, c.distance])).toEqual([
      ['A', 0],
      ['B', 0.03],
    ]);
  });

  it('compares ZSCORE distances exactly, through the keys of the reported scores (§3)', () => {
    const z = (code: string, score: number, award: string | null) => ({
      ...result(code, null),
      score,
      award,
    });
    const at = (margin: number) =>
      cuspEntries({
        aggregation: 'ZSCORE',
        awardTiers: [tiers[0]],
        results: [z('A', 1.05, 'GOLD'), z('B', 1, null)],
        margin,
      }).map((c) => [c.entryCode, c.distance]);
    // 1.05 − 1 is 0.050000000000000044 in doubles, exactly 0.05 here: on the margin, inside
    expect(at(0.05)).toEqual([
      ['A', 0],
      ['B', 0.05],
    ]);
    // and nothing lets it in under a margin 1e-9 smaller
    expect(at(0.049999999)).toEqual([['A', 0]]);
  });

  it('gives no cusps at a boundary nobody is outside of', () => {
    const all = [result('A', '90/1', { award: 'GOLD' })];
    expect(
      cuspEntries({ aggregation: 'MEAN', awardTiers: tiers, results: all, margin: 1 }),
    ).toEqual([]);
  });

  it.each([-0.5, Number.NaN, Infinity, 1e-10])('refuses the margin %p', (margin) => {
    expect(() => cuspEntries({ aggregation: 'MEAN', results, margin })).toThrow(
      TabulationInputError,
    );
  });
});

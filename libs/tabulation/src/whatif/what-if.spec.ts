import { tabulate } from '../tabulate';
import { RoundSettings, SheetInput, TabulationInput } from '../types';
import { WHAT_IF_METHODS, whatIf } from './what-if';

/** One criterion worth the whole total, so a score is the sheet's total. */
const ROUND: RoundSettings = {
  criteria: [{ key: 'score', weight: 100, maxScore: 100, step: 1 }],
  judgesPerEntry: 2,
  aggregation: 'MEAN',
  rankingScope: 'CATEGORY',
  awardTiers: [
    { key: 'gold', quota: { mode: 'COUNT', value: 1 } },
    { key: 'silver', quota: { mode: 'COUNT', value: 1 } },
  ],
  advancement: { mode: 'COUNT', value: 2 },
};

/**
 * Totals exactly quality + bias, judge j1 lenient (+10), j2 and j3 strict (−5), two judges an
 * entry, not crossed: qualities E1 70, E2 75, E3 72, E4 60.
 *   E1: j1 80, j2 65 → mean 72.5     E2: j2 70, j3 70 → mean 70
 *   E3: j1 82, j3 67 → mean 74.5     E4: j1 70, j2 55 → mean 62.5
 * MEAN ranks E3, E1, E2, E4 (gold E3, silver E1); the judge-bias model recovers the qualities
 * (noiseless) and ranks E2, E3, E1, E4 (gold E2, silver E3).
 */
const SHEETS: [string, string, number][] = [
  ['E1', 'j1', 80],
  ['E1', 'j2', 65],
  ['E2', 'j2', 70],
  ['E2', 'j3', 70],
  ['E3', 'j1', 82],
  ['E3', 'j3', 67],
  ['E4', 'j1', 70],
  ['E4', 'j2', 55],
];
const input = (round: Partial<RoundSettings> = {}): TabulationInput => ({
  round: { ...ROUND, ...round },
  entries: ['E1', 'E2', 'E3', 'E4'].map((id) => ({ id, code: id, categoryCode: 'C' })),
  sheets: SHEETS.map(([entryId, judgeId, total]): SheetInput => ({
    entryId,
    judgeId,
    scores: [{ criterionKey: 'score', value: total }],
  })),
});

const outcome = (report: ReturnType<typeof whatIf>, code: string, method: string) =>
  report.entries.find((e) => e.entryCode === code)!.outcomes.find((o) => o.method === method)!;

describe('whatIf: the round under each method, beside its own results', () => {
  it('the own method is the round’s tabulation, unchanged', () => {
    const report = whatIf(input());
    const own = tabulate(input());
    expect(report.ownHash).toBe(own.hash);
    expect(report.entries.map((e) => e.entryCode)).toEqual(own.results.map((r) => r.entryCode));
    const mean = report.methods.find((m) => m.method === 'MEAN')!;
    expect(mean).toMatchObject({
      own: true,
      awardsComparable: true,
      entriesChangingAward: 0,
      entriesChangingRank: 0,
    });
    expect(mean.kendallTau.value).toBe(1);
    expect(report.methods.map((m) => m.method)).toEqual([...WHAT_IF_METHODS]);
  });

  it('the judge-bias model recovers the qualities and moves the awards; τ says how far', () => {
    const report = whatIf(input());
    expect(
      ['E1', 'E2', 'E3', 'E4'].map((c) => outcome(report, c, 'JUDGE_BIAS').scoreExact),
    ).toEqual(['70/1', '75/1', '72/1', '60/1']);
    expect(report.biasFit.judges.map((j) => [j.judgeId, j.biasExact.toString()])).toEqual([
      ['j1', '10/1'],
      ['j2', '-5/1'],
      ['j3', '-5/1'],
    ]);
    const shifts = (code: string) => {
      const o = outcome(report, code, 'JUDGE_BIAS');
      return [o.award, o.tierShift, o.rank, o.rankShift];
    };
    expect(shifts('E2')).toEqual(['gold', 2, 1, 2]); // no award → gold, 3rd → 1st
    expect(shifts('E3')).toEqual(['silver', -1, 2, -1]);
    expect(shifts('E1')).toEqual([null, -1, 3, -1]);
    expect(shifts('E4')).toEqual([null, 0, 4, 0]);
    const depends = report.entries.filter((e) => e.awardDependsOnMethod).map((e) => e.entryCode);
    expect(depends.sort()).toEqual(['E1', 'E2', 'E3']);
    // Advancement (the top 2): E1 drops out, E2 comes in.
    expect(outcome(report, 'E1', 'JUDGE_BIAS').advanced).toBe(false);
    expect(outcome(report, 'E2', 'JUDGE_BIAS').advanced).toBe(true);
    const bias = report.methods.find((m) => m.method === 'JUDGE_BIAS')!;
    expect(bias).toMatchObject({ entriesChangingAward: 3, entriesChangingAdvancement: 2 });
    // Ranks 1 2 3 4 (E3 E1 E2 E4) against 2 3 1 4: C = 4, D = 2 of 6 pairs.
    expect(bias.kendallTau).toMatchObject({ concordantMinusDiscordant: 2, value: 0.333 });
  });

  it('each aggregation is the tabulation with only the aggregation changed', () => {
    const report = whatIf(input());
    for (const method of ['TRIMMED_MEAN', 'MEDIAN', 'ZSCORE'] as const) {
      const other = tabulate(input({ aggregation: method }));
      for (const r of other.results) {
        expect(outcome(report, r.entryCode, method)).toMatchObject({
          score: r.score,
          rank: r.rank,
          award: r.award,
          advanced: r.advanced,
        });
      }
    }
  });

  it('a MIN_SCORE quota on another scale makes a method’s awards not comparable', () => {
    const minScore = {
      awardTiers: [{ key: 'gold', quota: { mode: 'MIN_SCORE' as const, value: 0.5 } }],
      advancement: null,
    };
    const report = whatIf(input({ aggregation: 'ZSCORE', ...minScore }));
    const comparable = Object.fromEntries(
      report.methods.map((m) => [m.method, m.awardsComparable]),
    );
    expect(comparable).toEqual({
      MEAN: false,
      TRIMMED_MEAN: false,
      MEDIAN: false,
      ZSCORE: true,
      JUDGE_BIAS: false,
    });
    for (const e of report.entries) {
      expect(e.outcomes.find((o) => o.method === 'MEAN')).toMatchObject({
        award: null,
        tierShift: null,
      });
    }
    // Ranks still compare.
    expect(report.methods.find((m) => m.method === 'MEAN')!.kendallTau.value).not.toBeNull();
    // On the points scale a MIN_SCORE compares across MEAN and the judge-bias model.
    const points = whatIf(
      input({
        ...minScore,
        awardTiers: [{ key: 'gold', quota: { mode: 'MIN_SCORE', value: 71 } }],
      }),
    );
    expect(points.methods.find((m) => m.method === 'JUDGE_BIAS')!.awardsComparable).toBe(true);
    expect(points.methods.find((m) => m.method === 'ZSCORE')!.awardsComparable).toBe(false);
    expect(outcome(points, 'E1', 'JUDGE_BIAS')).toMatchObject({ award: null, tierShift: -1 });
  });

  it('incomplete entries are listed, never ranked, under every method', () => {
    const report = whatIf({
      ...input(),
      entries: [...input().entries, { id: 'E5', code: 'E5', categoryCode: 'C' }],
      sheets: [
        ...input().sheets,
        { entryId: 'E5', judgeId: 'j1', scores: [{ criterionKey: 'score', value: 99 }] },
      ],
    });
    const e5 = report.entries.find((e) => e.entryCode === 'E5')!;
    expect(e5.complete).toBe(false);
    expect(
      e5.outcomes.every((o) => o.rank === null && o.award === null && o.rankShift === null),
    ).toBe(true);
    expect(e5.awardDependsOnMethod).toBe(false);
  });
});

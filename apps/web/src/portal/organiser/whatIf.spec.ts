import { translator } from '../../i18n';
import type { AwardTier, RoundWhatIf, WhatIfMethod } from '../ops';
import { awardGrid, CHART_ROWS, outcomeText, tierLevel } from './whatIf';

const tier = (key: string, name: string, rank: number): AwardTier => ({
  key,
  name,
  rank,
  quota: { mode: 'COUNT', value: 1 },
});
const TIERS = [tier('gold', '金奖', 1), tier('silver', '银奖', 2)];
const METHODS: WhatIfMethod[] = ['MEAN', 'TRIMMED_MEAN', 'MEDIAN', 'ZSCORE', 'JUDGE_BIAS'];

type Entry = RoundWhatIf['entries'][number];
const entry = (code: string, awards: (AwardTier | null)[], depends = true): Entry => ({
  entry: { id: code, code, title: `作品 ${code}` },
  scopeKey: 'ROUND',
  complete: true,
  awardDependsOnMethod: depends,
  advancementDependsOnMethod: false,
  outcomes: METHODS.map((method, i) => ({
    method,
    score: null,
    rank: i + 1,
    award: awards[i],
    advanced: false,
    tierShift: i === 0 ? 0 : tierLevel(TIERS, awards[i]) - tierLevel(TIERS, awards[0]),
    rankShift: null,
  })),
});
const report = (entries: Entry[], comparable = METHODS): RoundWhatIf => ({
  roundId: 'r',
  aggregation: 'MEAN',
  tabulationVersion: 1,
  matchesStoredTabulation: true,
  entriesDependingOnMethod: entries.filter((e) => e.awardDependsOnMethod).length,
  components: 1,
  methods: METHODS.map((method) => ({
    method,
    own: method === 'MEAN',
    awardsComparable: comparable.includes(method),
    kendallTau: 1,
    entriesChangingAward: 0,
    entriesChangingAdvancement: 0,
    entriesChangingRank: 0,
  })),
  entries,
  judgeBiases: [],
});

describe('what-if: the chart of awards that depend on the method', () => {
  const [gold, silver] = TIERS;

  it('levels tiers from no award (0) up to the highest', () => {
    expect([null, silver, gold].map((a) => tierLevel(TIERS, a))).toEqual([0, 1, 2]);
  });

  it('one row per entry whose award depends on the method, one column per comparable method', () => {
    const grid = awardGrid(
      report(
        [
          entry('A', [gold, gold, silver, null, gold]),
          entry('B', [silver, silver, silver, silver, silver], false),
          entry('C', [null, null, gold, gold, silver]),
        ],
        ['MEAN', 'TRIMMED_MEAN', 'MEDIAN', 'JUDGE_BIAS'],
      ),
      TIERS,
      '无',
    );
    expect(grid.methods).toEqual(['MEAN', 'TRIMMED_MEAN', 'MEDIAN', 'JUDGE_BIAS']);
    expect(grid.codes).toEqual(['A', 'C']);
    expect(grid.levels).toEqual(['无', '银奖', '金奖']);
    expect(grid.cells).toEqual([
      [0, 0, 2],
      [1, 0, 2],
      [2, 0, 1],
      [3, 0, 2],
      [0, 1, 0],
      [1, 1, 0],
      [2, 1, 2],
      [3, 1, 1],
    ]);
    expect(grid.more).toBe(0);
  });

  it('draws at most CHART_ROWS entries and says how many more', () => {
    const many = Array.from({ length: CHART_ROWS + 3 }, (_, i) =>
      entry(`E${i}`, [gold, silver, null, null, null]),
    );
    const grid = awardGrid(report(many), TIERS, '无');
    expect(grid.codes).toHaveLength(CHART_ROWS);
    expect(grid.more).toBe(3);
  });

  it('says an outcome with how far it moved, in both languages', () => {
    const e = entry('A', [silver, gold, null, silver, null]);
    const zh = translator('zh-CN');
    const en = translator('en');
    expect(outcomeText(zh, e.outcomes[0], true)).toBe('银奖');
    expect(outcomeText(zh, e.outcomes[1], false)).toBe('金奖（升 1 级）');
    expect(outcomeText(zh, e.outcomes[2], false)).toBe('无（降 1 级）');
    expect(outcomeText(en, e.outcomes[2], false)).toBe('none (down 1)');
    expect(outcomeText(en, e.outcomes[3], false)).toBe('银奖');
  });
});

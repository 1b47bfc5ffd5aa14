import type { EntryResult, RoundQuality } from '../ops';
import { byScope, outlierJudgeIds, tiedEntryIds } from './quality';

const result = (id: string, scopeKey: string, rank: number | null): EntryResult => ({
  scopeKey,
  rank,
  score: null,
  scoreExact: null,
  sheetCount: 3,
  complete: true,
  advanced: false,
  award: null,
  entry: { id, code: id, title: id },
});

describe('results highlights', () => {
  it('marks entries sharing a rank within one scope, not across scopes', () => {
    const results = [
      result('a', 'TC-01', 1),
      result('b', 'TC-01', 1),
      result('c', 'TC-01', 3),
      result('d', 'TC-02', 3),
      result('e', 'TC-02', null),
      result('f', 'TC-02', null),
    ];
    expect([...tiedEntryIds(results)].sort()).toEqual(['a', 'b']);
    expect(byScope(results).map(([scope, list]) => [scope, list.length])).toEqual([
      ['TC-01', 3],
      ['TC-02', 3],
    ]);
  });

  it('marks judges whose mean is more than one deviation of the means away', () => {
    const judge = (id: string, meanTotal: number) => ({
      judge: { id, name: id, email: `${id}@x`, role: 'JUDGE' as const },
      sheets: 10,
      meanTotal,
      sdTotal: 1,
    });
    const quality: RoundQuality = {
      margin: 0.5,
      tabulationVersion: 1,
      judges: [judge('a', 7), judge('b', 7.2), judge('c', 6.9), judge('d', 9.5)],
      panels: [],
      cusps: [],
    };
    expect([...outlierJudgeIds(quality)]).toEqual(['d']);
    expect(outlierJudgeIds({ ...quality, judges: quality.judges.slice(0, 2) }).size).toBe(0);
  });
});

import { translator } from '../../i18n';
import type { AgreementFigure, EntryResult, RoundQuality } from '../ops';
import {
  agreementLevel,
  agreementMeaning,
  agreementSentence,
  byScope,
  leniencyWords,
  outlierJudgeIds,
  pValueText,
  tiedEntryIds,
} from './quality';

const result = (id: string, scopeKey: string, rank: number | null): EntryResult => ({
  scopeKey,
  rank,
  score: null,
  scoreExact: null,
  sheetCount: 3,
  complete: true,
  advanced: false,
  award: null,
  entry: { id, code: id, title: id, category: { code: 'TC-01', name: '坭兴陶' } },
});

const figure = (method: string, name: string, value: number | null): AgreementFigure => ({
  method,
  name,
  mcGrawWong: name,
  value,
  exact: null,
});
/** Shrout & Fleiss's Table 2 as the API gives it: crossed, 4 judges. */
const crossed = {
  model: 'TWO_WAY' as const,
  k: 4,
  headline: figure('ICC3K', 'ICC(3,k)', 0.909),
  icc: [
    figure('ICC1K', 'ICC(1,k)', 0.443),
    figure('ICC2K', 'ICC(2,k)', 0.62),
    figure('ICC3K', 'ICC(3,k)', 0.909),
  ],
};

describe('agreement in words', () => {
  const zh = translator('zh-CN');
  const en = translator('en');

  it('reads a reliability as Koo & Li do', () => {
    expect([0.3, 0.5, 0.74, 0.75, 0.9, 0.91, null].map(agreementLevel)).toEqual([
      'poor',
      'moderate',
      'moderate',
      'good',
      'good',
      'excellent',
      null,
    ]);
  });

  it('says the headline figure, its name and the model, in both languages', () => {
    expect(agreementSentence(zh, crossed)).toBe('评委间一致性优秀 (ICC(3,k)=0.91, 双向模型)');
    expect(agreementSentence(en, crossed)).toBe(
      'Agreement between judges is excellent (ICC(3,k) = 0.91, two-way model)',
    );
    const oneWay = {
      model: 'ONE_WAY' as const,
      k: 3,
      headline: figure('ICC1K', 'ICC(1,k)', 0.44),
      icc: [],
    };
    expect(agreementSentence(zh, oneWay)).toBe('评委间一致性较差 (ICC(1,k)=0.44, 单向模型)');
    expect(
      agreementSentence(zh, { ...oneWay, headline: figure('ICC1K', 'ICC(1,k)', null) }),
    ).toMatch(/^无法计算一致性/);
  });

  it('explains what the figure measures, with ICC(2,k) beside a crossed panel’s', () => {
    expect(agreementMeaning(zh, crossed)).toContain('ICC(2,k)=0.62');
    expect(agreementMeaning(en, crossed)).toContain('changes no rank');
    expect(
      agreementMeaning(en, {
        model: 'ONE_WAY',
        k: 3,
        headline: figure('ICC1K', 'ICC(1,k)', 0.5),
        icc: [],
      }),
    ).toContain('the mean of the 3 judges');
  });

  it('words a leniency and a p-value', () => {
    expect(leniencyWords(zh, 3.24)).toBe('平均高 3.2 分');
    expect(leniencyWords(en, -11.875)).toBe('11.9 points below on average');
    expect(leniencyWords(zh, 0.01)).toBe('与其他评委一致');
    expect(leniencyWords(zh, null)).toBe('—');
    expect([0.0033, 0.0004, null].map(pValueText)).toEqual(['= 0.003', '< 0.001', '—']);
  });
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
      coJudgedEntries: 10,
      leniency: null,
      spearman: null,
    });
    const quality: RoundQuality = {
      margin: 0.5,
      tabulationVersion: 1,
      judges: [judge('a', 7), judge('b', 7.2), judge('c', 6.9), judge('d', 9.5)],
      panels: [],
      agreement: { ...crossed, entriesUsed: 6, entriesLeftOut: 0, kendall: null },
      cusps: [],
    };
    expect([...outlierJudgeIds(quality)]).toEqual(['d']);
    expect(outlierJudgeIds({ ...quality, judges: quality.judges.slice(0, 2) }).size).toBe(0);
  });
});

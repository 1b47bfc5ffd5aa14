import { createHash } from 'node:crypto';
import { TabulationInputError } from './errors';
import { tabulate } from './tabulate';
import { EntryInput, EntryResult, RoundSettings, SheetInput, TabulationInput } from './types';

/** T = 5·design + 3·craft + 2·materials (weights 50/30/20, maxScore 10). */
const ROUND: RoundSettings = {
  criteria: [
    { key: 'design', weight: 50, maxScore: 10, step: 0.5 },
    { key: 'craft', weight: 30, maxScore: 10, step: 0.5 },
    { key: 'materials', weight: 20, maxScore: 10, step: 0.5 },
  ],
  judgesPerEntry: 3,
  minSheets: 2,
  aggregation: 'MEAN',
  rankingScope: 'CATEGORY',
  tieBreakCriteria: ['craft', 'design'],
  awardTiers: [
    { key: 'gold', quota: { mode: 'COUNT', value: 1 } },
    { key: 'silver', quota: { mode: 'COUNT', value: 1 } },
    { key: 'bronze', quota: { mode: 'COUNT', value: 1 } },
  ],
  tiePolicy: 'INCLUDE_TIES',
  advancement: { mode: 'PERCENT', value: 50 },
};

const entry = (code: string, extra: Partial<EntryInput> = {}): EntryInput => {
  const category = code.slice(0, code.lastIndexOf('-'));
  return {
    id: `id-${code}`,
    code,
    categoryCode: category,
    topCategoryCode: category === '工艺' ? null : 'P',
    ...extra,
  };
};

const ENTRIES: EntryInput[] = [
  ...['A-1', 'A-2', 'A-3', 'A-4', 'A-5', 'A-7', 'A-8', 'A-9', 'B-1', 'B-2', '工艺-1'].map((c) =>
    entry(c),
  ),
  entry('A-6', { status: 'DISQUALIFIED' }),
];

/** [entry code, judge, design, craft, materials], with each sheet's T in the comment. */
const SHEETS: [string, string, number, number, number][] = [
  ['A-1', 'j1', 9, 8, 8], // 85
  ['A-1', 'j2', 9, 9, 9], // 90
  ['A-1', 'j3', 8, 8, 8], // 80   → 85
  ['A-2', 'j1', 9, 8, 8], // 85
  ['A-2', 'j2', 9, 9, 8.5], // 89 → 87
  ['A-3', 'j1', 8, 9, 9], // 85
  ['A-3', 'j2', 8, 9, 9], // 85
  ['A-3', 'j3', 8, 9, 9], // 85   → 85, craft 90
  ['A-4', 'j1', 10, 10, 10], // 100, one sheet: incomplete
  ['A-6', 'j1', 0, 0, 0], // disqualified: counts nowhere
  ['A-7', 'j1', 7, 7, 7], // 70
  ['A-7', 'j2', 8, 8, 8], // 80   → 75
  ['A-8', 'j1', 9, 8, 8], // 85
  ['A-8', 'j2', 8, 9, 9], // 85
  ['A-8', 'j3', 9, 8, 8], // 85   → 85, craft 83.333, design 86.667 (as A-1)
  ['A-9', 'j1', 8, 8, 9.5], // 83
  ['A-9', 'j2', 8.5, 8, 9], // 84.5
  ['A-9', 'j3', 8.5, 9, 9], // 87.5 → 85, craft 83.333, design 83.333
  ['B-1', 'j1', 10, 10, 10], // 100
  ['B-1', 'j2', 9, 9, 9], // 90  → 95
  ['B-2', 'j1', 8.5, 8.5, 8.5], // 85
  ['B-2', 'j2', 9, 8, 8.5], // 86 → 171/2
  ['工艺-1', 'j1', 5, 5, 5], // 50, one sheet: incomplete
];

const sheets = (rows = SHEETS): SheetInput[] =>
  rows.map(([code, judgeId, design, craft, materials]) => ({
    entryId: `id-${code}`,
    judgeId,
    scores: [
      { criterionKey: 'design', value: design },
      { criterionKey: 'craft', value: craft },
      { criterionKey: 'materials', value: materials },
    ],
  }));

const input = (round: Partial<RoundSettings> = {}): TabulationInput => ({
  round: { ...ROUND, ...round },
  entries: ENTRIES,
  sheets: sheets(),
});

type Row = [
  string,
  string,
  number,
  boolean,
  string | null,
  number | null,
  number | null,
  string | null,
  boolean,
];
const row = (r: EntryResult): Row => [
  r.entryCode,
  r.scopeKey,
  r.sheetCount,
  r.complete,
  r.scoreExact,
  r.score,
  r.rank,
  r.award,
  r.advanced,
];

describe('tabulate: a worked round', () => {
  const output = tabulate(input());

  it('gives every entry its result, in the order of §7', () => {
    // code, scope, sheets, complete, scoreExact, score, rank, award, advanced
    expect(output.results.map(row)).toEqual<Row[]>([
      ['A-2', 'A', 2, true, '87/1', 87, 1, 'gold', true],
      ['A-3', 'A', 3, true, '85/1', 85, 2, 'silver', true],
      ['A-1', 'A', 3, true, '85/1', 85, 3, 'bronze', true],
      ['A-8', 'A', 3, true, '85/1', 85, 3, 'bronze', true],
      ['A-9', 'A', 3, true, '85/1', 85, 5, null, false],
      ['A-7', 'A', 2, true, '75/1', 75, 6, null, false],
      ['A-4', 'A', 1, false, '100/1', 100, null, null, false],
      ['A-5', 'A', 0, false, null, null, null, null, false],
      ['B-1', 'B', 2, true, '95/1', 95, 1, 'gold', true],
      ['B-2', 'B', 2, true, '171/2', 85.5, 2, 'silver', false],
      ['工艺-1', '工艺', 1, false, '50/1', 50, null, null, false],
    ]);
  });

  it('reports per-criterion means over all counted sheets, rounded half-up to 3 decimals', () => {
    const byCode = new Map(output.results.map((r) => [r.entryCode, r]));
    expect(byCode.get('A-1')!.criterionScores).toEqual([
      { criterionKey: 'design', score: 86.667 },
      { criterionKey: 'craft', score: 83.333 },
      { criterionKey: 'materials', score: 83.333 },
    ]);
    expect(byCode.get('A-2')!.criterionScores).toEqual([
      { criterionKey: 'design', score: 90 },
      { criterionKey: 'craft', score: 85 },
      { criterionKey: 'materials', score: 82.5 },
    ]);
    expect(byCode.get('A-4')!.criterionScores.map((c) => c.score)).toEqual([100, 100, 100]);
    expect(byCode.get('A-5')!.criterionScores).toEqual([]);
    expect(byCode.get('A-1')!.entryId).toBe('id-A-1');
  });

  it('hashes the canonical JSON of exactly these results', () => {
    const json = JSON.stringify(
      output.results.map((r) => ({
        entryCode: r.entryCode,
        scopeKey: r.scopeKey,
        sheetCount: r.sheetCount,
        complete: r.complete,
        scoreExact: r.scoreExact,
        score: r.score,
        rank: r.rank,
        award: r.award,
        advanced: r.advanced,
      })),
    );
    expect(output.hash).toBe(createHash('sha256').update(json, 'utf8').digest('hex'));
    expect(tabulate(input()).hash).toBe(output.hash); // the same sheets twice, the same hash
  });

  it('EXCLUDE_TIES: the tie at the bronze boundary gets neither bronze nor advancement', () => {
    const excluded = tabulate(input({ tiePolicy: 'EXCLUDE_TIES' })).results.map(row);
    expect(excluded.slice(0, 4)).toEqual<Row[]>([
      ['A-2', 'A', 2, true, '87/1', 87, 1, 'gold', true],
      ['A-3', 'A', 3, true, '85/1', 85, 2, 'silver', true],
      ['A-1', 'A', 3, true, '85/1', 85, 3, null, false],
      ['A-8', 'A', 3, true, '85/1', 85, 3, null, false],
    ]);
  });

  it('without tie-breaks the four 85s share rank 2', () => {
    const ranks = tabulate(input({ tieBreakCriteria: [] })).results.map((r) => [
      r.entryCode,
      r.rank,
    ]);
    expect(ranks.slice(0, 6)).toEqual([
      ['A-2', 1],
      ['A-1', 2],
      ['A-3', 2],
      ['A-8', 2],
      ['A-9', 2],
      ['A-7', 6],
    ]);
  });

  it('TRIMMED_MEAN trims from 3 sheets (n ≥ 2t + 1) and averages 2 (n < 2t + 1)', () => {
    const byCode = new Map(
      tabulate(input({ aggregation: 'TRIMMED_MEAN' })).results.map((r) => [r.entryCode, r]),
    );
    expect(byCode.get('A-1')!.scoreExact).toBe('85/1'); // 80, [85], 90
    expect(byCode.get('A-9')!.scoreExact).toBe('169/2'); // 83, [84.5], 87.5
    expect(byCode.get('A-2')!.scoreExact).toBe('87/1'); // 85, 89: the mean
    expect(byCode.get('A-9')!.score).toBe(84.5);
  });

  it('MEDIAN', () => {
    const byCode = new Map(
      tabulate(input({ aggregation: 'MEDIAN' })).results.map((r) => [r.entryCode, r]),
    );
    expect(byCode.get('A-9')!.scoreExact).toBe('169/2');
    expect(byCode.get('B-2')!.scoreExact).toBe('171/2'); // the mean of the two
    expect(byCode.get('A-1')!.scoreExact).toBe('85/1');
  });

  it('PARENT_CATEGORY ranks A and B together under P; a top-level category is its own scope', () => {
    const results = tabulate(input({ rankingScope: 'PARENT_CATEGORY' })).results;
    expect(results.map((r) => [r.entryCode, r.scopeKey, r.rank, r.award])).toEqual([
      ['B-1', 'P', 1, 'gold'],
      ['A-2', 'P', 2, 'silver'],
      ['B-2', 'P', 3, 'bronze'],
      ['A-3', 'P', 4, null],
      ['A-1', 'P', 5, null],
      ['A-8', 'P', 5, null],
      ['A-9', 'P', 7, null],
      ['A-7', 'P', 8, null],
      ['A-4', 'P', null, null],
      ['A-5', 'P', null, null],
      ['工艺-1', '工艺', null, null],
    ]);
    // PERCENT 50 of the 8 complete entries of P: 4 places, and the tie at 5 is outside
    expect(results.filter((r) => r.advanced).map((r) => r.entryCode)).toEqual([
      'B-1',
      'A-2',
      'B-2',
      'A-3',
    ]);
  });

  it('ROUND is one scope', () => {
    const results = tabulate(input({ rankingScope: 'ROUND' })).results;
    expect(new Set(results.map((r) => r.scopeKey))).toEqual(new Set(['ROUND']));
    expect(results.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 5, 7, 8, null, null, null]);
  });

  it('leaves disqualified and withdrawn entries, and their sheets, out altogether', () => {
    const withoutA6 = tabulate({
      ...input(),
      entries: ENTRIES.filter((e) => e.code !== 'A-6'),
      sheets: sheets(SHEETS.filter(([code]) => code !== 'A-6')),
    });
    expect(withoutA6.hash).toBe(output.hash);
    expect(output.results.some((r) => r.entryCode === 'A-6')).toBe(false);
    const withdrawn = tabulate({
      ...input(),
      entries: ENTRIES.map((e) => (e.code === 'A-2' ? { ...e, status: 'WITHDRAWN' as const } : e)),
    });
    expect(withdrawn.results.some((r) => r.entryCode === 'A-2')).toBe(false);
    expect(withdrawn.results[0]).toMatchObject({ entryCode: 'A-3', rank: 1, award: 'gold' });
  });

  it('minSheets defaults to judgesPerEntry', () => {
    const results = tabulate(input({ minSheets: null })).results;
    expect(results.find((r) => r.entryCode === 'A-2')).toMatchObject({
      complete: false,
      rank: null,
      score: 87,
    });
    expect(
      results.filter((r) => r.scopeKey === 'B').every((r) => !r.complete && r.rank === null),
    ).toBe(true);
  });

  it('MIN_SCORE tiers, and an advancement quota of another mode', () => {
    const results = tabulate(
      input({
        awardTiers: [
          { key: 'gold', quota: { mode: 'MIN_SCORE', value: 90 } },
          { key: 'silver', quota: { mode: 'MIN_SCORE', value: '85.5' } },
        ],
        advancement: { mode: 'COUNT', value: 1 },
      }),
    ).results;
    const award = new Map(results.map((r) => [r.entryCode, [r.award, r.advanced]]));
    expect(award.get('B-1')).toEqual(['gold', true]);
    expect(award.get('A-2')).toEqual(['silver', true]);
    expect(award.get('B-2')).toEqual(['silver', false]); // 85.5 reaches 85.5
    expect(award.get('A-3')).toEqual([null, false]);
    expect(award.get('A-4')).toEqual([null, false]); // 100, but incomplete
  });

  it('no award tiers and no advancement: ranks only', () => {
    const results = tabulate(input({ awardTiers: null, advancement: null })).results;
    expect(results.every((r) => r.award === null && !r.advanced)).toBe(true);
    expect(results[0].rank).toBe(1);
  });

  it('an empty round', () => {
    const empty = tabulate({ round: ROUND, entries: [], sheets: [] });
    expect(empty.results).toEqual([]);
    expect(empty.hash).toBe(createHash('sha256').update('[]').digest('hex'));
  });
});

describe('tabulate: ZSCORE, worked by hand', () => {
  // One criterion, so T is the score. J1: 80, 90, 70 (μ 80, σ² 200/3); J2: 90, 90, 60 (μ 80, σ² 200).
  const round: RoundSettings = {
    criteria: [{ key: 'overall', weight: 100, maxScore: 100, step: 1 }],
    judgesPerEntry: 2,
    aggregation: 'ZSCORE',
    rankingScope: 'ROUND',
    awardTiers: [
      { key: 'gold', quota: { mode: 'MIN_SCORE', value: 0.9 } },
      { key: 'silver', quota: { mode: 'MIN_SCORE', value: 0.35 } },
    ],
  };
  const sheet = (code: string, judgeId: string, value: number): SheetInput => ({
    entryId: code,
    judgeId,
    scores: [{ criterionKey: 'overall', value }],
  });
  const entries = ['E1', 'E2', 'E3'].map((code) => ({ id: code, code, categoryCode: 'C' }));
  const counted = [
    sheet('E1', 'J1', 80),
    sheet('E2', 'J1', 90),
    sheet('E3', 'J1', 70),
    sheet('E1', 'J2', 90),
    sheet('E2', 'J2', 90),
    sheet('E3', 'J2', 60),
  ];
  const output = tabulate({ round, entries, sheets: counted });

  it('z per sheet from each judge’s μ and σ, mean per entry, 4 decimals, no scoreExact', () => {
    // E1: (0 + 10/√200)/2 = 0.35355…; E2: (10/√(200/3) + 10/√200)/2 = 0.96592…;
    // E3: (−10/√(200/3) − 20/√200)/2 = −1.31947…
    expect(
      output.results.map((r) => [r.entryCode, r.score, r.scoreExact, r.rank, r.award]),
    ).toEqual([
      ['E2', 0.9659, null, 1, 'gold'],
      ['E1', 0.3536, null, 2, 'silver'],
      ['E3', -1.3195, null, 3, null],
    ]);
  });

  it('disqualified entries’ sheets are not in any judge’s μ or σ', () => {
    const withDisqualified = tabulate({
      round,
      entries: [...entries, { id: 'E4', code: 'E4', categoryCode: 'C', status: 'DISQUALIFIED' }],
      sheets: [...counted, sheet('E4', 'J1', 0), sheet('E4', 'J2', 100)],
    });
    expect(withDisqualified.hash).toBe(output.hash);
  });

  it('incomplete entries’ sheets are in their judge’s μ and σ; the entry gets a score, no rank', () => {
    const withIncomplete = tabulate({
      round,
      entries: [...entries, { id: 'E5', code: 'E5', categoryCode: 'C' }],
      sheets: [...counted, sheet('E5', 'J1', 100)],
    });
    const e1 = withIncomplete.results.find((r) => r.entryCode === 'E1')!;
    expect(e1.score).not.toBe(0.3536); // J1's μ is now 85
    expect(withIncomplete.results.find((r) => r.entryCode === 'E5')).toMatchObject({
      complete: false,
      rank: null,
      award: null,
      sheetCount: 1,
    });
    expect(withIncomplete.results.find((r) => r.entryCode === 'E5')!.score).toBeGreaterThan(1);
  });

  it('a judge with a single counted sheet gives z = 0', () => {
    const single = tabulate({
      round,
      entries: entries.slice(0, 1),
      sheets: [sheet('E1', 'J1', 80), sheet('E1', 'J2', 90)],
    });
    expect(single.results[0]).toMatchObject({ score: 0, rank: 1 });
  });
});

describe('tabulate: refusals', () => {
  const reason = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof TabulationInputError) return error.reason;
      throw error;
    }
    return 'accepted';
  };

  it.each<[string, Partial<RoundSettings>]>([
    ['minSheets above judgesPerEntry', { minSheets: 4 }],
    ['minSheets 0', { minSheets: 0 }],
    ['a negative trimCount', { trimCount: -1 }],
    ['an unknown tie-break', { tieBreakCriteria: ['colour'] }],
    [
      'tiers of two modes',
      {
        awardTiers: [
          { key: 'g', quota: { mode: 'COUNT', value: 1 } },
          { key: 's', quota: { mode: 'PERCENT', value: 1 } },
        ],
      },
    ],
    [
      'a repeated tier key',
      {
        awardTiers: [
          { key: 'g', quota: { mode: 'COUNT', value: 1 } },
          { key: 'g', quota: { mode: 'COUNT', value: 1 } },
        ],
      },
    ],
    ['an unknown aggregation', { aggregation: 'MODE' as never }],
    ['an unknown scope', { rankingScope: 'REGION' as never }],
  ])('refuses %s (INVALID_ROUND)', (_, round) => {
    expect(reason(() => tabulate(input(round)))).toBe('INVALID_ROUND');
  });

  it('refuses a sheet of an entry not in the round (UNKNOWN_ENTRY)', () => {
    expect(
      reason(() =>
        tabulate({ ...input(), sheets: [...sheets(), { ...sheets()[0], entryId: 'nope' }] }),
      ),
    ).toBe('UNKNOWN_ENTRY');
  });

  it('refuses an entry code used twice, or an entry id listed twice (INVALID_ENTRY)', () => {
    expect(
      reason(() => tabulate({ ...input(), entries: [...ENTRIES, { ...ENTRIES[0], id: 'other' }] })),
    ).toBe('INVALID_ENTRY');
    expect(reason(() => tabulate({ ...input(), entries: [...ENTRIES, ENTRIES[0]] }))).toBe(
      'INVALID_ENTRY',
    );
  });

  it('refuses a sheet with a score off the step (SCORE_OUT_OF_RANGE) or a missing criterion (INVALID_CRITERIA)', () => {
    const bad = sheets([['A-1', 'j9', 8.25, 8, 8]]);
    expect(reason(() => tabulate({ ...input(), sheets: [...sheets(), ...bad] }))).toBe(
      'SCORE_OUT_OF_RANGE',
    );
    const missing = { ...sheets()[0], scores: sheets()[0].scores.slice(1) };
    expect(reason(() => tabulate({ ...input(), sheets: [missing] }))).toBe('INVALID_CRITERIA');
  });
});

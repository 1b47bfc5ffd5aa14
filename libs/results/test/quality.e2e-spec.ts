import { startTestApp, TestApp, userWithRole } from '@app/testing';
import {
  countedTotals,
  cuspEntries,
  iccOneK,
  judgeAgreement,
  judgeTotalStats,
  panelAgreement,
  RoundSettings,
} from '@app/tabulation';
import { CLOSE, expected, seededSettings, seedRound } from './results-fixtures';

const FIGURES = `model k entriesUsed entriesLeftOut
  headline{method name mcGrawWong value exact}
  icc{method name mcGrawWong value exact}
  kendall{w wExact chiSquare chiSquareExact df pValue judges entries}`;
const QUALITY = `query($id:ID!,$m:Float){judgeQuality(roundId:$id,margin:$m){
  tabulationVersion margin
  judges{judge{id} panel{id name} sheets meanTotal sdTotal coJudgedEntries leniency leniencyExact spearman}
  panels{panel{id name} method k agreement entriesUsed entriesLeftOut ${FIGURES}}
  agreement{${FIGURES}}
  cusps{entry{id code} scopeKey boundary inside boundaryScore score distance}}}`;

/** What the API answers for panelAgreement's figures (names from ICC_NAMES, fractions 'p/q'). */
function figuresOf(a: ReturnType<typeof panelAgreement>) {
  const keys =
    a.model === 'TWO_WAY'
      ? (['icc11', 'icc1k', 'icc21', 'icc2k', 'icc31', 'icc3k'] as const)
      : (['icc11', 'icc1k'] as const);
  const names: Record<string, [string, string]> = {
    icc11: ['ICC(1,1)', 'ICC(1)'],
    icc1k: ['ICC(1,k)', 'ICC(k)'],
    icc21: ['ICC(2,1)', 'ICC(A,1)'],
    icc2k: ['ICC(2,k)', 'ICC(A,k)'],
    icc31: ['ICC(3,1)', 'ICC(C,1)'],
    icc3k: ['ICC(3,k)', 'ICC(C,k)'],
  };
  const figure = (
    key: string,
    f: { exact: { toString(): string } | null; value: number | null },
  ) => ({
    method: key.toUpperCase(),
    name: names[key][0],
    mcGrawWong: names[key][1],
    value: f.value,
    exact: f.exact?.toString() ?? null,
  });
  return {
    model: a.model,
    k: a.k,
    entriesUsed: a.entriesUsed,
    entriesLeftOut: a.entriesLeftOut,
    headline: figure(a.headline.method.toLowerCase(), a.headline),
    icc: keys.map((key) => figure(key, a.icc[key])),
    kendall: a.kendall && {
      w: a.kendall.value,
      wExact: a.kendall.exact?.toString() ?? null,
      chiSquare: a.kendall.chiSquare.value,
      chiSquareExact: a.kendall.chiSquare.exact?.toString() ?? null,
      df: a.kendall.df,
      pValue: a.kendall.pValue,
      judges: a.kendall.m,
      entries: a.kendall.n,
    },
  };
}

/** judgeQuality against the real database, queue and worker, checked by the pure module. */
describe('judgeQuality', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.adminToken();
  });
  afterAll(() => app.close());

  it('gives the pure module’s figures on the seeded sheets and the stored tabulation', async () => {
    const seeded = await seedRound(app, 30);
    expect((await app.gql(CLOSE, { id: seeded.roundId }, admin)).errors).toBeUndefined();
    await app.waitForQueues();

    const margin = 2;
    const res = await app.gql(QUALITY, { id: seeded.roundId, m: margin }, admin);
    expect(res.errors).toBeUndefined();
    const got = res.data!.judgeQuality;

    const settings: RoundSettings = seededSettings();
    const totals = countedTotals({ criteria: settings.criteria, ...seeded });
    const judges = judgeTotalStats(totals);
    expect(got.tabulationVersion).toBe(1);
    expect(got.margin).toBe(margin);
    expect(got.judges).toHaveLength(judges.length);
    expect(got.judges.map((j: { judge: { id: string } }) => j.judge.id)).toEqual(
      judges.map((j) => j.judgeId),
    );
    const agreementOf = judgeAgreement(totals);
    got.judges.forEach((j: Record<string, unknown>, i: number) => {
      expect(j).toMatchObject({
        panel: { name: '全体' },
        sheets: judges[i].sheets,
        meanTotal: judges[i].mean,
        sdTotal: judges[i].sd,
        coJudgedEntries: agreementOf[i].entries,
        leniency: agreementOf[i].leniency,
        leniencyExact: agreementOf[i].leniencyExact!.toString(),
        spearman: agreementOf[i].spearman,
      });
    });
    expect(got.judges.some((j: { leniency: number }) => j.leniency !== 0)).toBe(true);
    expect(judges.reduce((n, j) => n + j.sheets, 0)).toBe(90); // 30 entries × 3 sheets

    const icc = iccOneK(
      totals,
      seeded.entries.map((e) => e.id),
      3,
    );
    expect(icc.value).not.toBeNull();
    // Six judges, each entry scored by three of them: not crossed, so one-way, headline ICC(1,k).
    const byDesign = figuresOf(
      panelAgreement(
        totals,
        seeded.entries.map((e) => e.id),
        3,
      ),
    );
    expect(byDesign).toMatchObject({
      model: 'ONE_WAY',
      headline: { method: 'ICC1K' },
      kendall: null,
    });
    expect(got.panels).toEqual([
      {
        panel: { id: expect.any(String), name: '全体' },
        method: 'ICC1K',
        agreement: icc.value,
        ...byDesign,
      },
    ]);
    expect(got.agreement).toEqual(byDesign); // one panel: the round is the panel

    const cusps = cuspEntries({
      aggregation: 'MEAN',
      awardTiers: settings.awardTiers,
      advancement: settings.advancement,
      margin,
      results: expected(seeded).results,
    });
    expect(cusps.length).toBeGreaterThan(0); // a figure that can fail, not an empty match
    expect(
      got.cusps.map((c: { entry: { code: string } } & Record<string, unknown>) => ({
        ...c,
        entry: c.entry.code,
      })),
    ).toEqual(
      cusps.map((c) => ({
        entry: c.entryCode,
        scopeKey: c.scopeKey,
        boundary: c.boundary,
        inside: c.inside,
        boundaryScore: c.boundaryScore,
        score: c.score,
        distance: c.distance,
      })),
    );
  });

  it('a recused sheet stops counting; without a tabulation there are no cusps; the default margin', async () => {
    const seeded = await seedRound(app, 6);
    const [recused] = seeded.assignmentIds;
    await app.sql("UPDATE assignments SET status = 'RECUSED' WHERE id = ?", [recused]);
    const res = await app.gql(QUALITY, { id: seeded.roundId }, admin);
    expect(res.errors).toBeUndefined();
    const got = res.data!.judgeQuality;
    expect(got).toMatchObject({ tabulationVersion: null, margin: 0.5, cusps: [] });
    // The first sheet seeded belongs to the first assignment: its entry drops to 2 sheets.
    const sheets = seeded.sheets.slice(1);
    const totals = countedTotals({ criteria: seededSettings().criteria, ...seeded, sheets });
    const judges = judgeTotalStats(totals);
    expect(got.judges.map((j: { sheets: number }) => j.sheets)).toEqual(
      judges.map((j) => j.sheets),
    );
    expect(got.panels[0]).toMatchObject({
      entriesUsed: 5,
      entriesLeftOut: 1,
      agreement: iccOneK(
        totals,
        seeded.entries.map((e) => e.id),
        3,
      ).value,
    });
  });

  it('a crossed panel (every judge scored every entry) reports the two-way figures and Kendall’s W', async () => {
    // Three judges, three sheets an entry: the seed gives each entry judges first, first+1,
    // first+2 (mod 3), so every judge scores every entry.
    const seeded = await seedRound(app, 12, { judges: 3 });
    const res = await app.gql(QUALITY, { id: seeded.roundId }, admin);
    expect(res.errors).toBeUndefined();
    const got = res.data!.judgeQuality;
    const totals = countedTotals({ criteria: seededSettings().criteria, ...seeded });
    const crossed = panelAgreement(
      totals,
      seeded.entries.map((e) => e.id),
      3,
    );
    expect(crossed.model).toBe('TWO_WAY');
    const want = figuresOf(crossed);
    expect(got.panels[0]).toEqual({
      panel: { id: expect.any(String), name: '全体' },
      method: 'ICC1K', // unchanged: `agreement` is still ICC(1,k)
      agreement: crossed.icc.icc1k.value,
      ...want,
    });
    expect(got.panels[0]).toMatchObject({
      model: 'TWO_WAY',
      headline: { method: 'ICC3K', name: 'ICC(3,k)', mcGrawWong: 'ICC(C,k)' },
      entriesUsed: 12,
    });
    expect(got.panels[0].icc.map((f: { name: string }) => f.name)).toEqual([
      'ICC(1,1)',
      'ICC(1,k)',
      'ICC(2,1)',
      'ICC(2,k)',
      'ICC(3,1)',
      'ICC(3,k)',
    ]);
    expect(got.panels[0].headline.value).not.toBeNull();
    expect(got.panels[0].kendall).toMatchObject({ judges: 3, entries: 12, df: 11 });
    expect(got.panels[0].kendall.w).not.toBeNull();
    expect(got.agreement).toEqual(want);
    // In a crossed panel the leniencies add up to 0 (§11).
    const sum = got.judges.reduce((s: number, j: { leniency: number }) => s + j.leniency, 0);
    expect(Math.abs(sum)).toBeLessThan(0.002);
  });

  it('organisers only (a judge is FORBIDDEN); a bad margin or unknown round is refused', async () => {
    const seeded = await seedRound(app, 3);
    const judge = await userWithRole(app, 'JUDGE');
    const forbidden = await app.gql(QUALITY, { id: seeded.roundId }, judge);
    expect(forbidden.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(forbidden.data).toBeNull();

    for (const m of [-1, 0.0000000001]) {
      const bad = await app.gql(QUALITY, { id: seeded.roundId, m }, admin);
      expect(bad.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_MARGIN',
      });
    }
    const unknown = await app.gql(QUALITY, { id: '00000000-0000-4000-8000-000000000000' }, admin);
    expect(unknown.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});

import { startTestApp, TestApp, userWithRole } from '@app/testing';
import {
  countedTotals,
  cuspEntries,
  iccOneK,
  judgeTotalStats,
  RoundSettings,
} from '@app/tabulation';
import { CLOSE, expected, seededSettings, seedRound } from './results-fixtures';

const QUALITY = `query($id:ID!,$m:Float){judgeQuality(roundId:$id,margin:$m){
  tabulationVersion margin
  judges{judge{id} panel{id name} sheets meanTotal sdTotal}
  panels{panel{id name} method k agreement entriesUsed entriesLeftOut}
  cusps{entry{id code} scopeKey boundary inside boundaryScore score distance}}}`;

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
    got.judges.forEach((j: Record<string, unknown>, i: number) => {
      expect(j).toMatchObject({
        panel: { name: '全体' },
        sheets: judges[i].sheets,
        meanTotal: judges[i].mean,
        sdTotal: judges[i].sd,
      });
    });
    expect(judges.reduce((n, j) => n + j.sheets, 0)).toBe(90); // 30 entries × 3 sheets

    const icc = iccOneK(
      totals,
      seeded.entries.map((e) => e.id),
      3,
    );
    expect(icc.value).not.toBeNull();
    expect(got.panels).toEqual([
      {
        panel: { id: expect.any(String), name: '全体' },
        method: 'ICC1K',
        k: 3,
        agreement: icc.value,
        entriesUsed: 30,
        entriesLeftOut: 0,
      },
    ]);

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

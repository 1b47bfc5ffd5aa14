import ExcelJS from 'exceljs';
import { startTestApp, TestApp, userWithRole } from '@app/testing';
import { SeededRound } from '../../../bench/round-seed';
import { CLOSE, expected, RESULTS, ROUND, seedRound } from './results-fixtures';

/** roundResults, Round.tabulation and the exports, for organisers only. */
describe('reading results', () => {
  let app: TestApp;
  let admin: string;
  let judge: string;
  let seeded: SeededRound;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.adminToken();
    judge = await userWithRole(app, 'JUDGE');
    seeded = await seedRound(app, 30);
    await app.sql("UPDATE entries SET title = '=HYPERLINK(1)' WHERE id = ?", [
      seeded.entries[1].id,
    ]);
    await app.gql(CLOSE, { id: seeded.roundId }, admin);
    await app.waitForQueues();
  });
  afterAll(() => app.close());

  it('lists every result of the latest version in §7 order, with entry and award tier', async () => {
    const want = expected(seeded);
    const res = await app.gql(RESULTS, { id: seeded.roundId }, admin);
    expect(res.errors).toBeUndefined();
    const got = res.data!.roundResults as any[];
    expect(got.map((r) => r.entry.code)).toEqual(want.results.map((r) => r.entryCode));
    got.forEach((r, i) => {
      const w = want.results[i];
      expect(r).toMatchObject({
        scopeKey: w.scopeKey,
        sheetCount: w.sheetCount,
        complete: w.complete,
        score: w.score,
        scoreExact: w.scoreExact,
        rank: w.rank,
        advanced: w.advanced,
        criterionScores: w.criterionScores,
      });
      expect(r.award?.key ?? null).toBe(w.award);
    });
    const gold = got.find((r) => r.award?.key === 'gold');
    expect(gold.award).toEqual({ key: 'gold', name: '金奖', rank: 1 });
  });

  it('filters by category: a leaf, and a parent that matches its children', async () => {
    const leaf = await app.gql(RESULTS, { id: seeded.roundId, c: seeded.categories['P-1'] }, admin);
    const codes = (leaf.data!.roundResults as any[]).map((r) => r.entry.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c: string) => c.startsWith('P-1-'))).toBe(true);
    const parent = await app.gql(RESULTS, { id: seeded.roundId, c: seeded.categories.P }, admin);
    const parentCodes = (parent.data!.roundResults as any[]).map((r) => r.entry.code);
    const expectedP = seeded.entries.filter((e) => e.topCategoryCode === 'P').length;
    expect(parentCodes).toHaveLength(expectedP);
    expect(parentCodes.every((c: string) => c.startsWith('P-'))).toBe(true);
    const other = await app.gql(
      RESULTS,
      { id: seeded.roundId, c: '00000000-0000-4000-8000-000000000000' },
      admin,
    );
    expect(other.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('is for organisers: a judge is FORBIDDEN and sees no tabulation', async () => {
    const res = await app.gql(RESULTS, { id: seeded.roundId }, judge);
    expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const round = await app.gql(ROUND, { id: seeded.roundId }, admin);
    expect(round.data!.round.tabulation.version).toBe(1);
    const csv = await app
      .http()
      .get(`/api/rounds/${seeded.roundId}/results.csv`)
      .set('authorization', `Bearer ${judge}`);
    expect(csv.status).toBe(403);
    expect(csv.body.code).toBe('FORBIDDEN');
    const anonymous = await app.http().get(`/api/rounds/${seeded.roundId}/results.csv`);
    expect(anonymous.status).toBe(401);
  });

  it('exports CSV: UTF-8 with BOM, rank order per scope, Chinese intact, formulas defused', async () => {
    const res = await app
      .http()
      .get(`/api/rounds/${seeded.roundId}/results.csv`)
      .set('authorization', `Bearer ${admin}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="round-1-results-v1.csv"',
    );
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'scope,rank,entryCode,title,entrant,category,sheetCount,complete,score,scoreExact,award,advanced',
    );
    const want = expected(seeded);
    expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual(
      want.results.map((r) => r.entryCode),
    );
    expect(lines.join('\n')).toContain('作品 0');
    expect(lines.join('\n')).toContain("'=HYPERLINK(1)");
    expect(lines.join('\n')).toContain('金奖');
  });

  it('exports XLSX with the same rows', async () => {
    const res = await app
      .http()
      .get(`/api/rounds/${seeded.roundId}/results.xlsx`)
      .set('authorization', `Bearer ${admin}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never); // exceljs types an older Buffer
    const sheet = workbook.getWorksheet('results')!;
    expect(sheet.rowCount).toBe(31);
    const want = expected(seeded);
    expect(sheet.getRow(2).getCell(3).value).toBe(want.results[0].entryCode);
    expect(sheet.getRow(2).getCell(9).value).toBe(want.results[0].score);
  });

  it('an unknown round is 404, a round not yet tabulated 409, a bad id 400', async () => {
    const get = (id: string) =>
      app.http().get(`/api/rounds/${id}/results.csv`).set('authorization', `Bearer ${admin}`);
    expect((await get('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('not-a-uuid')).status).toBe(400);
    const open = await seedRound(app, 2);
    const res = await get(open.roundId);
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('NOT_TABULATED');
  });
});

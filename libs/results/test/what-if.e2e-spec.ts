import { fulfilled, startTestApp, TestApp, together, userWithRole } from '@app/testing';
import { tabulate, TabulationInput } from '@app/tabulation';
import type { SeededRound } from '../../../bench/round-seed';
import { seedRound } from './results-fixtures';
import { lenientJudgeRound } from './what-if-fixtures';

const WHAT_IF = `query($id:ID!,$changes:Boolean!){roundWhatIf(roundId:$id,changesOnly:$changes){
  roundId aggregation tabulationVersion matchesStoredTabulation entriesDependingOnMethod components
  methods{method own awardsComparable kendallTau entriesChangingAward entriesChangingAdvancement entriesChangingRank}
  entries{entry{id code} scopeKey sheetCount complete awardDependsOnMethod advancementDependsOnMethod
    outcomes{method score scoreExact rank award{key name} advanced tierShift rankShift}}
  judgeBiases{judge{id} sheets bias biasExact component}}}`;

/**
 * roundWhatIf and its CSV export against the real database and worker: the results under each
 * aggregation and the judge-bias model, beside the round's own stored ones, and nothing stored
 * changing.
 */
describe('roundWhatIf', () => {
  let app: TestApp;
  let admin: string;
  let seeded: SeededRound;
  let input: TabulationInput;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.adminToken();
    // The methods disagree: one of six judges gives 100 on every sheet (what-if-fixtures).
    ({ seeded, input } = await lenientJudgeRound(app, admin));
  });
  afterAll(() => app.close());

  it('shows the entries whose tier changes when ZSCORE replaces the round’s MEAN', async () => {
    const res = await app.gql(WHAT_IF, { id: seeded.roundId, changes: false }, admin);
    expect(res.errors).toBeUndefined();
    const got = res.data!.roundWhatIf;

    const mean = tabulate(input);
    const zscore = tabulate({ ...input, round: { ...input.round, aggregation: 'ZSCORE' } });
    const zByEntry = new Map(zscore.results.map((r) => [r.entryCode, r]));
    const changing = mean.results
      .filter((r) => r.award !== zByEntry.get(r.entryCode)!.award)
      .map((r) => r.entryCode);
    expect(changing.length).toBeGreaterThan(0); // the round does make the methods disagree

    expect(got).toMatchObject({
      roundId: seeded.roundId,
      aggregation: 'MEAN',
      tabulationVersion: 1,
      matchesStoredTabulation: true,
    });
    // Every entry, in the stored (own) order, each with one outcome per method.
    expect(got.entries.map((e: { entry: { code: string } }) => e.entry.code)).toEqual(
      mean.results.map((r) => r.entryCode),
    );
    const methodsOf = (e: { outcomes: { method: string }[] }) => e.outcomes.map((o) => o.method);
    expect(methodsOf(got.entries[0])).toEqual([
      'MEAN',
      'TRIMMED_MEAN',
      'MEDIAN',
      'ZSCORE',
      'JUDGE_BIAS',
    ]);
    const level = (award: string | null) => (award === 'gold' ? 2 : award === 'silver' ? 1 : 0);
    for (const e of got.entries) {
      const own = mean.results.find((r) => r.entryCode === e.entry.code)!;
      const z = zByEntry.get(e.entry.code)!;
      const [meanOutcome, , , zOutcome] = e.outcomes;
      expect(meanOutcome).toMatchObject({
        score: own.score,
        scoreExact: own.scoreExact,
        rank: own.rank,
        award: own.award ? { key: own.award } : null,
        tierShift: 0,
      });
      expect(zOutcome).toMatchObject({
        score: z.score,
        rank: z.rank,
        award: z.award ? { key: z.award } : null,
        advanced: z.advanced,
        tierShift: level(z.award) - level(own.award),
      });
    }
    const zChanged = got.entries
      .filter((e: { outcomes: { tierShift: number }[] }) => e.outcomes[3].tierShift !== 0)
      .map((e: { entry: { code: string } }) => e.entry.code);
    expect(zChanged).toEqual(changing);
    for (const code of changing) {
      const e = got.entries.find((x: { entry: { code: string } }) => x.entry.code === code);
      expect(e.awardDependsOnMethod).toBe(true);
    }

    const summary = Object.fromEntries(got.methods.map((m: { method: string }) => [m.method, m]));
    expect(summary.MEAN).toMatchObject({ own: true, kendallTau: 1, entriesChangingAward: 0 });
    expect(summary.ZSCORE).toMatchObject({ own: false, entriesChangingAward: changing.length });
    expect(summary.ZSCORE.kendallTau).toBeLessThan(1);
    expect(got.entriesDependingOnMethod).toBe(
      got.entries.filter((e: { awardDependsOnMethod: boolean }) => e.awardDependsOnMethod).length,
    );

    // The judge-bias model sees the lenient judge: the largest bias, one component of six.
    expect(got.components).toBe(1);
    expect(got.judgeBiases).toHaveLength(6);
    const lenient = got.judgeBiases.find(
      (b: { judge: { id: string } }) => b.judge.id === seeded.judgeIds[0],
    );
    for (const b of got.judgeBiases) expect(lenient.bias).toBeGreaterThanOrEqual(b.bias);
    expect(lenient.bias).toBeGreaterThan(10);
    const biasSum = got.judgeBiases.reduce((s: number, b: { bias: number }) => s + b.bias, 0);
    expect(Math.abs(biasSum)).toBeLessThan(0.01); // they add up to 0 (rounded to 3 decimals)
  });

  it('changesOnly lists just the entries whose award or advancement depends on the method', async () => {
    const [all, changes] = await Promise.all(
      [false, true].map((c) => app.gql(WHAT_IF, { id: seeded.roundId, changes: c }, admin)),
    );
    const depends = all
      .data!.roundWhatIf.entries.filter(
        (e: { awardDependsOnMethod: boolean; advancementDependsOnMethod: boolean }) =>
          e.awardDependsOnMethod || e.advancementDependsOnMethod,
      )
      .map((e: { entry: { code: string } }) => e.entry.code);
    expect(depends.length).toBeGreaterThan(0);
    expect(depends.length).toBeLessThan(24);
    expect(
      changes.data!.roundWhatIf.entries.map((e: { entry: { code: string } }) => e.entry.code),
    ).toEqual(depends);
  });

  it('changes nothing stored: tabulations, results, the round and the audit chain stay as they were', async () => {
    const before = await storedState(app, seeded);
    // Several at once, and the export, while nothing may be written.
    const answers = fulfilled(
      await together<unknown>(6, (i) =>
        i < 4
          ? app.gql(WHAT_IF, { id: seeded.roundId, changes: i % 2 === 0 }, admin)
          : app
              .http()
              .get(`/api/rounds/${seeded.roundId}/what-if.csv`)
              .set('authorization', `Bearer ${admin}`),
      ),
    );
    for (const a of answers.slice(0, 4)) expect((a as { errors?: unknown }).errors).toBeUndefined();
    for (const a of answers.slice(4)) expect((a as { status: number }).status).toBe(200);
    expect(await storedState(app, seeded)).toEqual(before);
    expect(before.tabulations).toHaveLength(1);
    expect(before.results.n).toBe(24);
  });

  it('exports CSV: every entry, the own method named, each method’s columns', async () => {
    const res = await app
      .http()
      .get(`/api/rounds/${seeded.roundId}/what-if.csv`)
      .set('authorization', `Bearer ${admin}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="round-1-what-if.csv"');
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = body.toString('utf8').slice(1).trimEnd().split('\r\n');
    const columns = header.split(',');
    expect(columns.slice(0, 8)).toEqual([
      'scope',
      'entryCode',
      'title',
      'sheetCount',
      'complete',
      'ownMethod',
      'awardDependsOnMethod',
      'advancementDependsOnMethod',
    ]);
    expect(columns).toContain('ZSCORE.award');
    expect(columns).toContain('JUDGE_BIAS.tierShift');
    expect(rows).toHaveLength(24);
    const mean = tabulate(input);
    const zscore = tabulate({ ...input, round: { ...input.round, aggregation: 'ZSCORE' } });
    const col = (name: string) => columns.indexOf(name);
    rows.forEach((line, i) => {
      const cells = line.split(',');
      expect(cells[col('entryCode')]).toBe(mean.results[i].entryCode);
      expect(cells[col('ownMethod')]).toBe('MEAN');
      expect(cells[col('MEAN.rank')]).toBe(String(mean.results[i].rank ?? ''));
      const z = zscore.results.find((r) => r.entryCode === mean.results[i].entryCode)!;
      expect(cells[col('ZSCORE.award')]).toBe(
        z.award === 'gold' ? '金奖' : z.award === 'silver' ? '银奖' : '',
      );
    });
  });

  it('a DRAFT or OPEN round is refused with its reason; a CLOSED one is compared before its tabulation', async () => {
    const open = await seedRound(app, 4);
    const refused = await app.gql(WHAT_IF, { id: open.roundId, changes: false }, admin);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'ROUND_NOT_CLOSED',
      status: 'OPEN',
    });
    expect(refused.errors?.[0].message).toMatch(/OPEN.*closed/);
    const csv = await app
      .http()
      .get(`/api/rounds/${open.roundId}/what-if.csv`)
      .set('authorization', `Bearer ${admin}`);
    expect(csv.status).toBe(409);
    expect(csv.body).toMatchObject({ code: 'CONFLICT', reason: 'ROUND_NOT_CLOSED' });

    await app.sql("UPDATE rounds SET status = 'DRAFT' WHERE id = ?", [open.roundId]);
    const draft = await app.gql(WHAT_IF, { id: open.roundId, changes: false }, admin);
    expect(draft.errors?.[0].extensions).toMatchObject({
      reason: 'ROUND_NOT_CLOSED',
      status: 'DRAFT',
    });

    // CLOSED without the tabulation job having run (set directly: no job is queued).
    await app.sql("UPDATE rounds SET status = 'CLOSED' WHERE id = ?", [open.roundId]);
    const closed = await app.gql(WHAT_IF, { id: open.roundId, changes: false }, admin);
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.roundWhatIf).toMatchObject({
      tabulationVersion: null,
      matchesStoredTabulation: false,
    });
    expect(closed.data!.roundWhatIf.entries).toHaveLength(4);
  });

  it('organisers only: judges and coordinators are FORBIDDEN, anonymous 401; unknown rounds 404', async () => {
    for (const role of ['JUDGE', 'COORDINATOR'] as const) {
      const token = await userWithRole(
        app,
        role,
        role === 'COORDINATOR' ? { regionCode: '450100' } : {},
      );
      const res = await app.gql(WHAT_IF, { id: seeded.roundId, changes: false }, token);
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const csv = await app
        .http()
        .get(`/api/rounds/${seeded.roundId}/what-if.csv`)
        .set('authorization', `Bearer ${token}`);
      expect(csv.status).toBe(403);
    }
    const anonymous = await app.gql(WHAT_IF, { id: seeded.roundId, changes: false });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await app.http().get(`/api/rounds/${seeded.roundId}/what-if.csv`)).status).toBe(401);

    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await app.gql(WHAT_IF, { id: unknown, changes: false }, admin);
    expect(missing.errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'ROUND_NOT_FOUND',
    });
    const badId = await app
      .http()
      .get('/api/rounds/not-a-uuid/what-if.csv')
      .set('authorization', `Bearer ${admin}`);
    expect(badId.status).toBe(400);
  });
});

/** What a what-if must never change: the round's tabulations, results, row and audit trail. */
async function storedState(app: TestApp, seeded: SeededRound) {
  const tabulations = await app.sql(
    `SELECT id, version, hash, request_key, computed_at FROM tabulations
      WHERE round_id = ? ORDER BY version`,
    [seeded.roundId],
  );
  const [results] = await app.sql<{ n: number; sum: string }>(
    `SELECT COUNT(*) AS n,
            SUM(CRC32(CONCAT_WS('|', r.entry_id, r.position, r.score, r.score_exact, r.\`rank\`,
                                r.award, r.advanced, r.criterion_scores))) AS sum
       FROM entry_results r JOIN tabulations t ON t.id = r.tabulation_id
      WHERE t.round_id = ?`,
    [seeded.roundId],
  );
  const rounds = await app.sql('SELECT status, updated_at FROM rounds WHERE id = ?', [
    seeded.roundId,
  ]);
  const [audit] = await app.sql<{ n: number }>('SELECT COUNT(*) AS n FROM audit_records');
  const [publications] = await app.sql<{ n: number }>('SELECT COUNT(*) AS n FROM publications');
  return {
    tabulations,
    results: { n: Number(results.n), sum: String(results.sum) },
    rounds,
    audit: Number(audit.n),
    publications: Number(publications.n),
  };
}

import { JobName, JobProducer } from '@app/queue';
import { TabulationRunner, TabulationSweepService } from '@app/results';
import { systemCtx } from '@app/core';
import { EntryScreeningService } from '@app/entries';
import { startTestApp, TestApp } from '@app/testing';
import {
  adminCtx,
  CLOSE,
  expected,
  REOPEN,
  RETABULATE,
  ROUND,
  seedRound,
  statusOf,
  tabulationsOf,
} from './results-fixtures';

const LATER = () => new Date(Date.now() + 5 * 60_000);

/** The tabulation job against the real database, queue and worker. */
describe('tabulation job', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.adminToken();
  });
  afterAll(() => app.close());

  it('closeRound queues the job; the round becomes TABULATED with the pure library’s hash', async () => {
    const seeded = await seedRound(app);
    const closed = await app.gql(CLOSE, { id: seeded.roundId }, admin);
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeRound.status).toBe('CLOSED');
    await app.waitForQueues();

    const want = expected(seeded);
    const round = await app.gql(ROUND, { id: seeded.roundId }, admin);
    expect(round.data!.round.status).toBe('TABULATED');
    expect(round.data!.round.tabulation).toMatchObject({ version: 1, hash: want.hash });
    const stored = await tabulationsOf(app, seeded.roundId);
    expect(stored).toHaveLength(1);
    expect(stored[0].entry_count).toBe(24);
    const [audit] = await app.sql<{ detail: string }>(
      "SELECT detail FROM audit_records WHERE action = 'round.tabulated' AND subject_id = ?",
      [seeded.roundId],
    );
    expect(JSON.parse(audit.detail)).toMatchObject({
      version: 1,
      hash: want.hash,
      trigger: 'close',
    });
  });

  it('a job delivered twice, or two at once, still makes one version', async () => {
    const seeded = await seedRound(app);
    // Closed without a job (as if the enqueue were lost), then the runner twice at once …
    await app.sql("UPDATE rounds SET status = 'CLOSED' WHERE id = ?", [seeded.roundId]);
    const runner = app.worker!.get(TabulationRunner);
    const outcomes = await Promise.all([
      runner.run(systemCtx('twice-a'), seeded.roundId, 'close'),
      runner.run(systemCtx('twice-b'), seeded.roundId, 'close'),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['skipped', 'written']);
    // … and the same job delivered twice more through the queue.
    const jobs = app.api.get(JobProducer);
    await jobs.enqueue(JobName.TabulateRound, { roundId: seeded.roundId }, 'again-1');
    await jobs.enqueue(JobName.TabulateRound, { roundId: seeded.roundId }, 'again-2');
    await app.waitForQueues();
    const stored = await tabulationsOf(app, seeded.roundId);
    expect(stored.map((t) => t.version)).toEqual([1]);
    expect(stored[0].hash).toBe(expected(seeded).hash);
  });

  it('the database refuses a second version for the same close even without the lock', async () => {
    const seeded = await seedRound(app, 6);
    await app.gql(CLOSE, { id: seeded.roundId }, admin);
    await app.waitForQueues();
    const [first] = await tabulationsOf(app, seeded.roundId);
    await expect(
      app.sql(
        "INSERT INTO tabulations (id, round_id, version, request_key, hash, computed_at, entry_count, complete_count, sheet_count) VALUES (UUID(), ?, 2, ?, 'x', NOW(3), 0, 0, 0)",
        [seeded.roundId, first.request_key],
      ),
    ).rejects.toThrow(/Duplicate entry/);
  });

  it('a lost enqueue is repaired by the sweep', async () => {
    const seeded = await seedRound(app);
    await app.sql("UPDATE rounds SET status = 'CLOSED' WHERE id = ?", [seeded.roundId]);
    const sweep = app.worker!.get(TabulationSweepService);
    expect(await sweep.requeueLost(new Date())).toEqual({ requeued: 0 }); // still in its grace
    expect((await sweep.requeueLost(LATER())).requeued).toBeGreaterThanOrEqual(1);
    await app.waitForQueues();
    expect(await statusOf(app, seeded.roundId)).toBe('TABULATED');
    expect((await tabulationsOf(app, seeded.roundId)).map((t) => t.hash)).toEqual([
      expected(seeded).hash,
    ]);
    expect(await sweep.requeueLost(LATER())).toEqual({ requeued: 0 });
  });

  it('retabulate: version + 1 with the same hash when nothing changed; a disqualified entry leaves the next version', async () => {
    const seeded = await seedRound(app);
    await app.gql(CLOSE, { id: seeded.roundId }, admin);
    await app.waitForQueues();
    const again = await app.gql(RETABULATE, { id: seeded.roundId }, admin);
    expect(again.errors).toBeUndefined();
    expect(again.data!.retabulate).toMatchObject({
      status: 'TABULATED',
      tabulation: { version: 2, hash: expected(seeded).hash },
    });

    const out = seeded.entries[0];
    await app.api.get(EntryScreeningService).disqualify(adminCtx(), out.id, '抄袭');
    const third = await app.gql(RETABULATE, { id: seeded.roundId }, admin);
    const want = expected(seeded, {
      entries: seeded.entries.map((e) => (e.id === out.id ? { ...e, status: 'DISQUALIFIED' } : e)),
    });
    expect(want.hash).not.toBe(expected(seeded).hash);
    expect(third.data!.retabulate.tabulation).toMatchObject({ version: 3, hash: want.hash });
    const versions = await tabulationsOf(app, seeded.roundId);
    expect(versions.map((v) => v.entry_count)).toEqual([24, 24, 23]);
  });

  it('a reopened round with a changed sheet shows in the next version', async () => {
    const seeded = await seedRound(app);
    await app.gql(CLOSE, { id: seeded.roundId }, admin);
    await app.waitForQueues();
    const reopened = await app.gql(REOPEN, { id: seeded.roundId, r: '复核评分' }, admin);
    expect(reopened.data!.reopenRound.status).toBe('OPEN');
    // One judge lowers a sheet (as submitScoreSheet would store it).
    const changed = seeded.sheets[0];
    const scores = changed.scores.map((s) => ({ ...s, value: '0.00' }));
    await app.sql(
      'UPDATE score_sheets s JOIN assignments a ON a.id = s.assignment_id SET s.scores = ?, s.version = 2 WHERE a.entry_id = ? AND a.judge_id = ?',
      [
        JSON.stringify(scores.map((s) => [s.criterionKey, s.value])),
        changed.entryId,
        changed.judgeId,
      ],
    );
    await app.gql(CLOSE, { id: seeded.roundId }, admin);
    await app.waitForQueues();
    const want = expected(seeded, {
      sheets: seeded.sheets.map((s) => (s === changed ? { ...s, scores } : s)),
    });
    const round = await app.gql(ROUND, { id: seeded.roundId }, admin);
    expect(round.data!.round).toMatchObject({
      status: 'TABULATED',
      tabulation: { version: 2, hash: want.hash },
    });
  });

  it('bad data fails the job once, keeps the round CLOSED, and is not re-queued; retabulate says why', async () => {
    const seeded = await seedRound(app, 6);
    await app.sql(`UPDATE score_sheets SET scores = '[["bogus","1.00"]]' WHERE assignment_id = ?`, [
      seeded.assignmentIds[0],
    ]);
    await app.gql(CLOSE, { id: seeded.roundId }, admin);
    await app.waitForQueues();
    expect(await statusOf(app, seeded.roundId)).toBe('CLOSED');
    expect(await tabulationsOf(app, seeded.roundId)).toEqual([]);
    const [failure] = await app.sql<{ reason: string }>(
      'SELECT reason FROM tabulation_failures WHERE round_id = ?',
      [seeded.roundId],
    );
    expect(failure.reason).toBe('INVALID_CRITERIA');
    const sweep = app.worker!.get(TabulationSweepService);
    await sweep.requeueLost(LATER());
    await app.waitForQueues();
    expect(await tabulationsOf(app, seeded.roundId)).toEqual([]);

    const res = await app.gql(RETABULATE, { id: seeded.roundId }, admin);
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_CRITERIA',
    });
    expect(await statusOf(app, seeded.roundId)).toBe('CLOSED');
    expect(await tabulationsOf(app, seeded.roundId)).toEqual([]);
  });

  it('retabulate refuses an OPEN round (CONFLICT), an unknown one (NOT_FOUND) and non-organisers', async () => {
    const seeded = await seedRound(app, 3);
    const open = await app.gql(RETABULATE, { id: seeded.roundId }, admin);
    expect(open.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'INVALID_TRANSITION',
    });
    const unknown = await app.gql(
      RETABULATE,
      { id: '00000000-0000-4000-8000-000000000000' },
      admin,
    );
    expect(unknown.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(await tabulationsOf(app, seeded.roundId)).toEqual([]);
  });
});

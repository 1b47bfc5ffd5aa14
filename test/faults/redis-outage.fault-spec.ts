import type { SeededRound } from '../../bench/round-seed';
import { Deployment } from './deployment';
import {
  addPhoto,
  CLOSE_ROUND,
  draftEntry,
  photosSettled,
  reopenSheets,
  report,
  roundTabulated,
  sheetInput,
  SUBMIT_SHEET,
} from './scenario';

const PHOTOS = 4;
const SHEETS = 4;
const ENTRIES = 6;

/**
 * Redis dies (SIGKILL, no persistence: every queued job and schedule gone) while photos are
 * uploaded, sheets submitted and the round closed. Requests keep succeeding, because the
 * database is the truth; when Redis is back, the sweeps queue what is due and it all runs once.
 */
describe('fault: Redis stopped', () => {
  let d: Deployment;
  let seeded: SeededRound;

  beforeAll(async () => {
    d = await Deployment.onOwnServers();
    seeded = await d.seedRound('redis-outage', ENTRIES);
    await d.startApi();
    await d.startWorker();
  });
  afterAll(() => d?.closeWithServers());

  it('uploads, sheets and the close are accepted while Redis is down; the jobs run once when it is back', async () => {
    const entryId = await draftEntry(d, seeded);
    const judges = await reopenSheets(d, seeded, SHEETS);
    // The pipeline works before the fault: one photo rendered.
    const warmUp = await addPhoto(d, entryId, 1);
    await photosSettled(d, [warmUp], 30_000);

    await d.redis.stop();
    const started = Date.now();
    const photos: string[] = [];
    for (let i = 0; i < PHOTOS; i++) photos.push(await addPhoto(d, entryId, 10 + i));
    const sheets = [];
    for (const [n, judge] of judges.entries()) {
      const res = await d.gql(
        SUBMIT_SHEET,
        { input: sheetInput(judge.assignmentId, n) },
        judge.token,
      );
      expect(res.errors).toBeUndefined();
      sheets.push(res.data.submitScoreSheet);
    }
    const closed = await d.gql(CLOSE_ROUND, { id: seeded.roundId }, await d.adminToken());
    expect(closed.errors).toBeUndefined();
    expect(closed.data.closeRound.status).toBe('CLOSED');
    const duringOutageMs = Date.now() - started;
    // Each enqueue gives up after 3 s; nothing waits for Redis longer than that.
    expect(duringOutageMs).toBeLessThan((PHOTOS + 1) * 4_000);
    await d.redis.start();

    const rendered = await photosSettled(d, photos, 150_000);
    const tabulations = await roundTabulated(d, seeded.roundId, 150_000);
    const recoveredMs = Date.now() - started;
    const stored = await d.sql<{ assignment_id: string; n: number }>(
      'SELECT assignment_id, COUNT(*) AS n FROM score_sheets WHERE assignment_id IN (?) GROUP BY assignment_id',
      [judges.map((j) => j.assignmentId)],
    );

    const ready = rendered.filter((r) => r.status === 'READY' && Number(r.renditions) === 3);
    const extraRenditions = rendered.reduce((sum, r) => sum + Math.max(0, r.renditions - 3), 0);
    const injected = PHOTOS + SHEETS + 1;
    report(
      'redis-stopped',
      {
        injected,
        recovered:
          ready.length +
          stored.length +
          (tabulations.length === 1 && tabulations[0].sheet_count === ENTRIES * 3 ? 1 : 0),
        lost:
          PHOTOS -
          rendered.filter((r) => r.status === 'READY').length +
          (SHEETS - stored.length) +
          (tabulations.length === 0 ? 1 : 0),
        duplicated:
          extraRenditions +
          stored.reduce((sum, s) => sum + Number(s.n) - 1, 0) +
          Math.max(0, tabulations.length - 1),
      },
      `${PHOTOS} photos, ${SHEETS} sheets and 1 close during the outage (${duringOutageMs} ms); ` +
        `all done ${Math.round(recoveredMs / 1000)} s after Redis stopped`,
    );
    expect(sheets.map((s) => s.version)).toEqual(Array(SHEETS).fill(1));
  });
});

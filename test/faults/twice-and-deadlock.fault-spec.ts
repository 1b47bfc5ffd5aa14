import { Queue } from 'bullmq';
import { eventually } from '@app/testing';
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

const ENTRIES = 6;

describe('fault: a job delivered twice; a deadlock', () => {
  let d: Deployment;
  let seeded: SeededRound;
  const queues: Queue[] = [];

  beforeAll(async () => {
    d = await Deployment.onOwnServers();
    seeded = await d.seedRound('twice-deadlock', ENTRIES);
    await d.startApi();
    await d.startWorker();
  });
  afterAll(async () => {
    for (const q of queues) await q.close();
    await d?.closeWithServers();
  });

  function queue(name: string): Queue {
    const q = new Queue(name, {
      connection: { host: '127.0.0.1', port: d.redis.port },
      prefix: d.config.queuePrefix,
    });
    queues.push(q);
    return q;
  }

  /** Adds the same job under other ids, at once, and waits until each has finished. */
  async function deliverAgain(q: Queue, name: string, data: object, ids: string[]) {
    const jobs = await Promise.all(ids.map((jobId) => q.add(name, data, { jobId })));
    const states = await eventually(
      async () => {
        const states = await Promise.all(jobs.map((job) => job.getState()));
        return states.every((s) => s === 'completed') ? states : undefined;
      },
      60_000,
      `${name} delivered ${ids.length} more times`,
    );
    return states.length;
  }

  it('a render and a tabulation delivered twice more, at once, write nothing twice', async () => {
    const entryId = await draftEntry(d, seeded);
    const photo = await addPhoto(d, entryId, 5);
    await d.gql(CLOSE_ROUND, { id: seeded.roundId }, await d.adminToken());
    await photosSettled(d, [photo], 30_000);
    await roundTabulated(d, seeded.roundId, 30_000);

    const finished = await Promise.all([
      deliverAgain(queue('images'), 'render-image', { imageId: photo }, ['again-a', 'again-b']),
      deliverAgain(queue('tabulation'), 'tabulate-round', { roundId: seeded.roundId }, [
        'again-c',
        'again-d',
      ]),
    ]);
    const [counts] = await d.sql<{ renditions: number; tabulations: number; audits: number }>(
      `SELECT (SELECT COUNT(*) FROM image_renditions WHERE image_id = ?) AS renditions,
              (SELECT COUNT(*) FROM tabulations WHERE round_id = ?) AS tabulations,
              (SELECT COUNT(*) FROM audit_records WHERE action = 'round.tabulated' AND subject_id = ?) AS audits`,
      [photo, seeded.roundId, seeded.roundId],
    );
    report(
      'job-delivered-twice',
      {
        injected: 4,
        recovered: finished[0] + finished[1],
        lost: Number(Number(counts.renditions) === 0) + Number(Number(counts.tabulations) === 0),
        duplicated:
          Number(counts.renditions) -
          3 +
          (Number(counts.tabulations) - 1) +
          (Number(counts.audits) - 1),
      },
      `2 extra deliveries of a finished render and of a finished tabulation, in parallel: ` +
        `${counts.renditions} renditions, ${counts.tabulations} tabulation, ${counts.audits} audit record`,
    );
  });

  it('a score sheet chosen as a deadlock victim is written again by the service, once', async () => {
    const [judge] = await reopenSheets(d, seeded, 1);
    // The assignments were PENDING again only for this test; the round must be OPEN.
    await d.sql("UPDATE rounds SET status = 'OPEN' WHERE id = ?", [seeded.roundId]);
    const [{ eventId }] = await d.sql<{ eventId: string }>(
      'SELECT event_id AS eventId FROM rounds WHERE id = ?',
      [seeded.roundId],
    );

    const deadlockCount = async () =>
      Number(
        (await d.mariadb.sql<{ Value: string }>("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'"))[0]
          .Value,
      );
    const deadlocksBefore = await deadlockCount();
    // The test's transaction: heavier than a sheet's (InnoDB rolls back the lighter one),
    // holding the event's audit chain head, which the sheet's write takes last.
    const other = await d.mariadb.connect(d.database);
    await other.query('CREATE TABLE IF NOT EXISTS fault_ballast (n INT PRIMARY KEY)');
    await other.query('START TRANSACTION');
    await other.query(
      'INSERT INTO fault_ballast (n) SELECT seq FROM seq_1_to_200 ON DUPLICATE KEY UPDATE n = n',
    );
    await other.query('SELECT * FROM audit_chain_heads WHERE event_id = ? FOR UPDATE', [eventId]);

    const submitted = d.gql(
      SUBMIT_SHEET,
      { input: sheetInput(judge.assignmentId, 9) },
      judge.token,
    );
    // The sheet's transaction holds its assignment and waits for the chain head …
    await eventually(
      async () => {
        const rows = await d.sql<{ n: number }>(
          "SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'",
        );
        return Number(rows[0].n) > 0 ? true : undefined;
      },
      20_000,
      'the sheet waiting for the audit chain',
    );
    // … and the test's asks for the assignment: a cycle, which InnoDB breaks at once.
    await other.query('SELECT * FROM assignments WHERE id = ? FOR UPDATE', [judge.assignmentId]);
    const deadlocks = (await deadlockCount()) - deadlocksBefore;
    await other.query('ROLLBACK');
    await other.end();

    const res = await submitted;
    expect(res.errors).toBeUndefined();
    const [stored] = await d.sql<{ sheets: number; audits: number }>(
      `SELECT (SELECT COUNT(*) FROM score_sheets WHERE assignment_id = ?) AS sheets,
              (SELECT COUNT(*) FROM audit_records WHERE subject_id = ? AND action LIKE 'sheet.%') AS audits`,
      [judge.assignmentId, judge.assignmentId],
    );
    report(
      'deadlock',
      {
        injected: deadlocks,
        recovered: Number(res.data?.submitScoreSheet.version === 1),
        lost: Number(Number(stored.sheets) === 0),
        duplicated: Math.max(0, Number(stored.sheets) - 1) + Math.max(0, Number(stored.audits) - 1),
      },
      `the sheet's transaction was the victim; the service wrote it again: ${stored.sheets} sheet, ${stored.audits} audit record`,
    );
  });
});

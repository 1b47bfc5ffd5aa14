import type { Connection } from 'mysql2/promise';
import { eventually } from '@app/testing';
import type { SeededRound } from '../../bench/round-seed';
import { Deployment } from './deployment';
import {
  addPhoto,
  CLOSE_ROUND,
  draftEntry,
  photosSettled,
  report,
  roundTabulated,
} from './scenario';

const ENTRIES = 6;

/**
 * A worker SIGKILLed while it renders a photo and tabulates a round at once. Each job is held in
 * its middle by a gap lock the test takes where the job writes its results (the renditions of
 * that photo, the tabulations of that round): the worker has done the work and waits to
 * insert. After the kill, a new worker gets both jobs back from BullMQ's stalled check (the
 * dead worker's lock expires) and each finishes once.
 */
describe('fault: worker killed in the middle of a job', () => {
  let d: Deployment;
  let seeded: SeededRound;
  const holds: Connection[] = [];

  beforeAll(async () => {
    d = await Deployment.onOwnServers();
    seeded = await d.seedRound('worker-killed', ENTRIES);
    await d.startApi();
  });
  afterAll(async () => {
    for (const hold of holds) await hold.end().catch(() => undefined);
    await d?.closeWithServers();
  });

  /** Opens a transaction holding a gap lock where the job will insert its results. */
  async function holdInserts(table: string, column: string, id: string): Promise<Connection> {
    const hold = await d.mariadb.connect(d.database);
    holds.push(hold);
    await hold.query('START TRANSACTION');
    await hold.query(`SELECT * FROM \`${table}\` WHERE \`${column}\` = ? FOR UPDATE`, [id]);
    return hold;
  }

  /** The statements of the worker waiting for a lock, by the table they insert into. */
  async function waitingInserts(): Promise<string[]> {
    const rows = await d.sql<{ query: string }>(
      "SELECT trx_query AS query FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'",
    );
    return rows.map((r) => /INSERT INTO `?(\w+)/i.exec(r.query ?? '')?.[1] ?? '?');
  }

  it('after SIGKILL, the rendition and the tabulation complete under a new worker, once each', async () => {
    const entryId = await draftEntry(d, seeded);
    const first = await d.startWorker();

    // An image's id is known only once it is uploaded, so the uploads hold on the entry's
    // photos: a gap lock on every rendition of images not yet rendered.
    const renditionHold = await d.mariadb.connect(d.database);
    holds.push(renditionHold);
    await renditionHold.query('START TRANSACTION');
    await renditionHold.query(
      "SELECT * FROM image_renditions WHERE image_id > '00000000' FOR UPDATE",
    );
    const tabulationHold = await holdInserts('tabulations', 'round_id', seeded.roundId);

    const photo = await addPhoto(d, entryId, 77);
    const closed = await d.gql(CLOSE_ROUND, { id: seeded.roundId }, await d.adminToken());
    expect(closed.data?.closeRound.status).toBe('CLOSED');
    const waiting = await eventually(
      async () => {
        const tables = await waitingInserts();
        return tables.includes('image_renditions') && tables.includes('tabulations')
          ? tables
          : undefined;
      },
      30_000,
      'the worker waiting in the middle of both jobs',
    );
    const [image] = await d.sql<{ status: string }>('SELECT status FROM images WHERE id = ?', [
      photo,
    ]);
    expect(image.status).toBe('PROCESSING');

    const killedAt = Date.now();
    await d.killWorker(first);
    await renditionHold.query('ROLLBACK');
    await tabulationHold.query('ROLLBACK');
    // The dead worker's transactions rolled back with its connections: nothing half-written.
    const [half] = await d.sql<{ renditions: number; tabulations: number }>(
      `SELECT (SELECT COUNT(*) FROM image_renditions WHERE image_id = ?) AS renditions,
              (SELECT COUNT(*) FROM tabulations WHERE round_id = ?) AS tabulations`,
      [photo, seeded.roundId],
    );
    expect(half).toEqual({ renditions: 0, tabulations: 0 });

    await d.startWorker();
    const [rendered] = await photosSettled(d, [photo], 150_000);
    const tabulations = await roundTabulated(d, seeded.roundId, 150_000);
    const recoveredS = Math.round((Date.now() - killedAt) / 1000);
    const [audits] = await d.sql<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_records WHERE action = 'round.tabulated' AND subject_id = ?",
      [seeded.roundId],
    );

    const renditionDone = rendered.status === 'READY' && Number(rendered.renditions) === 3;
    const tabulationDone = tabulations.length >= 1 && tabulations[0].sheet_count === ENTRIES * 3;
    report(
      'worker-killed',
      {
        injected: 2,
        recovered: Number(renditionDone) + Number(tabulationDone),
        lost: Number(rendered.status !== 'READY') + Number(tabulations.length === 0),
        duplicated:
          Math.max(0, Number(rendered.renditions) - 3) +
          Math.max(0, tabulations.length - 1) +
          Math.max(0, Number(audits.n) - 1),
      },
      `killed while waiting in ${waiting.join(' and ')}; both done ${recoveredS} s after the kill`,
    );
  });
});

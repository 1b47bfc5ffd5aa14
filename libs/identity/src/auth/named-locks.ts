import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** Seconds a request waits for a key's turn before it is told to come back. */
export const LOCK_WAIT_SECONDS = 5;

/** The turn of a key could not be had in time (a flood of requests for one key). */
export class LockBusy extends Error {}

/**
 * Runs `work` while holding the database's named locks (GET_LOCK) of these keys, so requests
 * for one key take turns across every API process; `work` gets the connection holding them.
 * Keep `work` to a few statements: it is what the requests of one key wait for.
 *
 * Lock names are global to the server, so each is the hash of the database name and the key
 * (several databases, the tests' among them, share one server; names stay under 64 characters).
 * The keys are taken in the order given, each kind always before the next, so two requests
 * never wait for each other's lock.
 */
export async function withNamedLocks<T>(
  dataSource: DataSource,
  keys: readonly string[],
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const database = String(dataSource.options.database ?? '');
  const names = keys.map(
    (key) => `judging:${createHash('sha1').update(`${database}\u0000${key}`).digest('hex')}`,
  );
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const held: string[] = [];
  try {
    for (const name of names) {
      const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [
        name,
        LOCK_WAIT_SECONDS,
      ])) as Array<{ got: number | string | null }>;
      if (Number(row?.got) !== 1) throw new LockBusy(`no turn within ${LOCK_WAIT_SECONDS}s`);
      held.push(name);
    }
    return await work(runner.manager);
  } finally {
    try {
      for (const name of held.reverse()) await runner.query('DO RELEASE_LOCK(?)', [name]);
    } finally {
      // A pooled connection keeps its locks until they are let go above; RELEASE_LOCK of a
      // lock one holds fails only when the connection is lost, and that lets them go too.
      await runner.release();
    }
  }
}

import type { ImportProgress } from '@app/entries';
import type { RedisClient } from '@app/queue';

/** How far an import has got, as `GET …/entries/import-progress/{id}` answers it. */
export interface ImportProgressState {
  /**
   * WAITING its turn (one import at a time per API process), READING and checking rows,
   * STORING (resolving entrants and categories, writing), then DONE or FAILED.
   */
  phase: 'WAITING' | ImportProgress['phase'] | 'FAILED';
  /** data rows read and checked so far */
  rowsRead: number;
}

/** A progress record outlives its import by this long, for a client polling late. */
const KEEP_SECONDS = 15 * 60;
/** Rows-read updates are written at most this often (a change of phase always is). */
const WRITE_EVERY_MS = 250;

/**
 * Where an import running in a request reports its progress, for the organiser's page to poll
 * while it waits for the answer: one small Redis key per import, under an id the client chose
 * (`?progress={uuid}`) and the user who started it, so any API process can answer and nobody
 * else reads it. Best effort: Redis being away costs the progress, never the import.
 */
export class ImportProgressStore {
  constructor(private readonly client: RedisClient) {}

  /** A reporter for one import; its writes never throw and never make the import wait. */
  reporter(userId: string, id: string): (state: ImportProgressState) => void {
    const key = this.key(userId, id);
    let lastPhase: string | null = null;
    let lastWrite = 0;
    return (state) => {
      const now = Date.now();
      if (state.phase === lastPhase && now - lastWrite < WRITE_EVERY_MS) return;
      lastPhase = state.phase;
      lastWrite = now;
      this.client.redis.set(key, JSON.stringify(state), 'EX', KEEP_SECONDS).catch(() => undefined);
    };
  }

  async read(userId: string, id: string): Promise<ImportProgressState | null> {
    const value = await this.client.redis.get(this.key(userId, id));
    return value === null ? null : (JSON.parse(value) as ImportProgressState);
  }

  private key(userId: string, id: string): string {
    return `${this.client.prefix}:import-progress:${userId}:${id.toLowerCase()}`;
  }
}

import { Assignment, rendition } from '../api';
import { Store } from '../store';
import { PHOTO_CACHE } from './cache-names';

/**
 * The photos of a round, kept ahead on the tablet: when a judge opens a round online, the THUMB
 * and MEDIUM renditions of every photo of every assigned entry go into Cache Storage, where the
 * service worker answers them from (build/pwa.ts, CacheFirst on the same cache). The round's
 * assignments and criteria are kept by the session (IndexedDB) when it loads them.
 */
export interface Readiness {
  /** entries whose every photo is kept */
  ready: number;
  /** entries the judge is to score (recused ones left out) */
  total: number;
  /** still downloading */
  running: boolean;
  /** false where the browser has no Cache Storage (plain http on a hall's network) */
  supported: boolean;
}

const CONCURRENT_DOWNLOADS = 4;

/** The URLs an entry needs offline: THUMB and MEDIUM of each of its photos. */
export function photoUrlsOf(assignment: Assignment): string[] {
  const urls = new Set<string>();
  for (const image of assignment.entry.images) {
    for (const size of ['THUMB', 'MEDIUM'] as const) {
      const found = rendition(image, size);
      if (found) urls.add(found.url);
    }
  }
  return [...urls];
}

const toScore = (list: Assignment[]) => list.filter((a) => a.status !== 'RECUSED');

class PhotoKeeper {
  private readonly stores = new Map<string, Store<Readiness>>();
  private readonly running = new Map<string, Promise<void>>();
  private persistAsked = false;

  readiness(roundId: string): Store<Readiness> {
    let store = this.stores.get(roundId);
    if (!store) {
      store = new Store<Readiness>({ ready: 0, total: 0, running: false, supported: true });
      this.stores.set(roundId, store);
    }
    return store;
  }

  /**
   * Counts what is kept and, when `download`, fetches what is missing; one run per round at a
   * time. A photo that fails to download is left for the next time the round is opened online.
   */
  keep(roundId: string, assignments: Assignment[], download: boolean): Promise<void> {
    const existing = this.running.get(roundId);
    if (existing) return existing;
    const run = this.run(roundId, toScore(assignments), download).finally(() =>
      this.running.delete(roundId),
    );
    this.running.set(roundId, run);
    return run;
  }

  private async run(roundId: string, list: Assignment[], download: boolean): Promise<void> {
    const store = this.readiness(roundId);
    if (typeof caches === 'undefined') {
      store.set({ ready: 0, total: list.length, running: false, supported: false });
      return;
    }
    const cache = await caches.open(PHOTO_CACHE);
    const missing = new Map<Assignment, string[]>();
    for (const assignment of list) {
      const urls = photoUrlsOf(assignment);
      const kept = await Promise.all(urls.map((url) => cache.match(url)));
      const absent = urls.filter((_, i) => !kept[i]);
      if (absent.length > 0) missing.set(assignment, absent);
    }
    let ready = list.length - missing.size;
    const publish = (running: boolean) =>
      store.set({ ready, total: list.length, running, supported: true });
    if (!download || missing.size === 0) {
      publish(false);
      return;
    }
    publish(true);
    this.askToPersist();
    const queue = [...missing.entries()];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [, urls] = next;
        const outcomes = await Promise.allSettled(urls.map((url) => cache.add(url)));
        if (outcomes.every((o) => o.status === 'fulfilled')) {
          ready += 1;
          publish(true);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT_DOWNLOADS }, worker));
    publish(false);
  }

  /** Asks the browser not to evict the tablet's storage (the outbox, drafts, photos) under pressure. */
  private askToPersist(): void {
    if (this.persistAsked) return;
    this.persistAsked = true;
    void navigator.storage?.persist?.().catch(() => false);
  }
}

export const photoKeeper = new PhotoKeeper();

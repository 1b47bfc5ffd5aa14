import { useEffect, useSyncExternalStore } from 'react';
import type { OpenObjectionCountsQuery } from '../../gql/app';
import { OPEN_OBJECTION_COUNTS } from '../ops';
import { useGqlClient } from '../useGql';

export type OpenObjectionCount = OpenObjectionCountsQuery['openObjectionCounts'][number];

type Client = ReturnType<typeof useGqlClient>;

/**
 * The organisers' flag for objections nobody has answered: one poll for the whole tab, however
 * many screens show the flag (the area nav, the home, the event, the round). A new objection
 * is seen within BASE_MS while things move; while nothing changes the poll backs off to MAX_MS,
 * and coming back to the tab (focus) or answering an objection reads at once. A hidden tab
 * does not poll.
 */
export const BASE_MS = 15_000;
export const MAX_MS = 120_000;

/** The next wait: back to the base when the counts changed, else twice the last, capped. */
export function nextDelay(last: number, changed: boolean): number {
  return changed ? BASE_MS : Math.min(last * 2, MAX_MS);
}

let counts: readonly OpenObjectionCount[] | null = null;
let client: Client | null = null;
let timer: number | undefined;
let delay = BASE_MS;
let reading = false;
/** asked for while a read was on its way (it may have left before the change): read again */
let again = false;
const listeners = new Set<() => void>();

async function read(): Promise<void> {
  window.clearTimeout(timer);
  timer = undefined;
  if (!client) return;
  if (reading) {
    again = true;
    return;
  }
  reading = true;
  let changed = false;
  try {
    const answer = await client(OPEN_OBJECTION_COUNTS, {});
    const next = answer.openObjectionCounts;
    // nobody shows the flag any more (signed out meanwhile): nothing of the answer is kept
    changed = listeners.size > 0 && JSON.stringify(next) !== JSON.stringify(counts);
    if (changed) {
      counts = next;
      for (const listener of listeners) listener();
    }
  } catch {
    // the flag stays as it was; the next read tries again, later
  } finally {
    reading = false;
  }
  delay = nextDelay(delay, changed);
  if (again) {
    again = false;
    delay = BASE_MS;
    void read();
    return;
  }
  schedule();
}

function schedule(): void {
  window.clearTimeout(timer);
  timer = undefined;
  if (listeners.size === 0 || document.visibilityState === 'hidden') return;
  timer = window.setTimeout(() => void read(), delay);
}

/** Read now, from the base pace again (back in the tab, or after an answer). */
export function refreshObjectionFlag(): void {
  delay = BASE_MS;
  void read();
}

const onVisible = () => {
  if (document.visibilityState === 'visible') refreshObjectionFlag();
  else schedule();
};

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    window.addEventListener('focus', refreshObjectionFlag);
    document.addEventListener('visibilitychange', onVisible);
    refreshObjectionFlag();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    window.removeEventListener('focus', refreshObjectionFlag);
    document.removeEventListener('visibilitychange', onVisible);
    window.clearTimeout(timer);
    timer = undefined;
    // another person may sign in next in this tab: nothing of this one's is kept
    counts = null;
  };
}

/** Every round with OPEN objections (null until first read), kept fresh while shown. */
export function useOpenObjectionCounts(): readonly OpenObjectionCount[] | null {
  const gqlClient = useGqlClient();
  // set before the store subscribes (effects run in order), so the first read has a client
  useEffect(() => {
    client = gqlClient;
  }, [gqlClient]);
  return useSyncExternalStore(subscribe, () => counts);
}

/** The OPEN objections counted, of one event or one round when given. */
export function openCount(
  all: readonly OpenObjectionCount[] | null,
  where: { eventId?: string; roundId?: string } = {},
): number {
  return (all ?? [])
    .filter(
      (c) =>
        (!where.eventId || c.eventId === where.eventId) &&
        (!where.roundId || c.roundId === where.roundId),
    )
    .reduce((sum, c) => sum + c.open, 0);
}

import { useEffect } from 'react';
import { EVENT_NAME, gql, NetworkError } from '../api';
import { CACHE, readOne, write } from '../idb';
import { useServices, useStore } from '../services';
import { Store } from '../store';

/**
 * The names of the events of the judge's rounds (a round is named within its event, and two
 * events may both have a 初评). Asked once per event and kept on the tablet, so the round list
 * names them offline too.
 */
const NAMES_KEY = 'event-names';
const names = new Store<Record<string, string>>({});
const asked = new Set<string>();
let restored: Promise<void> | null = null;

function restore(): Promise<void> {
  restored ??= readOne<Record<string, string>>(CACHE, NAMES_KEY)
    .then((kept) => {
      if (kept) names.set({ ...kept, ...names.get() });
    })
    .catch(() => undefined);
  return restored;
}

async function ask(eventId: string, token: string): Promise<void> {
  try {
    const { event } = await gql(EVENT_NAME, { id: eventId }, token);
    if (!event) return;
    names.set({ ...names.get(), [eventId]: event.name });
    await write(CACHE, [{ key: NAMES_KEY, value: names.get() }]);
  } catch (error) {
    // Offline: the kept name (if any) stays; asked again on the next visit.
    if (error instanceof NetworkError) asked.delete(eventId);
  }
}

export function useEventNames(eventIds: string[]): Record<string, string> {
  const { session } = useServices();
  const known = useStore(names);
  const key = [...new Set(eventIds)].sort().join(',');
  useEffect(() => {
    const token = session.token();
    void restore().then(() => {
      for (const id of key.split(',').filter(Boolean)) {
        if (asked.has(id) || !token) continue;
        asked.add(id);
        void ask(id, token);
      }
    });
  }, [key, session]);
  return known;
}

import { Store } from '../store';

/**
 * Whether the server answers, which is not whether the browser has a network: a tablet on the
 * hall's Wi-Fi may reach no server at all. Every GraphQL request reports its outcome (api.ts);
 * while the server is out of reach, a light probe asks again, so the header turns back to
 * "online" without waiting for the judge to do something.
 */
export type Reach = 'unknown' | 'reachable' | 'unreachable';

export const serverReach = new Store<Reach>('unknown');

const PROBE_EVERY_MS = 10_000;
let probeTimer: ReturnType<typeof setTimeout> | null = null;

export function reached(): void {
  if (probeTimer) clearTimeout(probeTimer);
  probeTimer = null;
  if (serverReach.get() !== 'reachable') serverReach.set('reachable');
}

export function unreachable(): void {
  if (serverReach.get() !== 'unreachable') serverReach.set('unreachable');
  probeLater();
}

function probeLater(): void {
  if (probeTimer) return;
  probeTimer = setTimeout(() => {
    probeTimer = null;
    void probe();
  }, PROBE_EVERY_MS);
}

/** One request to the API's liveness endpoint (no cache, never answered by the worker). */
export async function probe(): Promise<void> {
  try {
    const response = await fetch('/health/live', { cache: 'no-store' });
    if (response.ok) reached();
    else unreachable();
  } catch {
    unreachable();
  }
}

/** The browser says the network is back: ask the server at once rather than at the next probe. */
export function watchReachability(): () => void {
  const onOnline = () => void probe();
  window.addEventListener('online', onOnline);
  return () => window.removeEventListener('online', onOnline);
}

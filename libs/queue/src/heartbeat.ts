import type { Redis } from 'ioredis';

export const HEARTBEAT_INTERVAL_MS = 10_000;
/** Workers silent for this long are dropped from the hash. */
const HEARTBEAT_FORGET_MS = 24 * 3600_000;

export function heartbeatKey(prefix: string): string {
  return `${prefix}:worker-heartbeats`;
}

/**
 * Records this worker's heartbeat. Answers true when its field was not there: the first beat,
 * or Redis lost its data (restarted without persistence), which took the schedules with it.
 */
export async function beat(
  redis: Redis,
  prefix: string,
  workerId: string,
  now = Date.now(),
): Promise<boolean> {
  return (await redis.hset(heartbeatKey(prefix), workerId, String(now))) === 1;
}

export async function forget(redis: Redis, prefix: string, workerId: string): Promise<void> {
  await redis.hdel(heartbeatKey(prefix), workerId);
}

/** Age in seconds of the freshest heartbeat of any worker; null when no worker ever beat. */
export async function lastHeartbeatAgeSeconds(
  redis: Redis,
  prefix: string,
  now = Date.now(),
): Promise<{
  ageSeconds: number | null;
  workers: number;
}> {
  const beats = await redis.hgetall(heartbeatKey(prefix));
  const times = Object.entries(beats)
    .map(([id, at]) => [id, Number(at)] as const)
    .filter(([, at]) => Number.isFinite(at));
  const stale = times.filter(([, at]) => now - at > HEARTBEAT_FORGET_MS).map(([id]) => id);
  if (stale.length > 0) await redis.hdel(heartbeatKey(prefix), ...stale);
  const fresh = times.filter(([, at]) => now - at <= HEARTBEAT_FORGET_MS);
  if (fresh.length === 0) return { ageSeconds: null, workers: 0 };
  const newest = Math.max(...fresh.map(([, at]) => at));
  return { ageSeconds: Math.max(0, Math.round((now - newest) / 100) / 10), workers: fresh.length };
}

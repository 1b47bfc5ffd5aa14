import type { AppConfig } from '@app/core';
import { Redis, RedisOptions } from 'ioredis';

/**
 * Two kinds of connection. A worker's blocks and must retry forever (`maxRetriesPerRequest:
 * null`, a BullMQ requirement). A producer's fails fast: a request that has committed must not
 * hang because Redis is down; the sweep re-enqueues what is due (docs/pitfalls.md #4).
 */
export function redisOptions(config: AppConfig, role: 'worker' | 'producer'): RedisOptions {
  const url = config.redisUrl;
  const base: RedisOptions = {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) || 0 : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    connectionName: `judging-${role}`,
  };
  return role === 'worker'
    ? { ...base, maxRetriesPerRequest: null, enableReadyCheck: false }
    : { ...base, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 };
}

export function createRedis(config: AppConfig, role: 'worker' | 'producer'): Redis {
  return new Redis(redisOptions(config, role));
}

/**
 * BullMQ needs `noeviction`: an evicting Redis silently drops jobs. Read from INFO (CONFIG is
 * often disabled on managed Redis). Returns the policy, or null when it could not be read.
 */
export async function maxmemoryPolicy(redis: Redis): Promise<string | null> {
  const info = await redis.info('memory');
  const match = /^maxmemory_policy:(\S+)/m.exec(info);
  return match ? match[1] : null;
}

import type { Redis } from 'ioredis';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** A plain, fail-fast Redis connection for health checks and heartbeats (not for BullMQ). */
export class RedisClient {
  constructor(
    readonly redis: Redis,
    readonly prefix: string,
  ) {
    // ioredis reconnects by itself; without a listener an outage would crash the process.
    redis.on('error', () => undefined);
  }

  /**
   * Resolves once the connection is ready, or rejects after `timeoutMs`. The connection has no
   * offline queue (a request must not hang on Redis), so a command sent before the first
   * connect would fail at once even though Redis is up.
   */
  whenReady(timeoutMs: number): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
        if (error) reject(error);
        else resolve();
      };
      const onReady = () => done();
      const timer = setTimeout(
        () => done(new Error(`Redis not ready within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.redis.once('ready', onReady);
    });
  }
}

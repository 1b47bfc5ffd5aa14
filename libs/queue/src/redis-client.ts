import { OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** A plain, fail-fast Redis connection for health checks and heartbeats (not for BullMQ). */
export class RedisClient implements OnApplicationShutdown {
  constructor(
    readonly redis: Redis,
    readonly prefix: string,
  ) {
    // ioredis reconnects by itself; without a listener an outage would crash the process.
    redis.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

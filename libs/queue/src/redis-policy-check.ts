import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { maxmemoryPolicy } from './redis-connection';
import { REDIS_CLIENT, RedisClient } from './redis-client';

/** Says loudly, at start-up, when Redis would evict BullMQ's keys under memory pressure. */
@Injectable()
export class RedisPolicyCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Redis');

  constructor(@Inject(REDIS_CLIENT) private readonly client: RedisClient) {}

  async onApplicationBootstrap(): Promise<void> {
    let policy: string | null;
    try {
      await this.client.whenReady(3_000);
      policy = await maxmemoryPolicy(this.client.redis);
    } catch (error) {
      this.logger.error(
        `Redis does not answer at start-up (${(error as Error).message}); jobs wait until it does`,
      );
      return;
    }
    if (policy !== null && policy !== 'noeviction') {
      const line = '!'.repeat(78);
      this.logger.error(
        `\n${line}\nRedis maxmemory-policy is "${policy}": under memory pressure Redis will EVICT\n` +
          `queued jobs and they will be lost. Set "maxmemory-policy noeviction".\n${line}`,
      );
    }
  }
}

import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/core';
import { defaultJobOptions } from './queue-config';
import { QueueName } from './queue-names';
import { JobProducer } from './job-producer.service';
import { RedisPolicyCheck } from './redis-policy-check';
import { RedisClient, REDIS_CLIENT } from './redis-client';
import { createRedis } from './redis-connection';

export const BULL_CONNECTION = Symbol('BULL_CONNECTION');

/**
 * The process's Redis connections: one shared by every BullMQ queue and worker (workers
 * duplicate it for their blocking reads), and one plain client for health and heartbeats.
 */
@Global()
@Module({})
class RedisConnectionsModule {
  static forRoot(role: 'producer' | 'worker'): DynamicModule {
    return {
      module: RedisConnectionsModule,
      providers: [
        {
          provide: BULL_CONNECTION,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const redis = createRedis(config, role);
            // ioredis reconnects by itself; an unheard 'error' event would crash the process.
            redis.on('error', () => undefined);
            return redis;
          },
        },
        {
          provide: REDIS_CLIENT,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) =>
            new RedisClient(createRedis(config, 'producer'), config.queuePrefix),
        },
      ],
      exports: [BULL_CONNECTION, REDIS_CLIENT],
    };
  }
}

/**
 * Every queue of QueueName, with its job defaults from QUEUE_CONFIG, under the token
 * `@InjectQueue` and the processors look up. Built here rather than by BullModule.registerQueue
 * so that each queue has an 'error' listener from birth: without one, BullMQ prints every
 * failed reconnect to the console; with it, an outage is one warning a minute per queue.
 */
@Global()
@Module({
  providers: Object.values(QueueName).map((name) => ({
    provide: getQueueToken(name),
    inject: [APP_CONFIG, BULL_CONNECTION],
    useFactory: (config: AppConfig, connection: Redis) => createQueue(name, config, connection),
  })),
  exports: Object.values(QueueName).map((name) => getQueueToken(name)),
})
class QueuesModule {}

const logger = new Logger('Queues');
const QUIET_MS = 60_000;

function createQueue(
  name: QueueName,
  config: AppConfig,
  connection: Redis,
): Queue & OnApplicationShutdown {
  const queue = new Queue(name, {
    connection,
    prefix: config.queuePrefix,
    defaultJobOptions: defaultJobOptions(name),
  }) as Queue & OnApplicationShutdown;
  let lastWarned = 0;
  queue.on('error', (error: Error) => {
    if (Date.now() - lastWarned < QUIET_MS) return;
    lastWarned = Date.now();
    logger.warn(`queue ${name}: Redis error (${error.message}); retrying`);
  });
  queue.onApplicationShutdown = () => queue.close();
  return queue;
}

/**
 * Closes the shared connections last. BullMQ does not close a connection it was given, so a
 * shutdown while Redis is down cannot fail on QUIT; and this module's hook runs after BullMQ's
 * (Nest calls the deeper-imported BullModule first), once workers have finished their jobs.
 */
@Injectable()
class ConnectionCloser implements OnApplicationShutdown {
  constructor(
    @Inject(BULL_CONNECTION) private readonly bull: Redis,
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
  ) {}

  onApplicationShutdown(): void {
    this.bull.disconnect();
    this.client.redis.disconnect();
  }
}

/**
 * BullMQ on REDIS_URL with QUEUE_PREFIX, every queue registered with its settings from
 * QUEUE_CONFIG. `producer` connections fail fast (the API); `worker` ones wait for Redis.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(role: 'producer' | 'worker'): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        RedisConnectionsModule.forRoot(role),
        BullModule.forRootAsync({
          inject: [APP_CONFIG, BULL_CONNECTION],
          useFactory: (config: AppConfig, connection: Redis) => ({
            connection,
            prefix: config.queuePrefix,
          }),
        }),
        // With no names: only BullMQ's processor explorer, which starts the @Processor workers.
        BullModule.registerQueue(),
        QueuesModule,
      ],
      providers: [JobProducer, RedisPolicyCheck, ConnectionCloser],
      exports: [BullModule, QueuesModule, JobProducer, RedisConnectionsModule],
    };
  }
}

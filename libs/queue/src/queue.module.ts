import { BullModule } from '@nestjs/bullmq';
import type { ConnectionOptions } from 'bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/core';
import { defaultJobOptions } from './queue-config';
import { QueueName } from './queue-names';
import { JobProducer } from './job-producer.service';
import { RedisPolicyCheck } from './redis-policy-check';
import { RedisClient, REDIS_CLIENT } from './redis-client';
import { createRedis, redisOptions } from './redis-connection';

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
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: redisOptions(config, role) as ConnectionOptions,
            prefix: config.queuePrefix,
          }),
        }),
        ...Object.values(QueueName).map((name) =>
          BullModule.registerQueue({ name, defaultJobOptions: defaultJobOptions(name) }),
        ),
      ],
      providers: [
        JobProducer,
        RedisPolicyCheck,
        {
          provide: REDIS_CLIENT,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => new RedisClient(createRedis(config, 'producer'), config.queuePrefix),
        },
      ],
      exports: [BullModule, JobProducer, REDIS_CLIENT],
    };
  }
}

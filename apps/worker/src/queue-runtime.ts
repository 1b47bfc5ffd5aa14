import { getQueueToken } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { hostname } from 'node:os';
import { APP_CONFIG, AppConfig } from '@app/core';
import {
  beat,
  forget,
  HEARTBEAT_INTERVAL_MS,
  QUEUE_CONFIG,
  REDIS_CLIENT,
  RedisClient,
  SCHEDULES,
} from '@app/queue';
import { DocumentsProcessor } from './processors/documents.processor';
import { ImagesProcessor } from './processors/images.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';

/**
 * What a worker process does besides processing: applies each queue's concurrency from the
 * table, upserts the recurring schedules (replica-safe), and beats a heartbeat that
 * /health/ready reports.
 */
@Injectable()
export class QueueRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private readonly workerId = `${hostname()}-${process.pid}`;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
    private readonly moduleRef: ModuleRef,
    private readonly maintenance: MaintenanceProcessor,
    private readonly images: ImagesProcessor,
    private readonly documents: DocumentsProcessor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const host of [this.maintenance, this.images, this.documents]) {
      const queue = host.worker.name as keyof typeof QUEUE_CONFIG;
      host.worker.concurrency = QUEUE_CONFIG[queue].concurrency(this.config);
    }
    await this.schedule();
    await this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_INTERVAL_MS);
    this.timer.unref();
    this.logger.log(`worker ${this.workerId} ready`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await forget(this.client.redis, this.client.prefix, this.workerId).catch(() => undefined);
  }

  private async schedule(): Promise<void> {
    for (const schedule of SCHEDULES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(schedule.queue), { strict: false });
      await queue.upsertJobScheduler(
        schedule.id,
        { every: schedule.everyMs },
        { name: schedule.job, data: {} },
      );
    }
  }

  /**
   * A beat that finds this worker's field missing after the first means Redis came back empty:
   * the sweeps' schedules are gone, and without them the jobs lost with Redis (the database
   * still says PENDING or CLOSED) would never be queued again. So they are upserted again.
   */
  private async beat(): Promise<void> {
    try {
      const fresh = await beat(this.client.redis, this.client.prefix, this.workerId);
      if (fresh && this.timer) {
        this.logger.warn('Redis lost its data (heartbeat gone); scheduling the sweeps again');
        await this.schedule();
      }
    } catch (error) {
      this.logger.warn(`heartbeat failed: ${(error as Error).message}`);
    }
  }
}

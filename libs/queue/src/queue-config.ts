import type { AppConfig } from '@app/core';
import type { DefaultJobOptions } from 'bullmq';
import { JobName, QueueName } from './queue-names';

export interface QueueSettings {
  /** jobs one worker process runs at once */
  concurrency: (config: AppConfig) => number;
  attempts: number;
  backoff: { type: 'exponential' | 'fixed'; delay: number };
  /**
   * ms a job's lock lasts; the worker renews it every half of that while the job runs, so it only
   * says how soon the job of a worker killed mid-way is taken up again (with the stalled check)
   */
  lockDuration: number;
  /** completed/failed jobs kept, so a deterministic jobId is not re-run at once, and failures stay visible */
  retention: { completed: { age: number; count: number }; failed: { age: number; count: number } };
}

const DAY = 24 * 3600;

/** Every queue's settings in one table: adding a queue without settings does not compile. */
export const QUEUE_CONFIG: Readonly<Record<QueueName, QueueSettings>> = {
  [QueueName.Images]: {
    concurrency: (config) => config.workerConcurrency,
    attempts: 5,
    backoff: { type: 'exponential', delay: 2_000 },
    lockDuration: 30_000,
    retention: { completed: { age: DAY, count: 10_000 }, failed: { age: 14 * DAY, count: 10_000 } },
  },
  [QueueName.Tabulation]: {
    concurrency: () => 1,
    attempts: 5,
    backoff: { type: 'exponential', delay: 5_000 },
    lockDuration: 30_000,
    retention: {
      completed: { age: 7 * DAY, count: 1_000 },
      failed: { age: 30 * DAY, count: 1_000 },
    },
  },
  [QueueName.Maintenance]: {
    concurrency: () => 1,
    attempts: 3,
    backoff: { type: 'exponential', delay: 10_000 },
    lockDuration: 30_000,
    retention: { completed: { age: 3600, count: 100 }, failed: { age: 7 * DAY, count: 1_000 } },
  },
  [QueueName.Documents]: {
    // A sheet of 557 labels takes a few seconds of one core; two at once would only share it.
    concurrency: () => 1,
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
    // The renderer yields between pages, so the lock is renewed while a long sheet is drawn.
    lockDuration: 60_000,
    // A finished job says which sheet it stored (its content may have changed since the
    // request): kept a day for the page that polls it; the file itself stays in storage.
    retention: { completed: { age: DAY, count: 1_000 }, failed: { age: 7 * DAY, count: 1_000 } },
  },
  [QueueName.PublicationDocuments]: {
    // A publication's 557 certificates take a few seconds of one core: one publication at a time.
    concurrency: () => 1,
    attempts: 5,
    backoff: { type: 'exponential', delay: 10_000 },
    // The job awaits between certificates, so the lock is renewed while a long list is drawn.
    lockDuration: 60_000,
    retention: {
      completed: { age: 7 * DAY, count: 1_000 },
      failed: { age: 30 * DAY, count: 1_000 },
    },
  },
};

/** Recurring jobs, upserted by every worker on start (replica-safe: one scheduler per id). */
export const SCHEDULES: ReadonlyArray<{
  id: string;
  queue: QueueName;
  job: JobName;
  everyMs: number;
}> = [
  {
    id: 'prune-login-failures',
    queue: QueueName.Maintenance,
    job: JobName.PruneLoginFailures,
    everyMs: 15 * 60_000,
  },
  {
    // issue 4: a photo PENDING for more than a minute lost its job (a crash between commit
    // and enqueue, or Redis down at the time); the sweep queues it again.
    id: 'sweep-images',
    queue: QueueName.Maintenance,
    job: JobName.SweepImages,
    everyMs: 60_000,
  },
  {
    // issue 6: a round CLOSED for more than a minute lost its tabulation job; queued again.
    id: 'sweep-tabulations',
    queue: QueueName.Maintenance,
    job: JobName.SweepTabulations,
    everyMs: 60_000,
  },
  {
    // issue 22: a FINAL publication whose documents job was lost (or failed an hour ago).
    id: 'sweep-publication-documents',
    queue: QueueName.Maintenance,
    job: JobName.SweepPublicationDocuments,
    everyMs: 60_000,
  },
];

export function defaultJobOptions(queue: QueueName): DefaultJobOptions {
  const settings = QUEUE_CONFIG[queue];
  return {
    attempts: settings.attempts,
    backoff: settings.backoff,
    removeOnComplete: settings.retention.completed,
    removeOnFail: settings.retention.failed,
  };
}

/**
 * What a queue's BullMQ worker is built with (the `@Processor` options): its lock duration, so a
 * job whose worker died is taken up again after that long. Concurrency is applied at start,
 * since it may depend on the configuration.
 */
export function workerOptionsOf(queue: QueueName): { lockDuration: number } {
  return { lockDuration: QUEUE_CONFIG[queue].lockDuration };
}

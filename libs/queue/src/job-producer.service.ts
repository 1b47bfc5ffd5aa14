import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { JobsOptions, Queue } from 'bullmq';
import { JobName, JobPayloads, QUEUE_OF } from './queue-names';

export const ENQUEUE_TIMEOUT_MS = 3_000;

/**
 * Puts jobs on their queue. Call only after the transaction that made the work has committed.
 * Never throws: when Redis is down the failure is logged with the job id and `false` comes back;
 * the database is the truth and a sweep re-enqueues what is due.
 */
@Injectable()
export class JobProducer {
  private readonly logger = new Logger(JobProducer.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  /** `jobId` must be deterministic (e.g. `render-<imageId>`) so a repeat is a no-op; no `:`. */
  async enqueue<J extends JobName>(
    job: J,
    payload: JobPayloads[J],
    jobId: string,
    options: JobsOptions = {},
  ): Promise<boolean> {
    if (jobId.includes(':'))
      throw new Error(`job id "${jobId}" contains ':', which BullMQ refuses`);
    let timer: NodeJS.Timeout | undefined;
    try {
      // BullMQ waits for a connection that may never come; the caller has already committed.
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Redis did not answer within ${ENQUEUE_TIMEOUT_MS} ms`)),
          ENQUEUE_TIMEOUT_MS,
        );
      });
      await Promise.race([this.queueOf(job).add(job, payload, { ...options, jobId }), timeout]);
      return true;
    } catch (error) {
      this.logger.error(
        `could not enqueue ${job} ${jobId}: ${(error as Error).message}; the sweep will retry`,
      );
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  queueOf(job: JobName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(QUEUE_OF[job]), { strict: false });
  }
}

import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { systemCtx } from '@app/core';
import { JobName, JobPayloads, QueueName, workerOptionsOf } from '@app/queue';
import { TabulationRunner } from '@app/results';

/**
 * The tabulation queue (concurrency 1): tabulates a closed round. A refused input (bad
 * settings or data) fails the job for good, with the reason in the log and the round left
 * CLOSED; anything else (a deadlock, the database away) is retried by BullMQ.
 */
@Processor(QueueName.Tabulation, workerOptionsOf(QueueName.Tabulation))
export class TabulationProcessor extends WorkerHost {
  private readonly logger = new Logger(TabulationProcessor.name);

  constructor(private readonly runner: TabulationRunner) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName) {
      case JobName.TabulateRound: {
        const { roundId } = job.data as JobPayloads[JobName.TabulateRound];
        const outcome = await this.runner.run(systemCtx(`job-${job.id}`), roundId, 'close');
        switch (outcome.kind) {
          case 'written':
            this.logger.log(
              `round ${roundId}: version ${outcome.tabulation.version}, hash ${outcome.tabulation.hash}`,
            );
            return { version: outcome.tabulation.version, hash: outcome.tabulation.hash };
          case 'skipped':
            return { skipped: outcome.why };
          case 'refused':
            throw new UnrecoverableError(
              `round ${roundId} cannot be tabulated (${outcome.error.reason}): ${outcome.error.message}`,
            );
        }
        break;
      }
      default:
        throw new UnrecoverableError(`no handler for job "${job.name}" on ${QueueName.Tabulation}`);
    }
  }
}

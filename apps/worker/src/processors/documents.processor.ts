import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { DomainError, systemCtx } from '@app/core';
import { LabelSheetRenderer } from '@app/entries';
import { JobName, JobPayloads, QueueName, workerOptionsOf } from '@app/queue';

/**
 * The documents queue (concurrency 1): draws a sheet of exhibit labels and stores it, reporting
 * `{done, total}` labels as progress after each page. A refused selection (the event or
 * category gone, no accepted entry left) fails the job for good, with the reason; anything
 * else (storage, the database away) is retried by BullMQ.
 */
@Processor(QueueName.Documents, workerOptionsOf(QueueName.Documents))
export class DocumentsProcessor extends WorkerHost {
  constructor(private readonly labels: LabelSheetRenderer) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName) {
      case JobName.RenderLabelSheet: {
        const { eventId, categoryId, layout } = job.data as JobPayloads[JobName.RenderLabelSheet];
        try {
          return await this.labels.render(
            systemCtx(`job-${job.id}`),
            { eventId, categoryId, layout: layout as '2x4' | '3x7' },
            (done, total) => job.updateProgress({ done, total }),
          );
        } catch (error) {
          if (error instanceof DomainError) {
            throw new UnrecoverableError(`labels refused (${error.reason}): ${error.message}`);
          }
          throw error;
        }
      }
      default:
        throw new UnrecoverableError(`no handler for job "${job.name}" on ${QueueName.Documents}`);
    }
  }
}

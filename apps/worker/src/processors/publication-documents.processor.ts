import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { PublicationDocumentsJob } from '@app/publication';
import { JobName, JobPayloads, QueueName, workerOptionsOf } from '@app/queue';

/**
 * The publication-documents queue (concurrency 1): draws and stores a FINAL publication's
 * certificates and list, reporting `{done, total}` as it goes. A failure is retried by BullMQ;
 * on the last attempt the run is marked FAILED (the sweep tries it again an hour later).
 */
@Processor(QueueName.PublicationDocuments, workerOptionsOf(QueueName.PublicationDocuments))
export class PublicationDocumentsProcessor extends WorkerHost {
  private readonly logger = new Logger(PublicationDocumentsProcessor.name);

  constructor(private readonly documents: PublicationDocumentsJob) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName) {
      case JobName.RenderPublicationDocuments: {
        const { publicationId } = job.data as JobPayloads[JobName.RenderPublicationDocuments];
        const outcome = await this.documents.run(publicationId, {
          finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
          onProgress: (done, total) => job.updateProgress({ done, total }),
        });
        if (outcome.kind === 'skipped') {
          this.logger.log(`publication ${publicationId}: documents skipped (${outcome.why})`);
        }
        return outcome;
      }
      default:
        throw new UnrecoverableError(
          `no handler for job "${job.name}" on ${QueueName.PublicationDocuments}`,
        );
    }
  }
}

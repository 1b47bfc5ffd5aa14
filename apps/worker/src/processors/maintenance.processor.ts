import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { ImageSweepService, PhotoBatchService } from '@app/entries';
import { IdentityHousekeeping } from '@app/identity';
import { PublicationDocumentsSweep } from '@app/publication';
import { JobName, QueueName, workerOptionsOf } from '@app/queue';
import { TabulationSweepService } from '@app/results';

/** Housekeeping jobs. Thin: each job name calls one service method. */
@Processor(QueueName.Maintenance, workerOptionsOf(QueueName.Maintenance))
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly identity: IdentityHousekeeping,
    private readonly imageSweep: ImageSweepService,
    private readonly tabulationSweep: TabulationSweepService,
    private readonly photoBatches: PhotoBatchService,
    private readonly documentsSweep: PublicationDocumentsSweep,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName) {
      case JobName.PruneLoginFailures: {
        // sign-in failures, and identity's other rows that expire (sign-ups, revoked tokens)
        const removed = await this.identity.prune(new Date());
        if (removed > 0) this.logger.log(`pruned ${removed} expired sign-in and sign-up rows`);
        return { removed };
      }
      case JobName.SweepImages: {
        // Photos' housekeeping, every minute: lost render jobs, and bulk uploads left for a
        // week with their staged files (an indexed look that finds nothing most minutes).
        const now = new Date();
        const { requeued } = await this.imageSweep.requeueStuck(now);
        const { removed } = await this.photoBatches.pruneExpired(now);
        return { requeued, batchesRemoved: removed };
      }
      case JobName.SweepTabulations:
        return this.tabulationSweep.requeueLost(new Date());
      case JobName.SweepPublicationDocuments:
        return this.documentsSweep.requeueLost(new Date());
      default:
        throw new UnrecoverableError(
          `no handler for job "${job.name}" on ${QueueName.Maintenance}`,
        );
    }
  }
}

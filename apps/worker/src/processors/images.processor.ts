import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { ImageRenderService } from '@app/entries';
import { JobName, JobPayloads, QueueName, workerOptionsOf } from '@app/queue';

/** The images queue: renders one photo per job (concurrency WORKER_CONCURRENCY). */
@Processor(QueueName.Images, workerOptionsOf(QueueName.Images))
export class ImagesProcessor extends WorkerHost {
  constructor(private readonly renderer: ImageRenderService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName) {
      case JobName.RenderImage: {
        const { imageId } = job.data as JobPayloads[JobName.RenderImage];
        const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return { outcome: await this.renderer.render(imageId, { finalAttempt }) };
      }
      default:
        throw new UnrecoverableError(`no handler for job "${job.name}" on ${QueueName.Images}`);
    }
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobName, JobProducer } from '@app/queue';
import { ImageStatus } from './image-status';
import { ImageEntity } from './image.entity';
import { renderJobId } from './image-upload.service';

/** A PENDING photo older than this has lost its job (it is queued right after commit). */
export const PENDING_GRACE_MS = 60_000;
/** A PROCESSING photo untouched this long lost its worker and its job (BullMQ's lock is 60 s). */
export const PROCESSING_GRACE_MS = 10 * 60_000;
const BATCH = 500;

/**
 * Repairs lost render jobs: the row and the job are written one after the other (commit, then
 * enqueue), so a crash or a Redis outage in between leaves a PENDING photo with no job. Every
 * minute the sweep finds those and queues them again; a job that still waits or runs is left
 * alone, and a finished one that left its photo unfinished is replaced.
 */
@Injectable()
export class ImageSweepService {
  private readonly logger = new Logger(ImageSweepService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  async requeueStuck(now = new Date()): Promise<{ requeued: number }> {
    const stuck = await this.dataSource
      .getRepository(ImageEntity)
      .createQueryBuilder('i')
      .select('i.id', 'id')
      .where('(i.status = :pending AND i.updated_at < :pendingBefore)', {
        pending: ImageStatus.PENDING,
        pendingBefore: new Date(now.getTime() - PENDING_GRACE_MS),
      })
      .orWhere('(i.status = :processing AND i.updated_at < :processingBefore)', {
        processing: ImageStatus.PROCESSING,
        processingBefore: new Date(now.getTime() - PROCESSING_GRACE_MS),
      })
      .orderBy('i.updated_at', 'ASC')
      .limit(BATCH)
      .getRawMany<{ id: string }>();
    const queue = this.jobs.queueOf(JobName.RenderImage);
    let requeued = 0;
    for (const { id } of stuck) {
      const jobId = renderJobId(id);
      const existing = await queue.getJob(jobId);
      if (existing) {
        const state = await existing.getState();
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
        await existing.remove();
      }
      if (await this.jobs.enqueue(JobName.RenderImage, { imageId: id }, jobId)) requeued += 1;
    }
    if (requeued > 0) this.logger.warn(`re-queued ${requeued} photos whose render job was lost`);
    return { requeued };
  }
}

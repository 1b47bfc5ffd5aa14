import { Injectable, Logger } from '@nestjs/common';
import { JobName, JobProducer } from '@app/queue';
import { DocumentRunsService, documentsJobId } from './document-runs.service';

/**
 * A QUEUED or RENDERING run untouched this long lost its job: it is queued right after the
 * transaction that asked for it, and writes its progress at least every second while it draws.
 */
export const DOCUMENTS_GRACE_MS = 2 * 60_000;
/** A FAILED run is tried again this long after (a full disk, the storage away for a while). */
export const DOCUMENTS_RETRY_FAILED_MS = 60 * 60_000;
const BATCH = 100;

/**
 * Repairs lost document jobs (issue 22), as the image and tabulation sweeps do theirs: the run
 * is written in the transaction that finalises (or revokes), the job queued after commit, so a
 * crash or a Redis outage in between, or a worker killed mid-way whose job BullMQ lost, leaves a
 * run that no job will move. Every minute the sweep queues those again under their request's
 * job id; a job that still waits or runs is left alone, a finished or failed one replaced. The
 * job skips what is stored already, so a run queued again draws only what is missing.
 */
@Injectable()
export class PublicationDocumentsSweep {
  private readonly logger = new Logger(PublicationDocumentsSweep.name);

  constructor(
    private readonly runs: DocumentRunsService,
    private readonly jobs: JobProducer,
  ) {}

  async requeueLost(now = new Date()): Promise<{ requeued: number }> {
    const stale = await this.runs.stale(
      new Date(now.getTime() - DOCUMENTS_GRACE_MS),
      new Date(now.getTime() - DOCUMENTS_RETRY_FAILED_MS),
      BATCH,
    );
    const queue = this.jobs.queueOf(JobName.RenderPublicationDocuments);
    let requeued = 0;
    for (const run of stale) {
      const jobId = documentsJobId(run.publicationId, run.requestedAt);
      const existing = await queue.getJob(jobId);
      if (existing) {
        const state = await existing.getState();
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
        await existing.remove();
      }
      if (await this.runs.enqueue(run.publicationId, run.requestedAt)) requeued += 1;
    }
    if (requeued > 0) {
      this.logger.warn(`re-queued ${requeued} publications whose documents job was lost`);
    }
    return { requeued };
  }
}

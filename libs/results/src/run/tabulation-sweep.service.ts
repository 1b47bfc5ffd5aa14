import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { systemCtx } from '@app/core';
import { RoundsForResults, tabulationJobId } from '@app/judging';
import { JobName, JobProducer } from '@app/queue';
import { TabulationFailureEntity } from '../tabulations/tabulation.entity';

/** A round CLOSED longer than this lost its job (closeRound queues it right after commit). */
export const CLOSED_GRACE_MS = 60_000;
const BATCH = 200;

/**
 * Repairs lost tabulation jobs: closeRound commits, then queues; a crash or a Redis outage in
 * between leaves a CLOSED round with no job. Every minute the sweep queues those again under
 * the close's own job id (a job still waiting or running is left alone). A close whose input
 * the tabulation refused is recorded and not queued again: it would only fail again.
 */
@Injectable()
export class TabulationSweepService {
  private readonly logger = new Logger(TabulationSweepService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
    private readonly rounds: RoundsForResults,
  ) {}

  async requeueLost(now = new Date()): Promise<{ requeued: number }> {
    const closed = await this.rounds.closedBefore(
      systemCtx('tabulation-sweep'),
      new Date(now.getTime() - CLOSED_GRACE_MS),
      BATCH,
    );
    if (closed.length === 0) return { requeued: 0 };
    const refused = await this.dataSource.getRepository(TabulationFailureEntity).find({
      select: { roundId: true, requestKey: true },
      where: { roundId: In(closed.map((r) => r.id)) },
    });
    const refusedKeys = new Set(refused.map((f) => `${f.roundId} ${f.requestKey}`));
    const queue = this.jobs.queueOf(JobName.TabulateRound);
    let requeued = 0;
    for (const round of closed) {
      if (refusedKeys.has(`${round.id} ${round.closeRequestKey}`)) continue;
      const jobId = tabulationJobId(round.id, round.closedAt);
      const existing = await queue.getJob(jobId);
      if (existing) {
        const state = await existing.getState();
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
        await existing.remove();
      }
      if (await this.jobs.enqueue(JobName.TabulateRound, { roundId: round.id }, jobId)) {
        requeued += 1;
      }
    }
    if (requeued > 0)
      this.logger.warn(`re-queued ${requeued} rounds whose tabulation job was lost`);
    return { requeued };
  }
}

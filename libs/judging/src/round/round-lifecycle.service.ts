import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { BadUserInput, Conflict, Forbidden, RequestCtx, CommonReason } from '@app/core';
import { inTransaction, repo } from '@app/db';
import { isOrganiser } from '@app/identity';
import { JobName, JobProducer } from '@app/queue';
import { AssignmentEntity } from '../assignment/assignment.entity';
import { JudgingReason } from '../judging.errors';
import { RoundStatus } from './round-enums';
import type { RoundForResults, TabulatedFigures, TabulationTrigger } from './round-for-results';
import { RoundEntity } from './round.entity';
import { RoundService } from './round.service';
import { LaterRoundEntriesService } from '../round-entries/later-round-entries.service';
import { tabulationJobId } from './tabulation-request';
import {
  PUBLICATION_FINAL,
  ROUND_PUBLICATIONS,
  RoundPublications,
} from './round-publications.port';

const REASON_MAX = 1000;

/**
 * The states a tabulation may start from: a close's job tabulates only a CLOSED round (a
 * repeated or late job finds it TABULATED or OPEN again); `retabulate` makes a new version of
 * a CLOSED or TABULATED one.
 */
export const TABULATED_FROM: Readonly<Record<TabulationTrigger, readonly RoundStatus[]>> = {
  close: [RoundStatus.CLOSED],
  retabulate: [RoundStatus.CLOSED, RoundStatus.TABULATED],
};

/**
 * A round's life: DRAFT → OPEN (judges score) → CLOSED → TABULATED (results' runner, through
 * RoundsForResults, once it has written a version) → back to OPEN by `reopen`, with a reason.
 * Each move is made with the round locked and audited; a move from the wrong state is
 * CONFLICT / INVALID_TRANSITION.
 */
@Injectable()
export class RoundLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rounds: RoundService,
    private readonly audit: AuditService,
    private readonly jobs: JobProducer,
    private readonly laterRounds: LaterRoundEntriesService,
    @Optional()
    @Inject(ROUND_PUBLICATIONS)
    private readonly publications: RoundPublications | null = null,
  ) {}

  /** Judges may score once every entry that can be served has its judges (assignJudges first). */
  open(ctx: RequestCtx, roundId: string): Promise<RoundEntity> {
    return this.move(
      ctx,
      roundId,
      [RoundStatus.DRAFT],
      RoundStatus.OPEN,
      'round.opened',
      async (tx) => {
        const assigned = await repo(this.dataSource, tx, AssignmentEntity).countBy({ roundId });
        if (assigned === 0) {
          throw new Conflict(
            JudgingReason.NO_ASSIGNMENTS,
            'assign judges (assignJudges) before opening the round',
          );
        }
        // §6: a later round opens only on the entries its previous round still advances.
        return this.laterRounds.assertUnchanged(tx, await this.rounds.mustGet(tx, roundId));
      },
    );
  }

  /**
   * The tabulation job is queued after commit, under the close's own id (a repeat is a
   * no-op); inside a caller's transaction the close is not committed yet, so the job waits
   * for the sweep, which also repairs a lost enqueue.
   */
  async close(ctx: RequestCtx, roundId: string): Promise<RoundEntity> {
    const ownTransaction = !ctx.manager?.queryRunner?.isTransactionActive;
    const round = await this.move(
      ctx,
      roundId,
      [RoundStatus.OPEN],
      RoundStatus.CLOSED,
      'round.closed',
      () => Promise.resolve({}),
    );
    if (ownTransaction) {
      await this.jobs.enqueue(
        JobName.TabulateRound,
        { roundId },
        tabulationJobId(roundId, round.updatedAt),
      );
    }
    return round;
  }

  reopen(ctx: RequestCtx, roundId: string, reason: string): Promise<RoundEntity> {
    const text = (reason ?? '').trim();
    if (text === '') {
      throw new BadUserInput(JudgingReason.REASON_REQUIRED, 'say why the round is reopened');
    }
    if ([...text].length > REASON_MAX) {
      throw new BadUserInput(
        JudgingReason.TEXT_TOO_LONG,
        `a reason is at most ${REASON_MAX} characters`,
      );
    }
    return this.move(
      ctx,
      roundId,
      [RoundStatus.CLOSED, RoundStatus.TABULATED],
      RoundStatus.OPEN,
      'round.reopened',
      async (tx) => {
        // §8: a FINAL publication never changes, so neither does the round behind it.
        const final = await this.publications?.finalOf(tx, roundId);
        if (final) {
          throw new Conflict(
            PUBLICATION_FINAL,
            `version ${final.version} of this round's results is FINAL; it cannot be reopened`,
            { publicationId: final.id },
          );
        }
        return { reason: text };
      },
    );
  }

  /**
   * CLOSED (or TABULATED, for `retabulate`) → TABULATED, in the caller's transaction, with the
   * round already locked (RoundsForResults.lockForTabulation) and the version written: the
   * status and the `round.tabulated` record, last.
   */
  async tabulated(
    ctx: RequestCtx,
    round: RoundForResults,
    trigger: TabulationTrigger,
    figures: TabulatedFigures,
  ): Promise<void> {
    if (!ctx.manager?.queryRunner?.isTransactionActive) {
      throw new Error('a round is marked TABULATED inside the transaction that locked it');
    }
    if (!TABULATED_FROM[trigger].includes(round.status)) {
      throw new Conflict(
        JudgingReason.INVALID_TRANSITION,
        `a ${round.status} round cannot be tabulated: close it first`,
        { status: round.status },
      );
    }
    await ctx.manager
      .getRepository(RoundEntity)
      .update({ id: round.id }, { status: RoundStatus.TABULATED });
    await this.audit.append(ctx, {
      eventId: round.eventId,
      action: 'round.tabulated',
      subjectType: 'Round',
      subjectId: round.id,
      detail: {
        from: round.status,
        to: RoundStatus.TABULATED,
        trigger,
        version: figures.version,
        hash: figures.hash,
        entries: figures.entries,
        complete: figures.complete,
        sheets: figures.sheets,
      },
    });
  }

  private async move(
    ctx: RequestCtx,
    roundId: string,
    from: readonly RoundStatus[],
    to: RoundStatus,
    action: string,
    check: (tx: RequestCtx) => Promise<Record<string, unknown>>,
  ): Promise<RoundEntity> {
    if (!isOrganiser(ctx.viewer)) {
      throw new Forbidden(
        CommonReason.ROLE_NOT_ALLOWED,
        'only organisers open, close and reopen rounds',
      );
    }
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const round = await this.rounds.lockForChange(tx, roundId);
      if (!from.includes(round.status)) {
        throw new Conflict(
          JudgingReason.INVALID_TRANSITION,
          `a ${round.status} round cannot become ${to}`,
          { status: round.status },
        );
      }
      const detail = await check(tx);
      await repo(this.dataSource, tx, RoundEntity).update({ id: roundId }, { status: to });
      await this.audit.append(tx, {
        eventId: round.eventId,
        action,
        subjectType: 'Round',
        subjectId: round.id,
        detail: { from: round.status, to, ...detail },
      });
      return this.rounds.mustGet(tx, roundId);
    });
  }
}

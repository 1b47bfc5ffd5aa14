import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { Conflict, RequestCtx, withManager } from '@app/core';
import { isDuplicateKey } from '@app/db';
import { closeRequestKey, JudgingReason, RoundEntity, RoundStatus } from '@app/judging';
import { tabulate, TabulationInputError, TabulationOutput } from '@app/tabulation';
import { TabulationEntity, TabulationFailureEntity } from '../storage/tabulation.entity';
import { insertEntryResults } from './entry-results.writer';
import { readTabulationInput } from './tabulation-input.reader';

/** `close`: the job a close queues (only a CLOSED round); `retabulate`: an organiser's request. */
export type TabulationTrigger = 'close' | 'retabulate';

export type RunOutcome =
  | { kind: 'written'; tabulation: TabulationEntity }
  | { kind: 'skipped'; why: string }
  | { kind: 'refused'; error: TabulationInputError };

/**
 * The one idempotent way a tabulation is made, for the job and for `retabulate` alike: in one
 * transaction, lock the round row, read its entries and counted sheets (one snapshot),
 * compute with the pure library, write version + 1 with all its results, set the round
 * TABULATED and append the audit record. A close's job that comes twice, or two at once, finds
 * the round no longer CLOSED behind the lock; were the lock bypassed, the unique keys on
 * (round, version) and (round, request key) would still refuse a second version.
 */
@Injectable()
export class TabulationRunner {
  private readonly logger = new Logger(TabulationRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async run(ctx: RequestCtx, roundId: string, trigger: TabulationTrigger): Promise<RunOutcome> {
    let refusedKey: string | null = null;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const round = await manager.getRepository(RoundEntity).findOne({
          where: { id: roundId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!round) return { kind: 'skipped', why: 'the round no longer exists' };
        const allowed =
          trigger === 'close' ? [RoundStatus.CLOSED] : [RoundStatus.CLOSED, RoundStatus.TABULATED];
        if (!allowed.includes(round.status)) {
          if (trigger === 'close') return { kind: 'skipped', why: `the round is ${round.status}` };
          throw new Conflict(
            JudgingReason.INVALID_TRANSITION,
            `a ${round.status} round cannot be tabulated: close it first`,
            { status: round.status },
          );
        }
        const requestKey =
          trigger === 'close' ? closeRequestKey(round.updatedAt) : `retabulate-${randomUUID()}`;
        refusedKey = requestKey;
        const computedAt = new Date();
        const input = await readTabulationInput(manager, round);
        const output = tabulate(input);
        refusedKey = null;
        const tabulation = await this.store(manager, round, requestKey, computedAt, output);
        await manager
          .getRepository(RoundEntity)
          .update({ id: round.id }, { status: RoundStatus.TABULATED });
        await this.audit.append(withManager(ctx, manager), {
          eventId: round.eventId,
          action: 'round.tabulated',
          subjectType: 'Round',
          subjectId: round.id,
          detail: {
            from: round.status,
            to: RoundStatus.TABULATED,
            trigger,
            version: tabulation.version,
            hash: tabulation.hash,
            entries: tabulation.entryCount,
            complete: tabulation.completeCount,
            sheets: tabulation.sheetCount,
          },
        });
        return { kind: 'written', tabulation };
      });
    } catch (error) {
      if (isDuplicateKey(error, 'UQ_tabulations_round_request')) {
        return { kind: 'skipped', why: 'this close was already tabulated' };
      }
      if (error instanceof TabulationInputError) {
        if (trigger === 'close' && refusedKey) await this.recordRefusal(roundId, refusedKey, error);
        return { kind: 'refused', error };
      }
      throw error;
    }
  }

  private async store(
    manager: EntityManager,
    round: RoundEntity,
    requestKey: string,
    computedAt: Date,
    output: TabulationOutput,
  ): Promise<TabulationEntity> {
    const [{ latest }] = (await manager.query(
      'SELECT COALESCE(MAX(version), 0) AS latest FROM tabulations WHERE round_id = ?',
      [round.id],
    )) as { latest: number | string }[];
    const tabulations = manager.getRepository(TabulationEntity);
    const tabulation = tabulations.create({
      id: randomUUID(),
      roundId: round.id,
      version: Number(latest) + 1,
      requestKey,
      hash: output.hash,
      computedAt,
      entryCount: output.results.length,
      completeCount: output.results.filter((r) => r.complete).length,
      sheetCount: output.results.reduce((sum, r) => sum + r.sheetCount, 0),
    });
    await tabulations.insert(tabulation);
    await insertEntryResults(manager, tabulation.id, output.results);
    return tabulation;
  }

  /** Remembered outside the rolled-back transaction, so the sweep leaves this close alone. */
  private async recordRefusal(
    roundId: string,
    requestKey: string,
    error: TabulationInputError,
  ): Promise<void> {
    this.logger.error(
      `round ${roundId} cannot be tabulated (${error.reason}): ${error.message}; it stays CLOSED until its settings or data are corrected and it is retabulated or reopened`,
    );
    await this.dataSource.getRepository(TabulationFailureEntity).upsert(
      {
        roundId,
        requestKey,
        reason: error.reason,
        message: error.message.slice(0, 1000),
        failedAt: new Date(),
      },
      ['roundId', 'requestKey'],
    );
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { RequestCtx, withManager } from '@app/core';
import { isDuplicateKey } from '@app/db';
import { RoundsForResults, TabulationTrigger } from '@app/judging';
import { tabulate, TabulationInputError, TabulationOutput } from '@app/tabulation';
import { TabulationEntity, TabulationFailureEntity } from '../tabulations/tabulation.entity';
import { insertEntryResults } from './entry-results.writer';

export type { TabulationTrigger } from '@app/judging';

export type RunOutcome =
  | { kind: 'written'; tabulation: TabulationEntity }
  | { kind: 'skipped'; why: string }
  | { kind: 'refused'; error: TabulationInputError };

/**
 * The one idempotent way a tabulation is made, for the job and for `retabulate` alike: in one
 * transaction, lock the round row, read its entries and counted sheets (one snapshot), all
 * through judging's RoundsForResults, compute with the pure library, write version + 1 with
 * all its results, and have judging set the round TABULATED and append the audit record. A
 * close's job that comes twice, or two at once, finds the round no longer CLOSED behind the
 * lock; were the lock bypassed, the unique keys on (round, version) and (round, request key)
 * would still refuse a second version.
 */
@Injectable()
export class TabulationRunner {
  private readonly logger = new Logger(TabulationRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rounds: RoundsForResults,
  ) {}

  async run(ctx: RequestCtx, roundId: string, trigger: TabulationTrigger): Promise<RunOutcome> {
    let refusedKey: string | null = null;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const tx = withManager(ctx, manager);
        const locked = await this.rounds.lockForTabulation(tx, roundId, trigger);
        if (locked.kind === 'skipped') return locked;
        const { round } = locked;
        const requestKey =
          trigger === 'close' ? round.closeRequestKey : `retabulate-${randomUUID()}`;
        refusedKey = requestKey;
        const computedAt = new Date();
        const input = await this.rounds.tabulationInput(tx, round.id);
        const output = tabulate(input);
        refusedKey = null;
        const tabulation = await this.store(manager, round.id, requestKey, computedAt, output);
        await this.rounds.markTabulated(tx, round, trigger, {
          version: tabulation.version,
          hash: tabulation.hash,
          entries: tabulation.entryCount,
          complete: tabulation.completeCount,
          sheets: tabulation.sheetCount,
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
    roundId: string,
    requestKey: string,
    computedAt: Date,
    output: TabulationOutput,
  ): Promise<TabulationEntity> {
    const [{ latest }] = (await manager.query(
      'SELECT COALESCE(MAX(version), 0) AS latest FROM tabulations WHERE round_id = ?',
      [roundId],
    )) as { latest: number | string }[];
    const tabulations = manager.getRepository(TabulationEntity);
    const tabulation = tabulations.create({
      id: randomUUID(),
      roundId,
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

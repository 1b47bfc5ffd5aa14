import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  BadUserInput,
  CommonReason,
  Conflict,
  Forbidden,
  RequestCtx,
  withManager,
} from '@app/core';
import { isOrganiser } from '@app/identity';
import { RoundEntity, RoundService, RoundStatus, RoundsForResults } from '@app/judging';
import { TabulationInputError, WhatIfReport, whatIf } from '@app/tabulation';
import { ResultsReason } from '../results.errors';
import { TabulationReadService } from '../tabulations/tabulation-read.service';

/** Rounds whose sheets are final: the only ones a what-if is asked of. */
export const WHAT_IF_STATUSES: readonly RoundStatus[] = [RoundStatus.CLOSED, RoundStatus.TABULATED];

export interface RoundWhatIf {
  round: RoundEntity;
  /** The round's latest stored tabulation; null while its first job has not run. */
  tabulationVersion: number | null;
  /**
   * Whether the round's own method, recomputed on the input read now, gives the stored latest
   * tabulation's hash: false when none is stored yet or an entry was disqualified since (then
   * the what-if compares with what a retabulation would publish).
   */
  matchesStoredTabulation: boolean;
  report: WhatIfReport;
}

/**
 * The what-if of a closed round (issue 23): its results under each aggregation and under the
 * judge-bias model, side by side, from the pure `whatIf` over the round's real tabulation input
 * (judging's RoundsForResults, as the tabulation reads it). Read-only: one REPEATABLE READ
 * snapshot, nothing written, nothing stored or published changes.
 */
@Injectable()
export class RoundWhatIfService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rounds: RoundService,
    private readonly forResults: RoundsForResults,
    private readonly tabulations: TabulationReadService,
  ) {}

  async ofRound(ctx: RequestCtx, roundId: string): Promise<RoundWhatIf> {
    // Organisers only (FORBIDDEN), then the round (NOT_FOUND), then its state (CONFLICT).
    if (!isOrganiser(ctx.viewer)) {
      throw new Forbidden(
        CommonReason.ROLE_NOT_ALLOWED,
        'only organisers compare the results of a round',
      );
    }
    const { round, input, stored } = await this.dataSource.transaction(
      'REPEATABLE READ',
      async (manager) => {
        const tx = withManager(ctx, manager);
        // The first read fixes the snapshot; the input and the stored version are of that moment.
        const round = await this.rounds.mustGet(tx, roundId);
        if (!WHAT_IF_STATUSES.includes(round.status)) {
          throw new Conflict(
            ResultsReason.ROUND_NOT_CLOSED,
            `the round is ${round.status}: its sheets are not final until it is closed`,
            { status: round.status },
          );
        }
        const input = await this.forResults.tabulationInput(tx, roundId);
        const stored = await this.tabulations.latestOf(tx, roundId);
        return { round, input, stored };
      },
    );
    // Computed after the snapshot is let go: the work is CPU only.
    let report: WhatIfReport;
    try {
      report = whatIf(input);
    } catch (error) {
      if (error instanceof TabulationInputError) {
        throw new BadUserInput(error.reason, error.message);
      }
      throw error;
    }
    return {
      round,
      tabulationVersion: stored?.version ?? null,
      matchesStoredTabulation: stored !== null && stored.hash === report.ownHash,
      report,
    };
  }
}

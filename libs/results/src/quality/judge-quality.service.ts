import { ResultsReason } from '../results.errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadUserInput, RequestCtx, withManager } from '@app/core';
import {
  Cusp,
  PanelAgreement,
  TabulationInput,
  TabulationInputError,
  countedTotals,
  cuspEntries,
  defaultCuspMargin,
  iccOneK,
  judgeTotalStats,
} from '@app/tabulation';
import { RoundEntity, RoundsForResults } from '@app/judging';
import { RoundResultsService } from '../read/round-results.service';

export interface JudgeQualityRow {
  judgeId: string;
  /** the judge's panel in this round; null if the judge sits on none now */
  panelId: string | null;
  sheets: number;
  meanTotal: number;
  sdTotal: number;
}

export interface PanelQualityRow extends Omit<PanelAgreement, 'exact' | 'value'> {
  panelId: string;
  panelName: string;
  agreement: number | null;
}

export interface RoundQuality {
  roundId: string;
  /** the tabulation version the cusps are read from; null before the first */
  tabulationVersion: number | null;
  margin: number;
  judges: JudgeQualityRow[];
  panels: PanelQualityRow[];
  cusps: Cusp[];
}

/**
 * Judge quality figures of a round for organisers (issue 6), computed by the pure
 * `@app/tabulation` quality module:
 * - judges and panels from the counted sheets as they are now (§2), read in one snapshot;
 * - cusps from the round's latest stored tabulation, so they name what would be published.
 * A panel's entries are those its non-recused assignments hold (panels cover disjoint leaves,
 * so an entry has one panel).
 */
@Injectable()
export class JudgeQualityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly results: RoundResultsService,
    private readonly rounds: RoundsForResults,
  ) {}

  async ofRound(ctx: RequestCtx, roundId: string, margin?: number | null): Promise<RoundQuality> {
    // Organisers only, the round must exist (FORBIDDEN, then NOT_FOUND), as for roundResults.
    const latest = await this.results.latest(ctx, roundId);
    const { round } = latest;
    const chosenMargin = checkedMargin(margin ?? defaultCuspMargin(round.aggregation), round);

    const { input, panels, seats, assignments } = await this.dataSource.transaction(
      'REPEATABLE READ',
      (manager) => this.readRound(withManager(ctx, manager), round),
    );
    const codes = new Map(input.entries.map((e) => [e.id, e.code]));

    return guardInput(() => {
      const cusps = cuspEntries({
        aggregation: round.aggregation,
        awardTiers: input.round.awardTiers,
        advancement: input.round.advancement,
        margin: chosenMargin,
        results: latest.results.map((r) => ({ ...r, entryCode: codes.get(r.entryId) ?? '' })),
      });
      const totals = countedTotals({
        criteria: input.round.criteria,
        entries: input.entries,
        sheets: input.sheets,
      });
      const panelOfJudge = new Map(seats.map((s) => [s.judgeId, s.panelId]));
      const counted = new Set(
        input.entries
          .filter((e) => e.status !== 'DISQUALIFIED' && e.status !== 'WITHDRAWN')
          .map((e) => e.id),
      );
      return {
        roundId,
        tabulationVersion: latest.tabulation?.version ?? null,
        margin: chosenMargin,
        judges: judgeTotalStats(totals).map((s) => ({
          judgeId: s.judgeId,
          panelId: panelOfJudge.get(s.judgeId) ?? null,
          sheets: s.sheets,
          meanTotal: s.mean,
          sdTotal: s.sd,
        })),
        panels: panels.map((panel) => {
          const entryIds = new Set(
            assignments
              .filter((a) => a.panelId === panel.id && counted.has(a.entryId))
              .map((a) => a.entryId),
          );
          const {
            exact: _exact,
            value,
            ...figures
          } = iccOneK(totals, entryIds, round.judgesPerEntry);
          return { panelId: panel.id, panelName: panel.name, agreement: value, ...figures };
        }),
        cusps,
      };
    });
  }

  private async readRound(tx: RequestCtx, round: RoundEntity) {
    // The first read fixes the snapshot; the others see the same moment.
    const input: TabulationInput = await this.rounds.tabulationInput(tx, round.id);
    const { panels, seats, assignments } = await this.rounds.panelFacts(tx, round.id);
    return { input, panels, seats, assignments };
  }
}

/** A margin the pure module accepts (cuspEntries checks it even without results), before any read. */
function checkedMargin(margin: number, round: RoundEntity): number {
  try {
    cuspEntries({ aggregation: round.aggregation, results: [], margin });
  } catch (error) {
    if (error instanceof TabulationInputError)
      throw new BadUserInput(ResultsReason.INVALID_MARGIN, error.message);
    throw error;
  }
  return margin;
}

/** What the pure module refuses (data the tabulation would refuse too) as BAD_USER_INPUT. */
function guardInput<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof TabulationInputError) throw new BadUserInput(error.reason, error.message);
    throw error;
  }
}

import { ResultsReason } from '../results.errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadUserInput, RequestCtx, withManager } from '@app/core';
import {
  CountedTotals,
  Cusp,
  ICC_NAMES,
  IccModel,
  KendallW,
  PanelAgreementByDesign,
  TabulationInput,
  TabulationInputError,
  countedTotals,
  cuspEntries,
  defaultCuspMargin,
  judgeAgreement,
  judgeTotalStats,
  panelAgreement,
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
  /** entries the judge scored that another judge scored too (judgeAgreement) */
  coJudgedEntries: number;
  /** mean difference to the co-judges' mean on the same entries, exact 'p/q' and rounded */
  leniencyExact: string | null;
  leniency: number | null;
  /** Spearman's ρ with the co-judges' means */
  spearman: number | null;
}

/** One ICC with its names (ICC_NAMES), exact as 'p/q'. */
export interface AgreementFigureRow {
  /** ICC1K, ICC3K, … (the keys of ICC_NAMES, upper case) */
  method: string;
  name: string;
  mcGrawWong: string;
  exact: string | null;
  value: number | null;
}

export interface KendallRow {
  w: number | null;
  wExact: string | null;
  chiSquare: number | null;
  chiSquareExact: string | null;
  df: number;
  pValue: number | null;
  judges: number;
  entries: number;
}

/** The figures of panelAgreement, as the API gives them for a panel or the round. */
export interface AgreementRow {
  model: IccModel;
  k: number;
  entriesUsed: number;
  entriesLeftOut: number;
  headline: AgreementFigureRow;
  /** the figures of the model used: ICC(1,1) and ICC(1,k) one-way, all six two-way */
  icc: AgreementFigureRow[];
  kendall: KendallRow | null;
}

export interface PanelQualityRow extends AgreementRow {
  panelId: string;
  panelName: string;
  /** unchanged since issue 6: ICC1K, ICC(1,k), whatever the design */
  method: 'ICC1K';
  agreement: number | null;
}

export interface RoundQuality {
  roundId: string;
  /** the tabulation version the cusps are read from; null before the first */
  tabulationVersion: number | null;
  margin: number;
  judges: JudgeQualityRow[];
  panels: PanelQualityRow[];
  /** the round's entries together (one-way unless one crossed panel judged them all) */
  roundAgreement: AgreementRow;
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
      // Co-judges are whoever scored the same entry, whatever their panel (§11).
      const agreementOf = new Map(judgeAgreement(totals).map((a) => [a.judgeId, a]));
      return {
        roundId,
        tabulationVersion: latest.tabulation?.version ?? null,
        margin: chosenMargin,
        judges: judgeTotalStats(totals).map((s) => {
          const a = agreementOf.get(s.judgeId);
          return {
            judgeId: s.judgeId,
            panelId: panelOfJudge.get(s.judgeId) ?? null,
            sheets: s.sheets,
            meanTotal: s.mean,
            sdTotal: s.sd,
            coJudgedEntries: a?.entries ?? 0,
            leniencyExact: a?.leniencyExact?.toString() ?? null,
            leniency: a?.leniency ?? null,
            spearman: a?.spearman ?? null,
          };
        }),
        panels: panels.map((panel): PanelQualityRow => {
          const entryIds = new Set(
            assignments
              .filter((a) => a.panelId === panel.id && counted.has(a.entryId))
              .map((a) => a.entryId),
          );
          const figures = agreementRow(totals, entryIds, round.judgesPerEntry);
          return {
            panelId: panel.id,
            panelName: panel.name,
            method: 'ICC1K',
            // ICC(1,k) is the same figure whatever the model: it reads the rows unordered.
            agreement: figures.icc.find((f) => f.method === 'ICC1K')?.value ?? null,
            ...figures,
          };
        }),
        roundAgreement: agreementRow(totals, counted, round.judgesPerEntry),
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

const ONE_WAY_FIGURES = ['icc11', 'icc1k'] as const;
const TWO_WAY_FIGURES = ['icc11', 'icc1k', 'icc21', 'icc2k', 'icc31', 'icc3k'] as const;

/** panelAgreement's figures with their names, exact fractions as 'p/q'. */
function agreementRow(totals: CountedTotals, entryIds: Iterable<string>, k: number): AgreementRow {
  const a: PanelAgreementByDesign = panelAgreement(totals, entryIds, k);
  const keys = a.model === 'TWO_WAY' ? TWO_WAY_FIGURES : ONE_WAY_FIGURES;
  return {
    model: a.model,
    k: a.k,
    entriesUsed: a.entriesUsed,
    entriesLeftOut: a.entriesLeftOut,
    headline: {
      method: a.headline.method,
      name: a.headline.shroutFleiss,
      mcGrawWong: a.headline.mcGrawWong,
      exact: a.headline.exact?.toString() ?? null,
      value: a.headline.value,
    },
    icc: keys.map((key) => ({
      method: key.toUpperCase(),
      name: ICC_NAMES[key].shroutFleiss,
      mcGrawWong: ICC_NAMES[key].mcGrawWong,
      exact: a.icc[key].exact?.toString() ?? null,
      value: a.icc[key].value,
    })),
    kendall: a.kendall && kendallRow(a.kendall),
  };
}

function kendallRow(w: KendallW): KendallRow {
  return {
    w: w.value,
    wExact: w.exact?.toString() ?? null,
    chiSquare: w.chiSquare.value,
    chiSquareExact: w.chiSquare.exact?.toString() ?? null,
    df: w.df,
    pValue: w.pValue,
    judges: w.m,
    entries: w.n,
  };
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

import { Injectable } from '@nestjs/common';
import { RequestCtx } from '@app/core';
import { EntryQueryService } from '@app/entries';
import { RoundService } from '@app/judging';
import { WHAT_IF_METHODS } from '@app/tabulation';
import { Cell, ResultsTable } from '../export/results-export.service';
import { RoundWhatIfService } from './round-what-if.service';

/** Per method, the columns `<METHOD>.<column>`, in this order. */
const METHOD_COLUMNS = [
  'rank',
  'score',
  'scoreExact',
  'award',
  'advanced',
  'tierShift',
  'rankShift',
];

/**
 * The what-if as a table for the CSV export (docs/http.md): every entry of the round in its own
 * result order (§7), whether its award and advancement depend on the method, then each method's
 * outcome. Read-only, as roundWhatIf.
 */
@Injectable()
export class RoundWhatIfExportService {
  constructor(
    private readonly whatIf: RoundWhatIfService,
    private readonly entries: EntryQueryService,
    private readonly rounds: RoundService,
  ) {}

  async table(ctx: RequestCtx, roundId: string): Promise<ResultsTable> {
    const { round, report } = await this.whatIf.ofRound(ctx, roundId);
    const [entries, tiers] = await Promise.all([
      this.entries.byIds(
        ctx,
        report.entries.map((e) => e.entryId),
      ),
      this.rounds.tiersOf(ctx, [roundId]),
    ]);
    const title = new Map(entries.map((e) => [e.id, e.title]));
    const tierName = new Map(tiers.map((t) => [t.key, t.name]));
    const header = [
      'scope',
      'entryCode',
      'title',
      'sheetCount',
      'complete',
      'ownMethod',
      'awardDependsOnMethod',
      'advancementDependsOnMethod',
      ...WHAT_IF_METHODS.flatMap((m) => METHOD_COLUMNS.map((c) => `${m}.${c}`)),
    ];
    const rows = report.entries.map((e): Cell[] => [
      e.scopeKey,
      e.entryCode,
      title.get(e.entryId) ?? null,
      e.sheetCount,
      e.complete,
      report.aggregation,
      e.awardDependsOnMethod,
      e.advancementDependsOnMethod,
      ...e.outcomes.flatMap((o): Cell[] => [
        o.rank,
        o.score,
        o.scoreExact,
        o.award ? (tierName.get(o.award) ?? o.award) : null,
        o.advanced,
        o.tierShift,
        o.rankShift,
      ]),
    ]);
    return { baseName: `round-${round.sequence}-what-if`, header, rows };
  }
}

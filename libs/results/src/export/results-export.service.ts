import { ResultsReason } from '../results.errors';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { Conflict, RequestCtx } from '@app/core';
import { EntryQueryService } from '@app/entries';
import { CategoryService } from '@app/events';
import { EntrantService } from '@app/identity';
import { RoundResultsService } from '../read/round-results.service';

export type Cell = string | number | boolean | null;

export interface ResultsTable {
  /** a file name without extension, ASCII only */
  baseName: string;
  header: string[];
  rows: Cell[][];
}

const HEADER = [
  'scope',
  'rank',
  'entryCode',
  'title',
  'entrant',
  'category',
  'sheetCount',
  'complete',
  'score',
  'scoreExact',
  'award',
  'advanced',
];

/**
 * The exports of docs/http.md: every entry of the round's latest tabulation, in rank order per
 * scope (§7's order), as CSV (UTF-8 with a BOM, so Excel reads Chinese text right) or XLSX.
 */
@Injectable()
export class ResultsExportService {
  constructor(
    private readonly results: RoundResultsService,
    private readonly entries: EntryQueryService,
    private readonly entrants: EntrantService,
    private readonly categories: CategoryService,
  ) {}

  async table(ctx: RequestCtx, roundId: string): Promise<ResultsTable> {
    const { round, tabulation, results, tiers } = await this.results.latest(ctx, roundId);
    if (!tabulation) {
      throw new Conflict(
        ResultsReason.NOT_TABULATED,
        'the round has no tabulation yet: close it first',
      );
    }
    const entries = new Map(
      (
        await this.entries.byIds(
          ctx,
          results.map((r) => r.entryId),
        )
      ).map((e) => [e.id, e]),
    );
    const unique = (ids: string[]) => [...new Set(ids)];
    const [entrants, categories] = await Promise.all([
      this.entrants.byIds(ctx, unique([...entries.values()].map((e) => e.entrantId))),
      this.categories.byIds(ctx, unique([...entries.values()].map((e) => e.categoryId))),
    ]);
    const entrantName = new Map(entrants.map((e) => [e.id, e.name]));
    const categoryName = new Map(categories.map((c) => [c.id, `${c.code} ${c.name}`]));
    const rows = results.map((r): Cell[] => {
      const entry = entries.get(r.entryId);
      return [
        r.scopeKey,
        r.rank,
        entry?.code ?? null,
        entry?.title ?? null,
        entry ? (entrantName.get(entry.entrantId) ?? null) : null,
        entry ? (categoryName.get(entry.categoryId) ?? null) : null,
        r.sheetCount,
        r.complete,
        r.score,
        r.scoreExact,
        r.award ? (tiers.get(r.award)?.name ?? r.award) : null,
        r.advanced,
      ];
    });
    return {
      baseName: `round-${round.sequence}-results-v${tabulation.version}`,
      header: HEADER,
      rows,
    };
  }

  csv(table: ResultsTable): Buffer {
    const lines = [table.header, ...table.rows].map((row) => row.map(csvCell).join(','));
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  }

  async xlsx(table: ResultsTable): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('results');
    sheet.addRow(table.header);
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((cell) => (cell === null ? '' : cell)));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}

/**
 * RFC 4180 quoting; a text cell that a spreadsheet would read as a formula (=, +, -, @, tab,
 * CR) is prefixed with ' so an entrant's title cannot run in an organiser's Excel.
 */
export function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell !== 'string') return String(cell);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadUserInput, Forbidden, RequestCtx } from '@app/core';
import { inTransaction } from '@app/db';
import { CategoryService, EventService } from '@app/events';
import { EntrantService, isOrganiser } from '@app/identity';
import { EntriesReason } from '../entries.errors';
import { EntryBatchService } from '../entry/entry-batch.service';
import {
  buildTemplateCsv,
  buildTemplateXlsx,
  columnLabel,
  ColumnMap,
  CSV_CONTENT_TYPE,
  ImportFileError,
  ImportRow,
  ImportSheetStream,
  interpretRow,
  markDuplicateRows,
  mapColumns,
  openImportFile,
  XLSX_CONTENT_TYPE,
} from '.';

/**
 * The largest import file taken. It is held whole while it is read (a ZIP's directory is at
 * its end), but what it unpacks to is streamed and bounded (import-limits.ts).
 */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** How far an import has got, for a caller that shows it while the request runs. */
export interface ImportProgress {
  /** reading and checking rows; resolving entrants and categories and storing; finished */
  phase: 'READING' | 'STORING' | 'DONE';
  /** data rows read and checked so far */
  rowsRead: number;
}

/** Progress is reported every this many rows read (and at each change of phase). */
const PROGRESS_EVERY = 500;

export interface ImportRowReport {
  row: number;
  ok: boolean;
  problems: Array<{ column: string; reason: string; message: string }>;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  imported: number;
  entryIds: string[];
  report: ImportRowReport[];
}

/**
 * The bulk import: a file with any bad row imports nothing, and the report lists every row's
 * problems at once, so the organiser fixes the file and sends it again (a partial import
 * leaves them working out which rows are in). A dry run checks without storing.
 */
@Injectable()
export class EntryImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventService,
    private readonly categories: CategoryService,
    private readonly entrants: EntrantService,
    private readonly entries: EntryBatchService,
  ) {}

  async import(
    ctx: RequestCtx,
    eventId: string,
    file: { bytes: Buffer; fileName: string },
    options: { dryRun: boolean; progress?: (progress: ImportProgress) => void },
    now = new Date(),
  ): Promise<ImportReport> {
    if (!isOrganiser(ctx.viewer))
      throw new Forbidden(EntriesReason.NOT_YOUR_ENTRY, 'only organisers import entries');
    await this.events.mustGet(ctx, eventId);
    const progress = options.progress ?? (() => undefined);

    const sheet = await asBadUserInput(() => openImportFile(file.bytes, file.fileName));
    const columns = mapColumns(sheet.headers);
    if (columns.problems.length > 0) {
      await sheet.close();
      throw new BadUserInput(
        EntriesReason.INVALID_COLUMNS,
        'the header row does not match the template',
        {
          problems: columns.problems,
        },
      );
    }
    progress({ phase: 'READING', rowsRead: 0 });
    const rows = await asBadUserInput(() =>
      interpretStream(sheet, columns.map, now.getUTCFullYear(), (rowsRead) =>
        progress({ phase: 'READING', rowsRead }),
      ),
    );
    markDuplicateRows(rows, columns.map);
    progress({ phase: 'STORING', rowsRead: rows.length });

    const report = await inTransaction(this.dataSource, ctx, async (tx) => {
      // The event's lock first, so every read below sees what earlier writers committed.
      await this.events.lock(tx, eventId);
      const [entrantIds, categoryIds] = await Promise.all([
        this.resolveEntrants(tx, rows, columns.map),
        this.resolveCategories(tx, eventId, rows, columns.map),
      ]);
      const ready = rows
        .map((row, index) => ({ row, index }))
        .filter(
          ({ row, index }) =>
            row.problems.length === 0 && entrantIds[index] && categoryIds[index] && row.fields,
        );
      const allReady = ready.length === rows.length;
      const outcome = await this.entries.createMany(
        tx,
        eventId,
        ready.map(({ row, index }) => ({
          entrantId: entrantIds[index]!,
          categoryId: categoryIds[index]!,
          fields: row.fields!,
        })),
        { dryRun: options.dryRun || !allReady },
      );
      ready.forEach(({ row }, i) => {
        for (const problem of outcome.problems.get(i) ?? []) {
          row.problems.push({
            column: problem.field === 'entrantId' ? 'entrant' : 'categoryCode',
            reason: problem.reason,
            message: problem.message,
          });
        }
      });
      const report = rows.map((row) => ({
        row: row.rowNumber,
        ok: row.problems.length === 0,
        problems: row.problems,
      }));
      const bad = report.filter((r) => !r.ok).length;
      if (bad > 0) {
        throw new BadUserInput(
          EntriesReason.IMPORT_HAS_ERRORS,
          `${bad} of ${rows.length} rows have problems; nothing was imported`,
          {
            rows: rows.length,
            report,
          },
        );
      }
      return {
        dryRun: options.dryRun,
        rows: rows.length,
        imported: outcome.ids.length,
        entryIds: outcome.ids,
        report,
      };
    });
    progress({ phase: 'DONE', rowsRead: rows.length });
    return report;
  }

  /** Each row's entrant: by credit code, else by exact name (which must name exactly one). */
  private async resolveEntrants(
    ctx: RequestCtx,
    rows: ImportRow[],
    map: ColumnMap,
  ): Promise<Array<string | null>> {
    const codes = [
      ...new Set(rows.map((r) => r.entrant.creditCode).filter((c): c is string => !!c)),
    ];
    const names = [
      ...new Set(
        rows
          .filter((r) => !r.entrant.creditCode)
          .map((r) => r.entrant.name)
          .filter((n): n is string => !!n),
      ),
    ];
    const [byCode, byName] = await Promise.all([
      this.entrants.byCreditCodes(ctx, codes),
      this.entrants.byNames(ctx, names),
    ]);
    const codeMap = new Map(byCode.map((e) => [e.creditCode, e.id]));
    return rows.map((row) => {
      if (row.entrant.creditCode) {
        const id = codeMap.get(row.entrant.creditCode);
        if (!id)
          row.problems.push({
            column: columnLabel(map, 'creditCode'),
            reason: EntriesReason.ENTRANT_NOT_FOUND,
            message: `no entrant is registered with credit code ${row.entrant.creditCode}`,
          });
        return id ?? null;
      }
      if (!row.entrant.name) return null;
      const matches = byName.filter((e) => e.name === row.entrant.name);
      if (matches.length === 1) return matches[0].id;
      row.problems.push(
        matches.length === 0
          ? {
              column: columnLabel(map, 'entrantName'),
              reason: EntriesReason.ENTRANT_NOT_FOUND,
              message: `no entrant is registered as ${row.entrant.name}`,
            }
          : {
              column: columnLabel(map, 'entrantName'),
              reason: 'AMBIGUOUS_ENTRANT',
              message: `${matches.length} entrants are called ${row.entrant.name}; give the credit code`,
            },
      );
      return null;
    });
  }

  private async resolveCategories(
    ctx: RequestCtx,
    eventId: string,
    rows: ImportRow[],
    map: ColumnMap,
  ): Promise<Array<string | null>> {
    const categories = await this.categories.ofEvents(ctx, [eventId]);
    const byCode = new Map(categories.map((c) => [c.code, c.id]));
    return rows.map((row) => {
      if (!row.categoryCode) return null;
      const id = byCode.get(row.categoryCode);
      if (!id)
        row.problems.push({
          column: columnLabel(map, 'categoryCode'),
          reason: 'CATEGORY_NOT_FOUND',
          message: `this event has no category ${row.categoryCode}`,
        });
      return id ?? null;
    });
  }
}

/** A file-level refusal of the pure reader, as the request's BAD_USER_INPUT. */
async function asBadUserInput<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ImportFileError) throw new BadUserInput(error.reason, error.message);
    throw error;
  }
}

/**
 * Each row checked as it is read, so only its interpretation is kept (never the sheet, nor a
 * row's raw cells past their row).
 */
async function interpretStream(
  sheet: ImportSheetStream,
  columns: ColumnMap,
  currentYear: number,
  read: (rows: number) => void,
): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  for await (const row of sheet.rows) {
    rows.push(interpretRow(row, columns, currentYear));
    if (rows.length % PROGRESS_EVERY === 0) read(rows.length);
  }
  return rows;
}

/** The import template of an event, as XLSX (with its leaf categories) or CSV. */
export async function importTemplate(
  format: 'xlsx' | 'csv',
  event: { slug: string; name: string },
  categories: ReadonlyArray<{ id: string; code: string; name: string; parentId: string | null }>,
): Promise<{ bytes: Buffer; contentType: string; fileName: string }> {
  if (format === 'csv') {
    return {
      bytes: buildTemplateCsv(),
      contentType: CSV_CONTENT_TYPE,
      fileName: `${event.slug}-entries.csv`,
    };
  }
  const codeOf = new Map(categories.map((c) => [c.id, c.code]));
  const parents = new Set(categories.map((c) => c.parentId));
  const bytes = await buildTemplateXlsx(
    categories.map((c) => ({
      code: c.code,
      name: c.name,
      parentCode: c.parentId ? (codeOf.get(c.parentId) ?? null) : null,
      leaf: !parents.has(c.id),
    })),
    event.name,
  );
  return { bytes, contentType: XLSX_CONTENT_TYPE, fileName: `${event.slug}-entries.xlsx` };
}

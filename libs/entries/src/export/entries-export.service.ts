import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { RequestCtx } from '@app/core';
import { CategoryService, EventService } from '@app/events';
import { EntrantService, RegionService } from '@app/identity';
import { EntryQueryService } from '../entry/entry-query.service';
import { ENTRY_COLUMNS, entryFromRow, EntryRow } from '../entry/entry-rows';
import { EntryEntity } from '../entry/entry.entity';
import { ImageStatus } from '../image/image-status';
import { ENTRY_EXPORT_COLUMNS, entryExportRow, EntryNames } from './entries-workbook';

/** Entries read and written a batch at a time: memory stays flat for 12,000 entries. */
const BATCH = 500;

export interface EntriesExport {
  /** ASCII, for Content-Disposition */
  fileName: string;
  /** Streams the workbook into `out` and ends it. */
  writeTo(out: Writable): Promise<void>;
}

/**
 * An event's entries as an Excel workbook (docs/http.md): a coordinator's are those of its own
 * region (EntryQueryService.regionScope, the one rule of who reads which region), an
 * organiser's every region's or the one it names. Everything that can refuse is checked before
 * the first byte, so a refusal is a proper error answer; the rows then stream out in batches.
 */
@Injectable()
export class EntriesExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: EntryQueryService,
    private readonly events: EventService,
    private readonly categories: CategoryService,
    private readonly entrants: EntrantService,
    private readonly regions: RegionService,
  ) {}

  async prepare(
    ctx: RequestCtx,
    eventId: string,
    askedRegion: string | null,
  ): Promise<EntriesExport> {
    const region = this.queries.regionScope(ctx, askedRegion);
    const event = await this.events.mustGet(ctx, eventId);
    if (askedRegion) await this.regions.assertExists(ctx, askedRegion, 'regionCode');
    const categories = await this.categories.ofEvents(ctx, [eventId]);
    const category = new Map(categories.map((c) => [c.id, `${c.code} ${c.name}`]));
    return {
      fileName: `${event.slug}-entries.xlsx`,
      writeTo: (out) => this.write(ctx, eventId, region, category, out),
    };
  }

  private async write(
    ctx: RequestCtx,
    eventId: string,
    region: string | null,
    category: ReadonlyMap<string, string>,
    out: Writable,
  ): Promise<void> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet('entries', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = ENTRY_EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    const regionName = new Map<string, string>();
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const batch = await this.batch(ctx, eventId, region, after);
      if (batch.length === 0) break;
      const names = await this.namesOf(ctx, batch, category, regionName);
      for (const entry of batch) sheet.addRow(entryExportRow(entry, names)).commit();
      const last = batch[batch.length - 1];
      after = { at: last.createdAt, id: last.id };
      if (batch.length < BATCH) break;
    }
    sheet.commit();
    await workbook.commit();
  }

  /** The next entries in filing order (created_at, id), after the last one written. */
  private async batch(
    ctx: RequestCtx,
    eventId: string,
    region: string | null,
    after: { at: Date; id: string } | null,
  ): Promise<EntryEntity[]> {
    const clauses = ['e.event_id = ?'];
    const params: unknown[] = [eventId];
    if (region) {
      clauses.push('e.region_code = ?');
      params.push(region);
    }
    if (after) {
      clauses.push('e.created_at >= ? AND (e.created_at > ? OR e.id > ?)');
      params.push(after.at, after.at, after.id);
    }
    const rows: EntryRow[] = await (ctx.manager ?? this.dataSource.manager).query(
      `SELECT ${ENTRY_COLUMNS} FROM entries e WHERE ${clauses.join(' AND ')}
        ORDER BY e.created_at ASC, e.id ASC LIMIT ${BATCH}`,
      params,
    );
    return rows.map(entryFromRow);
  }

  /** The names a batch's rows show; regions are few and kept across batches. */
  private async namesOf(
    ctx: RequestCtx,
    batch: readonly EntryEntity[],
    category: ReadonlyMap<string, string>,
    regionName: Map<string, string>,
  ): Promise<EntryNames> {
    const unique = (ids: string[]) => [...new Set(ids)];
    const newRegions = unique(batch.map((e) => e.regionCode)).filter((c) => !regionName.has(c));
    const [entrants, regions, photos] = await Promise.all([
      this.entrants.byIds(ctx, unique(batch.map((e) => e.entrantId))),
      this.regions.byCodes(ctx, newRegions),
      this.photoCounts(
        ctx,
        batch.map((e) => e.id),
      ),
    ]);
    for (const r of regions) regionName.set(r.code, r.name);
    return {
      entrant: new Map(entrants.map((e) => [e.id, e.name])),
      region: regionName,
      category,
      photos,
    };
  }

  /** The photos each entry has that are not FAILED (those the entrant must still replace). */
  private async photoCounts(
    ctx: RequestCtx,
    entryIds: readonly string[],
  ): Promise<Map<string, number>> {
    const rows: Array<{ entry_id: string; n: string | number }> = await (
      ctx.manager ?? this.dataSource.manager
    ).query(
      `SELECT entry_id, COUNT(*) AS n FROM images
        WHERE entry_id IN (${entryIds.map(() => '?').join(', ')}) AND status <> ?
        GROUP BY entry_id`,
      [...entryIds, ImageStatus.FAILED],
    );
    return new Map(rows.map((r) => [r.entry_id, Number(r.n)]));
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestCtx } from '@app/core';
import { CategoryService } from '@app/events';
import { EntrantService, RegionService } from '@app/identity';
import { EntryStatus } from './entry-status';

/**
 * What judging's tabulation and the publication need to know of an entry: plain facts, read
 * inside the caller's transaction (so they share its snapshot), no entity.
 */
export interface EntryFacts {
  id: string;
  eventId: string;
  entrantId: string;
  /** null until the entry is accepted */
  code: string | null;
  status: EntryStatus;
  categoryId: string;
  /** '' when the category is gone (it cannot be: a foreign key keeps it) */
  categoryCode: string;
  /** the code of the top-level category above the entry's own; null when its own is top-level */
  topCategoryCode: string | null;
}

/** What a tabulation needs of an entry (its own fields only: 12,000 of them at a time). */
export type EntryScoringFacts = Pick<
  EntryFacts,
  'id' | 'code' | 'status' | 'categoryCode' | 'topCategoryCode'
>;

/** The facts with the names a publication copies (as they are now). */
export interface NamedEntryFacts extends EntryFacts {
  title: string;
  entrantName: string;
  regionName: string;
  categoryName: string;
}

interface EntryFactsRow {
  id: string;
  event_id: string;
  entrant_id: string;
  code: string | null;
  status: EntryStatus;
  category_id: string;
  region_code: string;
  title: string;
}

interface CategoryFacts {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  topCode: string | null;
}

/** Ids per statement: a round's 12,000 entries in a handful of statements. */
const IDS_PER_READ = 2_000;

/**
 * "The facts of these entries", for the libraries above entries (judging's tabulation input,
 * the publication's items, objections, certificates): entries reads its own table; the
 * categories come from events and the entrants' and regions' names from identity, each through
 * its service, one statement per domain, all in the caller's manager.
 */
@Injectable()
export class EntryFactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly categories: CategoryService,
    private readonly entrants: EntrantService,
    private readonly regions: RegionService,
  ) {}

  /**
   * The facts of every entry of an event: one statement for the entries and one for the
   * categories, side by side. A round's tabulation takes this and keeps its own entries: for a
   * first round of 12,000 that is cheaper than asking for them by id in batches.
   */
  async factsOfEvent(ctx: RequestCtx, eventId: string): Promise<EntryScoringFacts[]> {
    const manager = ctx.manager ?? this.dataSource.manager;
    const [rows, categories] = await Promise.all([
      manager.query('SELECT id, code, status, category_id FROM entries WHERE event_id = ?', [
        eventId,
      ]) as Promise<Pick<EntryFactsRow, 'id' | 'code' | 'status' | 'category_id'>[]>,
      this.categoriesOf(ctx, [eventId]),
    ]);
    return rows.map((row) => {
      const category = categories.get(row.category_id);
      return {
        id: row.id,
        code: row.code,
        status: row.status,
        categoryCode: category?.code ?? '',
        topCategoryCode: category?.topCode ?? null,
      };
    });
  }

  /** The facts with the names a publication copies, by entry id. */
  async namedFactsOf(
    ctx: RequestCtx,
    ids: readonly string[],
  ): Promise<Map<string, NamedEntryFacts>> {
    const rows = await this.rowsOf(ctx, ids);
    const categories = await this.categoriesOf(ctx, eventsOf(rows));
    const [entrants, regions] = await Promise.all([
      this.entrants.byIds(ctx, [...new Set(rows.map((r) => r.entrant_id))]),
      this.regions.byCodes(ctx, [...new Set(rows.map((r) => r.region_code))]),
    ]);
    const entrantName = new Map(entrants.map((e) => [e.id, e.name]));
    const regionName = new Map(regions.map((r) => [r.code, r.name]));
    const named = new Map<string, NamedEntryFacts>();
    for (const row of rows) {
      const entrant = entrantName.get(row.entrant_id);
      const region = regionName.get(row.region_code);
      const category = categories.get(row.category_id);
      // As the foreign keys have it, every entry has all three.
      if (entrant === undefined || region === undefined || !category) continue;
      named.set(row.id, {
        ...factsOf(row, categories),
        title: row.title,
        entrantName: entrant,
        regionName: region,
        categoryName: category.name,
      });
    }
    return named;
  }

  /** The id of the event's entry with this code, or null. */
  async idByCode(ctx: RequestCtx, eventId: string, code: string): Promise<string | null> {
    const rows = (await (ctx.manager ?? this.dataSource.manager).query(
      'SELECT id FROM entries WHERE event_id = ? AND code = ? LIMIT 1',
      [eventId, code],
    )) as Array<{ id: string }>;
    return rows[0]?.id ?? null;
  }

  /**
   * How many of the entrant's entries are SUBMITTED or ACCEPTED, in the caller's transaction:
   * identity's port (ENTRANT_ENTRIES) asks it before an organiser releases the entrant's credit
   * code (the entries being screened, judged or awarded are settled first).
   */
  async entriesInPlay(ctx: RequestCtx, entrantId: string): Promise<number> {
    const rows = (await (ctx.manager ?? this.dataSource.manager).query(
      'SELECT COUNT(*) AS n FROM entries WHERE entrant_id = ? AND status IN (?)',
      [entrantId, [EntryStatus.SUBMITTED, EntryStatus.ACCEPTED]],
    )) as Array<{ n: number | string }>;
    return Number(rows[0]?.n ?? 0);
  }

  /** Which of these entries the entrant filed (one statement). */
  async filedBy(
    ctx: RequestCtx,
    entrantId: string,
    entryIds: readonly string[],
  ): Promise<Set<string>> {
    if (entryIds.length === 0) return new Set();
    const rows = (await (ctx.manager ?? this.dataSource.manager).query(
      'SELECT id FROM entries WHERE entrant_id = ? AND id IN (?)',
      [entrantId, [...new Set(entryIds)]],
    )) as Array<{ id: string }>;
    return new Set(rows.map((r) => r.id));
  }

  /** The THUMB rendition key of each entry's first ready photo (one statement). */
  async thumbnailKeys(ctx: RequestCtx, entryIds: readonly string[]): Promise<Map<string, string>> {
    const keys = new Map<string, string>();
    if (entryIds.length === 0) return keys;
    const rows = (await (ctx.manager ?? this.dataSource.manager).query(
      `SELECT i.entry_id AS entryId, r.url_key AS urlKey
         FROM images i
         JOIN image_renditions r ON r.image_id = i.id AND r.size = 'THUMB'
        WHERE i.entry_id IN (?) AND i.status = 'READY'
        ORDER BY i.entry_id, i.position`,
      [[...new Set(entryIds)]],
    )) as Array<{ entryId: string; urlKey: string }>;
    for (const row of rows) if (!keys.has(row.entryId)) keys.set(row.entryId, row.urlKey);
    return keys;
  }

  private async rowsOf(ctx: RequestCtx, ids: readonly string[]): Promise<EntryFactsRow[]> {
    const manager = ctx.manager ?? this.dataSource.manager;
    const unique = [...new Set(ids)];
    const byId = new Map<string, EntryFactsRow>();
    for (let start = 0; start < unique.length; start += IDS_PER_READ) {
      const rows = (await manager.query(
        `SELECT id, event_id, entrant_id, code, status, category_id, region_code, title
           FROM entries WHERE id IN (?)`,
        [unique.slice(start, start + IDS_PER_READ)],
      )) as EntryFactsRow[];
      for (const row of rows) byId.set(row.id, row);
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Every category of the events (an entry's top-level category is among them). */
  private async categoriesOf(
    ctx: RequestCtx,
    eventIds: readonly string[],
  ): Promise<Map<string, CategoryFacts>> {
    const categories = await this.categories.ofEvents(ctx, eventIds);
    const byId = new Map<string, CategoryFacts>(
      categories.map((c) => [
        c.id,
        { id: c.id, code: c.code, name: c.name, parentId: c.parentId, topCode: null },
      ]),
    );
    for (const category of byId.values()) category.topCode = topCategoryCode(category.id, byId);
    return byId;
  }
}

function eventsOf(rows: readonly EntryFactsRow[]): string[] {
  return [...new Set(rows.map((r) => r.event_id))];
}

function factsOf(row: EntryFactsRow, categories: ReadonlyMap<string, CategoryFacts>): EntryFacts {
  return {
    id: row.id,
    eventId: row.event_id,
    entrantId: row.entrant_id,
    code: row.code,
    status: row.status,
    categoryId: row.category_id,
    categoryCode: categories.get(row.category_id)?.code ?? '',
    topCategoryCode: categories.get(row.category_id)?.topCode ?? null,
  };
}

/** The code of the root above a category, or null when the category is a root itself. */
function topCategoryCode(
  id: string,
  categories: ReadonlyMap<string, CategoryFacts>,
): string | null {
  let category = categories.get(id);
  const seen = new Set<string>();
  while (category?.parentId && !seen.has(category.id)) {
    seen.add(category.id);
    category = categories.get(category.parentId);
  }
  return category && category.id !== id ? category.code : null;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { BadUserInput, Forbidden, RequestCtx, Role } from '@app/core';
import { containsPattern, repo } from '@app/db';
import { CategoryService, EventService } from '@app/events';
import { EntrantService, isOrganiser } from '@app/identity';
import { EntriesReason } from '../entries.errors';
import { EntryStatus } from './entry-status';
import { ENTRY_COLUMNS, entryFromRow, EntryRow } from './entry-rows';
import { EntryEntity } from './entry.entity';
import { entryScopeOf } from './entry-access';
import {
  afterCursorSql,
  decodeSortCursor,
  encodeSortCursor,
  EntrySort,
  isFilingOrder,
  orderBySql,
} from './entry-sort';

export const PAGE_SIZE = { default: 20, max: 100 } as const;

export interface EntryFilter {
  status?: EntryStatus | null;
  categoryId?: string | null;
  regionCode?: string | null;
  /** part of a title, a creator's or the entrant's name, or an exhibit code */
  search?: string | null;
}

export interface EntryPage {
  rows: EntryEntity[];
  /** null when the caller did not ask for it */
  totalCount: number | null;
  hasNextPage: boolean;
}

export interface EntrySummaryRow {
  categoryId: string;
  status: EntryStatus;
  count: number;
}

/** Reading entries: pages and counts (who sees one entry, and how: EntryVisibilityService). */
@Injectable()
export class EntryQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventService,
    private readonly categories: CategoryService,
    private readonly entrants: EntrantService,
  ) {}

  async byIds(ctx: RequestCtx, ids: readonly string[]): Promise<EntryEntity[]> {
    if (ids.length === 0) return [];
    return repo(this.dataSource, ctx, EntryEntity).findBy({ id: In([...ids]) });
  }

  /** The signed-in entrant's entries in an event, oldest first. */
  async mine(ctx: RequestCtx, eventId: string): Promise<EntryEntity[]> {
    const entrantId = ctx.viewer?.entrantId;
    if (ctx.viewer?.role !== Role.ENTRANT || !entrantId) return [];
    return repo(this.dataSource, ctx, EntryEntity).find({
      where: { eventId, entrantId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * A page of an event's entries in the order they were filed (created_at, id), or in `sort`'s
   * (entry-sort.ts): keyset pagination, so entries added meanwhile land after the cursor and
   * nothing repeats or is skipped. Organisers see all; a coordinator its region; an entrant
   * its own.
   */
  async page(
    ctx: RequestCtx,
    eventId: string,
    filter: EntryFilter,
    first: number | null,
    after: string | null,
    options: { withCount: boolean; sort?: EntrySort | null } = { withCount: true },
  ): Promise<EntryPage> {
    const size = first ?? PAGE_SIZE.default;
    if (!Number.isInteger(size) || size < 1 || size > PAGE_SIZE.max) {
      throw new BadUserInput(
        EntriesReason.INVALID_PAGE_SIZE,
        `first must be from 1 to ${PAGE_SIZE.max}`,
      );
    }
    const sort = isFilingOrder(options.sort) ? null : options.sort!;
    const where = await this.whereOf(ctx, eventId, filter);
    const page = { sql: where.sql, params: [...where.params] };
    let orderBy = 'e.created_at ASC, e.id ASC';
    if (sort) {
      orderBy = orderBySql(sort);
      if (after) {
        const keyset = afterCursorSql(sort, decodeSortCursor(after));
        page.sql += ` AND ${keyset.sql}`;
        page.params.push(...keyset.params);
      }
    } else if (after) {
      const cursor = decodeCursor(after);
      // `>=` first gives the optimiser a range on (event_id, created_at); the rest breaks ties.
      page.sql += ' AND e.created_at >= ? AND (e.created_at > ? OR e.id > ?)';
      page.params.push(cursor.at, cursor.at, cursor.id);
    }
    const run = <T>(sql: string, params: unknown[]): Promise<T[]> =>
      (ctx.manager ?? this.dataSource.manager).query(sql, params);
    // An organiser sees every event, so rows prove the event exists and it is looked up only
    // for an empty page; for anyone else it is checked beside the page (NOT_FOUND for an event
    // this viewer may not see). The count only when asked for: it scans every match.
    const organiser = isOrganiser(ctx.viewer);
    const [rows, count] = await Promise.all([
      run<EntryRow>(
        `SELECT ${ENTRY_COLUMNS} FROM entries e WHERE ${page.sql} ORDER BY ${orderBy} LIMIT ${size + 1}`,
        page.params,
      ),
      options.withCount
        ? run<{ n: string }>(`SELECT COUNT(*) AS n FROM entries e WHERE ${where.sql}`, where.params)
        : Promise.resolve(null),
      organiser ? Promise.resolve(null) : this.events.mustGet(ctx, eventId),
    ]);
    if (organiser && rows.length === 0) await this.events.mustGet(ctx, eventId);
    return {
      rows: rows.slice(0, size).map(entryFromRow),
      totalCount: count ? Number(count[0].n) : null,
      hasNextPage: rows.length > size,
    };
  }

  /**
   * The ACCEPTED entries of an event, as judging needs them (who may judge what): id, leaf
   * category and entrant only, in one statement for all 12,000.
   */
  async acceptedOf(
    ctx: RequestCtx,
    eventId: string,
  ): Promise<Array<{ id: string; categoryId: string; entrantId: string }>> {
    const rows: Array<{ id: string; category_id: string; entrant_id: string }> = await (
      ctx.manager ?? this.dataSource.manager
    ).query(
      'SELECT id, category_id, entrant_id FROM entries WHERE event_id = ? AND status = ? ORDER BY id',
      [eventId, EntryStatus.ACCEPTED],
    );
    return rows.map((row) => ({
      id: row.id,
      categoryId: row.category_id,
      entrantId: row.entrant_id,
    }));
  }

  /** Counts by category and status, for a region (a coordinator's own) or the whole event. */
  async summary(
    ctx: RequestCtx,
    eventId: string,
    regionCode: string | null,
  ): Promise<EntrySummaryRow[]> {
    await this.events.mustGet(ctx, eventId);
    const region = this.regionScope(ctx, regionCode);
    const qb = repo(this.dataSource, ctx, EntryEntity)
      .createQueryBuilder('e')
      .select('e.categoryId', 'categoryId')
      .addSelect('e.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .where('e.eventId = :eventId', { eventId })
      .groupBy('e.categoryId')
      .addGroupBy('e.status');
    if (region) qb.andWhere('e.regionCode = :region', { region });
    const rows = await qb.getRawMany<{ categoryId: string; status: EntryStatus; count: string }>();
    return rows.map((r) => ({
      categoryId: r.categoryId,
      status: r.status,
      count: Number(r.count),
    }));
  }

  /**
   * The region a viewer's reading is limited to: a coordinator's own (asking for another is
   * FORBIDDEN), else what was asked; only organisers and coordinators read by region.
   */
  regionScope(ctx: RequestCtx, asked: string | null): string | null {
    const scope = entryScopeOf(ctx.viewer);
    if (scope && 'regionCode' in scope) {
      if (asked && asked !== scope.regionCode) {
        throw new Forbidden(
          EntriesReason.NOT_YOUR_REGION,
          'a coordinator reads its own region only',
        );
      }
      return scope.regionCode;
    }
    if (scope && 'all' in scope) return asked;
    throw new Forbidden(EntriesReason.NOT_YOUR_REGION, 'organisers and coordinators only');
  }

  /** The WHERE clause of an event's entries as this viewer may list them, with the filter. */
  private async whereOf(
    ctx: RequestCtx,
    eventId: string,
    filter: EntryFilter,
  ): Promise<{ sql: string; params: unknown[] }> {
    const clauses = ['e.event_id = ?'];
    const params: unknown[] = [eventId];
    // The viewer's scope (entry-access.ts) as SQL: an entrant's own entries, a coordinator's
    // region, everything for organisers; then the filter.
    const scope = entryScopeOf(ctx.viewer);
    let region: string | null;
    if (scope && 'entrantId' in scope) {
      clauses.push('e.entrant_id = ?');
      params.push(scope.entrantId);
      region = filter.regionCode ?? null;
    } else {
      region = this.regionScope(ctx, filter.regionCode ?? null);
    }
    if (region) {
      clauses.push('e.region_code = ?');
      params.push(region);
    }
    if (filter.status) {
      clauses.push('e.status = ?');
      params.push(filter.status);
    }
    if (filter.categoryId) {
      const ids = await this.categories.subtreeIds(ctx, eventId, filter.categoryId);
      if (ids === null) {
        throw new BadUserInput(
          EntriesReason.CATEGORY_NOT_IN_EVENT,
          'the category is not a category of this event',
        );
      }
      clauses.push(`e.category_id IN (${ids.map(() => '?').join(', ')})`);
      params.push(...ids);
    }
    const search = (filter.search ?? '').trim();
    if (search !== '') {
      const pattern = containsPattern(search);
      // The entrant's name is the identity domain's: its entrants matching are asked for
      // (one statement more, only when searching) and their entries matched by id.
      const entrantIds = await this.entrants.idsNameContains(ctx, search);
      const byEntrant = entrantIds.length
        ? ` OR e.entrant_id IN (${entrantIds.map(() => '?').join(', ')})`
        : '';
      clauses.push(`(e.title LIKE ? OR e.creators LIKE ? OR e.code LIKE ?${byEntrant})`);
      params.push(pattern, pattern, pattern, ...entrantIds);
    }
    return { sql: clauses.join(' AND '), params };
  }
}

/** The cursor of an entry in a page of this order. */
export function cursorOf(entry: EntryEntity, sort: EntrySort | null | undefined): string {
  return isFilingOrder(sort) ? encodeCursor(entry) : encodeSortCursor(entry, sort!);
}

interface Cursor {
  at: Date;
  id: string;
}

export function encodeCursor(entry: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([entry.createdAt.toISOString(), entry.id])).toString(
    'base64url',
  );
}

export function decodeCursor(text: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    const date = new Date(at);
    if (typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id) && !Number.isNaN(date.getTime())) {
      return { at: date, id };
    }
  } catch {
    // falls through to the error below
  }
  throw new BadUserInput(EntriesReason.INVALID_CURSOR, 'after is not a cursor this API gave out');
}

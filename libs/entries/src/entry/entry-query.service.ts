import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, SelectQueryBuilder } from 'typeorm';
import { BadUserInput, Forbidden, RequestCtx, Role } from '@app/core';
import { repo } from '@app/db';
import { CategoryService, EventService } from '@app/events';
import { isOrganiser } from '@app/identity';
import { EntriesReason } from '../entries.errors';
import { mayViewEntry } from './entry-access';
import { EntryStatus } from './entry-status';
import { EntryEntity } from './entry.entity';

export const PAGE_SIZE = { default: 20, max: 100 } as const;

export interface EntryFilter {
  status?: EntryStatus | null;
  categoryId?: string | null;
  regionCode?: string | null;
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

/** Reading entries: who sees which, pages, and counts. */
@Injectable()
export class EntryQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventService,
    private readonly categories: CategoryService,
  ) {}

  /** The entry if this viewer may see it; NOT_FOUND-worthy null otherwise (existence is not revealed). */
  async visible(ctx: RequestCtx, id: string): Promise<EntryEntity | null> {
    const entry = await repo(this.dataSource, ctx, EntryEntity).findOneBy({ id });
    return entry && mayViewEntry(ctx.viewer, entry) ? entry : null;
  }

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
   * A page of an event's entries in the order they were filed (created_at, id): keyset
   * pagination, so entries added meanwhile land after the cursor and nothing repeats or is
   * skipped. Organisers see all; a coordinator its region; an entrant its own.
   */
  async page(
    ctx: RequestCtx,
    eventId: string,
    filter: EntryFilter,
    first: number | null,
    after: string | null,
    options: { withCount: boolean } = { withCount: true },
  ): Promise<EntryPage> {
    const size = first ?? PAGE_SIZE.default;
    if (!Number.isInteger(size) || size < 1 || size > PAGE_SIZE.max) {
      throw new BadUserInput(
        EntriesReason.INVALID_PAGE_SIZE,
        `first must be from 1 to ${PAGE_SIZE.max}`,
      );
    }
    const cursor = after ? decodeCursor(after) : null;
    const base = await this.filtered(ctx, eventId, filter);

    const pageQuery = base
      .clone()
      .orderBy('e.createdAt', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .take(size + 1);
    if (cursor) {
      // `>=` first gives the optimiser a range on (event_id, created_at); the rest breaks ties.
      pageQuery
        .andWhere('e.createdAt >= :at', { at: cursor.at })
        .andWhere(
          new Brackets((q) =>
            q
              .where('e.createdAt > :at', { at: cursor.at })
              .orWhere('e.id > :id', { id: cursor.id }),
          ),
        );
    }
    // One round trip: the event's existence, the page and (only when asked for: it scans
    // every match) the count, side by side.
    const [event, rows, totalCount] = await Promise.allSettled([
      this.events.mustGet(ctx, eventId),
      pageQuery.getMany(),
      options.withCount ? base.getCount() : Promise.resolve(null),
    ]);
    for (const settled of [event, rows, totalCount]) {
      if (settled.status === 'rejected') throw settled.reason;
    }
    const page = (rows as PromiseFulfilledResult<EntryEntity[]>).value;
    return {
      rows: page.slice(0, size),
      totalCount: (totalCount as PromiseFulfilledResult<number | null>).value,
      hasNextPage: page.length > size,
    };
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

  /** The region a viewer's reading is limited to: a coordinator's own, else what was asked. */
  regionScope(ctx: RequestCtx, asked: string | null): string | null {
    const viewer = ctx.viewer;
    if (viewer?.role === Role.COORDINATOR) {
      if (asked && asked !== viewer.regionCode) {
        throw new Forbidden(
          EntriesReason.NOT_YOUR_REGION,
          'a coordinator reads its own region only',
        );
      }
      return viewer.regionCode;
    }
    if (isOrganiser(viewer)) return asked;
    throw new Forbidden(EntriesReason.NOT_YOUR_REGION, 'organisers and coordinators only');
  }

  private async filtered(
    ctx: RequestCtx,
    eventId: string,
    filter: EntryFilter,
  ): Promise<SelectQueryBuilder<EntryEntity>> {
    const qb = repo(this.dataSource, ctx, EntryEntity)
      .createQueryBuilder('e')
      .where('e.eventId = :eventId', { eventId });
    const viewer = ctx.viewer;
    if (viewer?.role === Role.ENTRANT) {
      qb.andWhere('e.entrantId = :entrantId', { entrantId: viewer.entrantId });
      if (filter.regionCode) qb.andWhere('e.regionCode = :region', { region: filter.regionCode });
    } else {
      const region = this.regionScope(ctx, filter.regionCode ?? null);
      if (region) qb.andWhere('e.regionCode = :region', { region });
    }
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    if (filter.categoryId) {
      const ids = await this.categories.subtreeIds(ctx, eventId, filter.categoryId);
      if (ids === null) {
        throw new BadUserInput(
          EntriesReason.CATEGORY_NOT_IN_EVENT,
          'the category is not a category of this event',
        );
      }
      qb.andWhere('e.categoryId IN (:...categoryIds)', { categoryIds: ids });
    }
    const search = (filter.search ?? '').trim();
    if (search !== '') {
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((q) => q.where('e.title LIKE :pattern').orWhere('e.creators LIKE :pattern')),
        {
          pattern,
        },
      );
    }
    return qb;
  }
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

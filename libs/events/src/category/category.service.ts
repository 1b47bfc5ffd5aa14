import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@app/audit';
import { BadUserInput, Conflict, NotFound, RequestCtx } from '@app/core';
import { inTransaction, isDuplicateKey, repo } from '@app/db';
import { EventsReason } from '../events.errors';
import { CODE, EVENT_LIMITS, normaliseCode } from '../event/event-rules';
import { EventStatus } from '../event/event-status';
import { EventService } from '../event/event.service';
import { CategoryEntity } from './category.entity';

/**
 * A port the entries domain provides (it sits above events): whether entries already sit in a
 * category, which then may not get children (entries go to leaf categories only).
 */
export const CATEGORY_USAGE = Symbol('CATEGORY_USAGE');
export interface CategoryUsage {
  hasEntries(ctx: RequestCtx, categoryId: string): Promise<boolean>;
}

export interface CategoryDraft {
  eventId: string;
  code: string;
  name: string;
  parentId?: string | null;
}

@Injectable()
export class CategoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventService,
    private readonly audit: AuditService,
    @Optional() @Inject(CATEGORY_USAGE) private readonly usage: CategoryUsage | null,
  ) {}

  async create(ctx: RequestCtx, draft: CategoryDraft): Promise<CategoryEntity> {
    const code = normaliseCode(draft.code);
    if (!CODE.test(code)) {
      throw new BadUserInput(
        EventsReason.INVALID_CODE,
        'a category code uses only A–Z, 0–9 and "-" (at most 32)',
      );
    }
    const name = draft.name.trim().replace(/\s+/gu, ' ');
    if (name === '' || [...name].length > EVENT_LIMITS.name) {
      throw new BadUserInput(
        EventsReason.INVALID_NAME,
        `a name is 1–${EVENT_LIMITS.name} characters`,
      );
    }
    // An empty parentId (a form's blank select) means a top-level category.
    const parentId = draft.parentId?.trim() || null;
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const event = await this.events.lock(tx, draft.eventId);
      if (event.status === EventStatus.ARCHIVED) {
        throw new Conflict(EventsReason.EVENT_ARCHIVED, 'an archived event cannot be changed');
      }
      const id = randomUUID();
      let path = `/${id}/`;
      let depth = 1;
      if (parentId) {
        const parent = await repo(this.dataSource, tx, CategoryEntity).findOneBy({ id: parentId });
        if (!parent || parent.eventId !== event.id) {
          throw new BadUserInput(
            EventsReason.PARENT_NOT_IN_EVENT,
            'the parent category is not a category of this event',
          );
        }
        if (parent.depth >= EVENT_LIMITS.categoryDepth) {
          throw new BadUserInput(
            EventsReason.TOO_DEEP,
            `categories nest at most ${EVENT_LIMITS.categoryDepth} levels deep`,
          );
        }
        if (await this.usage?.hasEntries(tx, parent.id)) {
          throw new Conflict(
            EventsReason.CATEGORY_HAS_ENTRIES,
            `entries already sit in ${parent.code}; entries go to leaf categories only, so it cannot get sub-categories`,
          );
        }
        path = `${parent.path}${id}/`;
        depth = parent.depth + 1;
      }
      const category = Object.assign(new CategoryEntity(), {
        id,
        eventId: event.id,
        code,
        name,
        parentId,
        path,
        depth,
      });
      try {
        await repo(this.dataSource, tx, CategoryEntity).insert(category);
      } catch (error) {
        if (isDuplicateKey(error, 'UQ_categories_event_code')) {
          throw new Conflict(
            EventsReason.DUPLICATE_CODE,
            `this event already has a category ${code}`,
          );
        }
        throw error;
      }
      await this.audit.append(tx, {
        eventId: event.id,
        action: 'category.created',
        subjectType: 'Category',
        subjectId: id,
        detail: { code, name, parentId: category.parentId },
      });
      return category;
    });
  }

  /** Hand-written SQL: every page of entries asks for its categories (see EntrantService). */
  async byIds(ctx: RequestCtx, ids: readonly string[]): Promise<CategoryEntity[]> {
    if (ids.length === 0) return [];
    const rows: CategoryRow[] = await (ctx.manager ?? this.dataSource.manager).query(
      `SELECT id, event_id, code, name, parent_id, path, depth, created_at
         FROM categories WHERE id IN (${ids.map(() => '?').join(', ')})`,
      [...ids],
    );
    return rows.map((row) =>
      Object.assign(new CategoryEntity(), {
        id: row.id,
        eventId: row.event_id,
        code: row.code,
        name: row.name,
        parentId: row.parent_id,
        path: row.path,
        depth: row.depth,
        createdAt: row.created_at,
      }),
    );
  }

  /** Every category of these events, ordered by code (one query for a page of events). */
  async ofEvents(ctx: RequestCtx, eventIds: readonly string[]): Promise<CategoryEntity[]> {
    if (eventIds.length === 0) return [];
    return repo(this.dataSource, ctx, CategoryEntity).find({
      where: { eventId: In([...eventIds]) },
      order: { code: 'ASC' },
    });
  }

  async mustGet(ctx: RequestCtx, id: string): Promise<CategoryEntity> {
    const category = await repo(this.dataSource, ctx, CategoryEntity).findOneBy({ id });
    if (!category) throw new NotFound(EventsReason.CATEGORY_NOT_FOUND, `no category ${id}`);
    return category;
  }

  /**
   * The ids of a category and everything under it, or null when it is not a category of this
   * event (a parent category in a filter matches the entries of all its descendants).
   */
  async subtreeIds(ctx: RequestCtx, eventId: string, categoryId: string): Promise<string[] | null> {
    const rows = await repo(this.dataSource, ctx, CategoryEntity)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.eventId = :eventId', { eventId })
      .andWhere(
        "c.path LIKE CONCAT((SELECT r.path FROM categories r WHERE r.id = :root AND r.event_id = :eventId), '%')",
        { root: categoryId },
      )
      .getRawMany<{ id: string }>();
    return rows.length === 0 ? null : rows.map((r) => r.id);
  }

  /** Whether the category has sub-categories (entries go to leaves only). */
  async hasChildren(ctx: RequestCtx, id: string): Promise<boolean> {
    return repo(this.dataSource, ctx, CategoryEntity).existsBy({ parentId: id });
  }
}

/** The ids of a category's subtree are those whose path starts with its path. */
export function isInSubtree(candidate: CategoryEntity, root: CategoryEntity): boolean {
  return candidate.path.startsWith(root.path);
}

interface CategoryRow {
  id: string;
  event_id: string;
  code: string;
  name: string;
  parent_id: string | null;
  path: string;
  depth: number;
  created_at: Date;
}

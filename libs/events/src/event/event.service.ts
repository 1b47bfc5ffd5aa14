import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@app/audit';
import { BadUserInput, Conflict, NotFound, RequestCtx } from '@app/core';
import { inTransaction, isDuplicateKey, repo } from '@app/db';
import { isOrganiser } from '@app/identity';
import { EventsReason } from '../events.errors';
import { canMoveEvent, EVENT_DEFAULTS, EVENT_LIMITS, SLUG } from './event-rules';
import { EventKind, EventStatus, PUBLIC_EVENT_STATUSES } from './event-status';
import { EventEntity } from './event.entity';
import { CategoryEntity } from '../category/category.entity';

export interface EventDraft {
  slug: string;
  name: string;
  kind: EventKind;
  submissionOpensAt?: Date | null;
  submissionClosesAt?: Date | null;
  maxEntriesPerEntrant?: number | null;
  maxImagesPerEntry?: number | null;
}

@Injectable()
export class EventService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestCtx, draft: EventDraft): Promise<EventEntity> {
    const event = Object.assign(new EventEntity(), {
      id: randomUUID(),
      status: EventStatus.DRAFT,
      ...checkedDraft(draft),
    });
    return inTransaction(this.dataSource, ctx, async (tx) => {
      await this.insertOrExplain(
        tx,
        () => repo(this.dataSource, tx, EventEntity).insert(event),
        event.slug,
      );
      await this.audit.append(tx, {
        eventId: event.id,
        action: 'event.created',
        subjectType: 'Event',
        subjectId: event.id,
        detail: { slug: event.slug, name: event.name, kind: event.kind },
      });
      return this.mustGet(tx, event.id);
    });
  }

  /** Replaces every setting (the contract's `updateEvent`); the status is left as it is. */
  async update(ctx: RequestCtx, id: string, draft: EventDraft): Promise<EventEntity> {
    const checked = checkedDraft(draft);
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const event = await this.lock(tx, id);
      if (event.status === EventStatus.ARCHIVED) {
        throw new Conflict(EventsReason.EVENT_ARCHIVED, 'an archived event cannot be changed');
      }
      await this.insertOrExplain(
        tx,
        () => repo(this.dataSource, tx, EventEntity).update({ id }, checked),
        checked.slug,
      );
      await this.audit.append(tx, {
        eventId: id,
        action: 'event.updated',
        subjectType: 'Event',
        subjectId: id,
        detail: {
          ...checked,
          submissionOpensAt: checked.submissionOpensAt?.toISOString() ?? null,
          submissionClosesAt: checked.submissionClosesAt?.toISOString() ?? null,
        },
      });
      return this.mustGet(tx, id);
    });
  }

  async setStatus(ctx: RequestCtx, id: string, status: EventStatus): Promise<EventEntity> {
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const event = await this.lock(tx, id);
      if (event.status === status) return event;
      if (!canMoveEvent(event.status, status)) {
        throw new Conflict(
          EventsReason.INVALID_TRANSITION,
          `an event cannot go from ${event.status} to ${status}`,
          { from: event.status, to: status },
        );
      }
      // Entrants file to categories: an open event without one would invite them to a form
      // they cannot complete. Categories are never deleted and every tree has leaves, so one
      // category is enough; the event row's lock (taken above) orders this with addCategory.
      if (
        status === EventStatus.OPEN &&
        !(await repo(this.dataSource, tx, CategoryEntity).existsBy({ eventId: id }))
      ) {
        throw new Conflict(
          EventsReason.EVENT_HAS_NO_CATEGORIES,
          'an event opens only once it has a category entries can be filed to',
        );
      }
      await repo(this.dataSource, tx, EventEntity).update({ id }, { status });
      await this.audit.append(tx, {
        eventId: id,
        action: 'event.status',
        subjectType: 'Event',
        subjectId: id,
        detail: { from: event.status, to: status },
      });
      return this.mustGet(tx, id);
    });
  }

  /** The event as this viewer may see it: drafts only for organisers; otherwise null. */
  async visible(
    ctx: RequestCtx,
    by: { id?: string | null; slug?: string | null },
  ): Promise<EventEntity | null> {
    if (!by.id && !by.slug) {
      throw new BadUserInput(EventsReason.EVENT_REQUIRED, 'give the event id or its slug');
    }
    const where = by.id ? { id: by.id } : { slug: by.slug! };
    const event = await repo(this.dataSource, ctx, EventEntity).findOneBy(where);
    if (!event || (by.id && by.slug && event.slug !== by.slug)) return null;
    return this.mayView(ctx, event) ? event : null;
  }

  /** Every event this viewer may see, newest first. */
  async list(ctx: RequestCtx): Promise<EventEntity[]> {
    return repo(this.dataSource, ctx, EventEntity).find({
      where: isOrganiser(ctx.viewer) ? {} : { status: In([...PUBLIC_EVENT_STATUSES]) },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
  }

  mayView(ctx: RequestCtx, event: EventEntity): boolean {
    return isOrganiser(ctx.viewer) || PUBLIC_EVENT_STATUSES.includes(event.status);
  }

  async byIds(ctx: RequestCtx, ids: readonly string[]): Promise<EventEntity[]> {
    if (ids.length === 0) return [];
    return repo(this.dataSource, ctx, EventEntity).findBy({ id: In([...ids]) });
  }

  /** The id of the event with this slug, whoever asks (null when there is none). */
  async idBySlug(ctx: RequestCtx, slug: string): Promise<string | null> {
    const event = await repo(this.dataSource, ctx, EventEntity).findOne({
      select: { id: true },
      where: { slug },
    });
    return event?.id ?? null;
  }

  /** The audit domain's AuditEventLookup port. */
  async eventExists(ctx: RequestCtx, id: string): Promise<boolean> {
    return repo(this.dataSource, ctx, EventEntity).existsBy({ id });
  }

  /** The event, or NOT_FOUND / EVENT_NOT_FOUND. */
  async mustGet(ctx: RequestCtx, id: string): Promise<EventEntity> {
    const event = await repo(this.dataSource, ctx, EventEntity).findOneBy({ id });
    if (!event) throw new NotFound(EventsReason.EVENT_NOT_FOUND, `no event ${id}`);
    return event;
  }

  /**
   * Locks the event's row for the rest of the caller's transaction (which must exist): the
   * per-entrant entry limit and exhibit codes are decided under it, so two requests cannot
   * both take the last place.
   */
  async lock(ctx: RequestCtx, id: string): Promise<EventEntity> {
    if (!ctx.manager) throw new Error('EventService.lock needs a transaction');
    const event = await ctx.manager
      .getRepository(EventEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!event) throw new NotFound(EventsReason.EVENT_NOT_FOUND, `no event ${id}`);
    return event;
  }

  private async insertOrExplain(
    _ctx: RequestCtx,
    write: () => Promise<unknown>,
    slug: string,
  ): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isDuplicateKey(error, 'UQ_events_slug')) {
        throw new Conflict(
          EventsReason.SLUG_TAKEN,
          `another event already uses the slug "${slug}"`,
        );
      }
      throw error;
    }
  }
}

function checkedDraft(draft: EventDraft) {
  const slug = draft.slug.trim().toLowerCase();
  if (!SLUG.test(slug)) {
    throw new BadUserInput(
      EventsReason.INVALID_SLUG,
      'a slug is 3–64 lower-case letters, digits and single hyphens, e.g. "crafts-2026"',
    );
  }
  const name = draft.name.trim().replace(/\s+/gu, ' ');
  if (name === '' || [...name].length > EVENT_LIMITS.name) {
    throw new BadUserInput(
      EventsReason.INVALID_NAME,
      `a name is 1–${EVENT_LIMITS.name} characters`,
    );
  }
  const opens = draft.submissionOpensAt ?? null;
  const closes = draft.submissionClosesAt ?? null;
  if (opens && closes && opens >= closes) {
    throw new BadUserInput(EventsReason.INVALID_WINDOW, 'submissions must open before they close');
  }
  return {
    slug,
    name,
    kind: draft.kind,
    submissionOpensAt: opens,
    submissionClosesAt: closes,
    maxEntriesPerEntrant: limit(
      'maxEntriesPerEntrant',
      draft.maxEntriesPerEntrant ?? EVENT_DEFAULTS.maxEntriesPerEntrant,
      EVENT_LIMITS.maxEntriesPerEntrant,
    ),
    maxImagesPerEntry: limit(
      'maxImagesPerEntry',
      draft.maxImagesPerEntry ?? EVENT_DEFAULTS.maxImagesPerEntry,
      EVENT_LIMITS.maxImagesPerEntry,
    ),
  };
}

function limit(field: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new BadUserInput(EventsReason.INVALID_LIMIT, `${field} must be from 1 to ${max}`, {
      field,
    });
  }
  return value;
}

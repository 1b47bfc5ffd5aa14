import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt, randomUUID } from 'node:crypto';
import { DataSource, In, Like } from 'typeorm';
import { AuditService } from '@app/audit';
import { BadUserInput, Conflict, Forbidden, NotFound, RequestCtx, Role } from '@app/core';
import { inTransaction, repo } from '@app/db';
import {
  CategoryService,
  EventEntity,
  EventService,
  EventStatus,
  submissionWindowState,
} from '@app/events';
import { EntrantService, isOrganiser } from '@app/identity';
import { EntriesReason } from '../entries.errors';
import { actorFor, EntryActor, mayViewEntry } from './entry-access';
import { ENTRY_IMAGES, ENTRY_JUDGING_STATE, EntryImages, EntryJudgingState } from './entry-ports';
import {
  EntryFields,
  FieldProblem,
  NormalisedEntryFields,
  validateEntryFields,
} from './entry-rules';
import {
  COUNTED_STATUSES,
  ENTRANT_EDITABLE,
  EntryStatus,
  ORGANISER_EDITABLE,
  ScreeningDecision,
} from './entry-status';
import { EntryEntity } from './entry.entity';
import { exhibitCode } from './exhibit-code';

export interface EntryDraft extends EntryFields {
  categoryId: string;
}

const REASON_MAX = 1000;

export interface BatchProblem {
  field: 'categoryId' | 'entrantId';
  reason: EntriesReason;
  message: string;
}

/** Creating entries and moving them through their states; every state change is audited. */
@Injectable()
export class EntryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventService,
    private readonly categories: CategoryService,
    private readonly entrants: EntrantService,
    private readonly audit: AuditService,
    @Optional() @Inject(ENTRY_JUDGING_STATE) private readonly judging: EntryJudgingState | null,
    @Optional() @Inject(ENTRY_IMAGES) private readonly images: EntryImages | null,
  ) {}

  /** Entrants file for themselves; organisers on an entrant's behalf (entrantId required). */
  async create(
    ctx: RequestCtx,
    input: { eventId: string; entrantId?: string | null; entry: EntryDraft },
    now = new Date(),
  ): Promise<EntryEntity> {
    const entrantId = this.entrantIdFor(ctx, input.entrantId ?? null);
    const fields = checkedFields(input.entry, now);
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const event = await this.events.lock(tx, input.eventId);
      const actor = actorFor(tx.viewer, entrantId)!;
      this.assertEventAllows(actor, event, now);
      const entrant = await this.entrants.byId(tx, entrantId);
      if (!entrant) throw new NotFound(EntriesReason.ENTRANT_NOT_FOUND, `no entrant ${entrantId}`);
      await this.assertLeafOf(tx, event, input.entry.categoryId);
      const live = await repo(this.dataSource, tx, EntryEntity).countBy({
        eventId: event.id,
        entrantId,
        status: In([...COUNTED_STATUSES]),
      });
      if (live >= event.maxEntriesPerEntrant) {
        throw new Conflict(
          EntriesReason.TOO_MANY_ENTRIES,
          `an entrant may have at most ${event.maxEntriesPerEntrant} entries in this event`,
          { limit: event.maxEntriesPerEntrant },
        );
      }
      const entry = Object.assign(new EntryEntity(), {
        id: randomUUID(),
        eventId: event.id,
        entrantId,
        categoryId: input.entry.categoryId,
        regionCode: entrant.regionCode,
        code: null,
        status: EntryStatus.DRAFT,
        ...fields,
        screeningReason: null,
        submittedAt: null,
        createdBy: tx.viewer?.userId ?? null,
      });
      await repo(this.dataSource, tx, EntryEntity).insert(entry);
      await this.record(tx, entry, 'entry.created', { status: entry.status, title: entry.title });
      return this.mustGet(tx, entry.id);
    });
  }

  /**
   * Files many entries for entrants at once, as an organiser (the bulk import): every item is
   * checked under the event's lock against the same rules as `create` (leaf category of this
   * event, the entrant exists, the per-entrant limit counting the batch too), and either all
   * are stored, each with its audit record, or none is and the problems come back by index.
   */
  async createMany(
    ctx: RequestCtx,
    eventId: string,
    items: ReadonlyArray<{ entrantId: string; categoryId: string; fields: NormalisedEntryFields }>,
    options: { dryRun: boolean },
  ): Promise<{ problems: Map<number, BatchProblem[]>; ids: string[] }> {
    if (!isOrganiser(ctx.viewer)) {
      throw new Forbidden(EntriesReason.NOT_YOUR_ENTRY, 'only organisers import entries');
    }
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const event = await this.events.lock(tx, eventId);
      this.assertEventAllows('ORGANISER', event, new Date());
      const problems = new Map<number, BatchProblem[]>();
      const add = (index: number, problem: BatchProblem) =>
        problems.set(index, [...(problems.get(index) ?? []), problem]);

      const categories = await this.categories.ofEvents(tx, [event.id]);
      const parents = new Set(categories.map((c) => c.parentId).filter((id) => id !== null));
      const inEvent = new Set(categories.map((c) => c.id));
      const entrantIds = [...new Set(items.map((i) => i.entrantId))];
      const known = new Map((await this.entrants.byIds(tx, entrantIds)).map((e) => [e.id, e]));
      const live = await this.liveCounts(tx, event.id, entrantIds);

      items.forEach((item, index) => {
        if (!inEvent.has(item.categoryId)) {
          add(index, {
            field: 'categoryId',
            reason: EntriesReason.CATEGORY_NOT_IN_EVENT,
            message: 'not a category of this event',
          });
        } else if (parents.has(item.categoryId)) {
          add(index, {
            field: 'categoryId',
            reason: EntriesReason.CATEGORY_NOT_LEAF,
            message: 'has sub-categories; choose one of them',
          });
        }
        if (!known.has(item.entrantId)) {
          add(index, {
            field: 'entrantId',
            reason: EntriesReason.ENTRANT_NOT_FOUND,
            message: 'no such entrant',
          });
          return;
        }
        const count = (live.get(item.entrantId) ?? 0) + 1;
        live.set(item.entrantId, count);
        if (count > event.maxEntriesPerEntrant) {
          add(index, {
            field: 'entrantId',
            reason: EntriesReason.TOO_MANY_ENTRIES,
            message: `an entrant may have at most ${event.maxEntriesPerEntrant} entries in this event`,
          });
        }
      });
      if (problems.size > 0 || options.dryRun) return { problems, ids: [] };

      const rows = items.map((item) =>
        Object.assign(new EntryEntity(), {
          id: randomUUID(),
          eventId: event.id,
          entrantId: item.entrantId,
          categoryId: item.categoryId,
          regionCode: known.get(item.entrantId)!.regionCode,
          code: null,
          status: EntryStatus.DRAFT,
          ...item.fields,
          screeningReason: null,
          submittedAt: null,
          createdBy: tx.viewer?.userId ?? null,
        }),
      );
      for (let start = 0; start < rows.length; start += 500) {
        await repo(this.dataSource, tx, EntryEntity).insert(rows.slice(start, start + 500));
      }
      for (const row of rows) {
        await this.record(tx, row, 'entry.created', {
          status: row.status,
          title: row.title,
          imported: true,
        });
      }
      return { problems, ids: rows.map((r) => r.id) };
    });
  }

  private async liveCounts(
    ctx: RequestCtx,
    eventId: string,
    entrantIds: string[],
  ): Promise<Map<string, number>> {
    if (entrantIds.length === 0) return new Map();
    const rows = await repo(this.dataSource, ctx, EntryEntity)
      .createQueryBuilder('e')
      .select('e.entrantId', 'entrantId')
      .addSelect('COUNT(*)', 'count')
      .where('e.eventId = :eventId', { eventId })
      .andWhere('e.entrantId IN (:...entrantIds)', { entrantIds })
      .andWhere('e.status IN (:...statuses)', { statuses: [...COUNTED_STATUSES] })
      .groupBy('e.entrantId')
      .getRawMany<{ entrantId: string; count: string }>();
    return new Map(rows.map((r) => [r.entrantId, Number(r.count)]));
  }

  /** Replaces every field (the contract's `updateEntry`). */
  async update(
    ctx: RequestCtx,
    id: string,
    draft: EntryDraft,
    now = new Date(),
  ): Promise<EntryEntity> {
    const fields = checkedFields(draft, now);
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const { entry, event, actor } = await this.forChange(tx, id, now);
      this.assertEditable(actor, entry);
      if (draft.categoryId !== entry.categoryId) {
        if (entry.status === EntryStatus.ACCEPTED) {
          throw new Conflict(
            EntriesReason.ENTRY_NOT_EDITABLE,
            'an accepted entry keeps its category (its exhibit code is drawn from it)',
          );
        }
        await this.assertLeafOf(tx, event, draft.categoryId);
      }
      await repo(this.dataSource, tx, EntryEntity).update(
        { id },
        { ...fields, categoryId: draft.categoryId },
      );
      await this.record(tx, entry, 'entry.updated', {
        title: fields.title,
        categoryId: draft.categoryId,
      });
      return this.mustGet(tx, id);
    });
  }

  async submit(ctx: RequestCtx, id: string, now = new Date()): Promise<EntryEntity> {
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const { entry } = await this.forChange(tx, id, now);
      if (entry.status === EntryStatus.SUBMITTED) return entry; // a repeated tap changes nothing
      if (entry.status !== EntryStatus.DRAFT) {
        throw new Conflict(
          EntriesReason.ENTRY_NOT_EDITABLE,
          `a ${entry.status} entry cannot be submitted`,
        );
      }
      if (this.images && (await this.images.count(tx, id)) === 0) {
        throw new Conflict(EntriesReason.NO_IMAGES, 'add at least one photo before submitting');
      }
      return this.move(tx, entry, EntryStatus.SUBMITTED, 'entry.submitted', { submittedAt: now });
    });
  }

  async withdraw(
    ctx: RequestCtx,
    id: string,
    reason: string | null,
    now = new Date(),
  ): Promise<EntryEntity> {
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const { entry, actor } = await this.forChange(tx, id, now);
      if (entry.status === EntryStatus.WITHDRAWN) return entry;
      const text = optionalReason(reason);
      if (entry.status === EntryStatus.ACCEPTED) {
        // docs/roles-and-rules.md: an organiser withdraws an accepted entry at the entrant's
        // request, with a reason.
        if (actor !== 'ORGANISER') {
          throw new Conflict(
            EntriesReason.ENTRY_NOT_EDITABLE,
            'ask the organisers to withdraw an accepted entry',
          );
        }
        if (!text)
          throw new BadUserInput(
            EntriesReason.REASON_REQUIRED,
            'withdrawing an accepted entry needs a reason',
          );
      } else if (!ENTRANT_EDITABLE.includes(entry.status)) {
        throw new Conflict(
          EntriesReason.ENTRY_NOT_EDITABLE,
          `a ${entry.status} entry cannot be withdrawn`,
        );
      }
      return this.move(tx, entry, EntryStatus.WITHDRAWN, 'entry.withdrawn', { reason: text });
    });
  }

  /** ACCEPT gives an exhibit code; REJECT needs a reason. Only submitted entries are screened. */
  async screen(
    ctx: RequestCtx,
    id: string,
    decision: ScreeningDecision,
    reason: string | null,
  ): Promise<EntryEntity> {
    const text = optionalReason(reason);
    if (decision === ScreeningDecision.REJECT && !text) {
      throw new BadUserInput(
        EntriesReason.REASON_REQUIRED,
        'a rejection needs a reason the entrant will read',
      );
    }
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const event = await this.events.lock(tx, (await this.mustGet(tx, id)).eventId);
      const entry = await this.lockEntry(tx, id);
      if (event.status === EventStatus.DRAFT || event.status === EventStatus.ARCHIVED) {
        throw new Conflict(
          EntriesReason.EVENT_NOT_OPEN,
          `entries of a ${event.status} event are not screened`,
        );
      }
      if (entry.status !== EntryStatus.SUBMITTED) {
        throw new Conflict(
          EntriesReason.INVALID_TRANSITION,
          `only submitted entries are screened; this one is ${entry.status}`,
          {
            status: entry.status,
          },
        );
      }
      if (decision === ScreeningDecision.REJECT) {
        return this.move(tx, entry, EntryStatus.REJECTED, 'entry.rejected', {
          screeningReason: text,
        });
      }
      const category = await this.categories.mustGet(tx, entry.categoryId);
      // A locking read: the codes committed by earlier acceptances, not the snapshot's.
      const taken = await repo(this.dataSource, tx, EntryEntity).find({
        select: { id: true, code: true },
        where: { eventId: event.id, code: Like(`${category.code}-%`) },
        lock: { mode: 'pessimistic_read' },
      });
      const code = exhibitCode(category.code, new Set(taken.map((t) => t.code!)), (max) =>
        randomInt(max),
      );
      return this.move(tx, entry, EntryStatus.ACCEPTED, 'entry.accepted', {
        code,
        screeningReason: text,
      });
    });
  }

  async disqualify(ctx: RequestCtx, id: string, reason: string): Promise<EntryEntity> {
    const text = optionalReason(reason);
    if (!text)
      throw new BadUserInput(EntriesReason.REASON_REQUIRED, 'a disqualification needs a reason');
    return inTransaction(this.dataSource, ctx, async (tx) => {
      await this.events.lock(tx, (await this.mustGet(tx, id)).eventId);
      const entry = await this.lockEntry(tx, id);
      if (entry.status !== EntryStatus.ACCEPTED) {
        throw new Conflict(
          EntriesReason.INVALID_TRANSITION,
          `only accepted entries are disqualified; this one is ${entry.status}`,
          {
            status: entry.status,
          },
        );
      }
      return this.move(tx, entry, EntryStatus.DISQUALIFIED, 'entry.disqualified', {
        screeningReason: text,
      });
    });
  }

  /**
   * Reads the entry with a locking read, after its event's lock: under REPEATABLE READ a plain
   * read would answer the transaction's snapshot from before the lock, and two concurrent
   * decisions on one entry (two ACCEPTs, a withdrawal racing an acceptance) would both pass.
   */
  private async lockEntry(ctx: RequestCtx, id: string): Promise<EntryEntity> {
    const entry = await ctx.manager!.getRepository(EntryEntity).findOne({
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!entry) throw new NotFound(EntriesReason.ENTRY_NOT_FOUND, `no entry ${id}`);
    return entry;
  }

  /**
   * Locks an entry for a change to its photos (add, delete, reorder) and checks that the viewer
   * may make it now, by the rules of changing the entry itself: hidden entries are NOT_FOUND,
   * readers who may not change it FORBIDDEN, a closed event or a locked entry CONFLICT.
   * Joins the ctx's transaction, or runs in one of its own (a check that holds no lock after).
   */
  lockForImages(
    ctx: RequestCtx,
    id: string,
    now = new Date(),
  ): Promise<{ entry: EntryEntity; event: EventEntity }> {
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const { entry, event, actor } = await this.forChange(tx, id, now);
      this.assertEditable(actor, entry);
      return { entry, event };
    });
  }

  async mustGet(ctx: RequestCtx, id: string): Promise<EntryEntity> {
    const entry = await repo(this.dataSource, ctx, EntryEntity).findOneBy({ id });
    if (!entry) throw new NotFound(EntriesReason.ENTRY_NOT_FOUND, `no entry ${id}`);
    return entry;
  }

  // ---------------------------------------------------------------------------------------

  private entrantIdFor(ctx: RequestCtx, given: string | null): string {
    const viewer = ctx.viewer;
    if (viewer?.role === Role.ENTRANT && viewer.entrantId) {
      if (given && given !== viewer.entrantId) {
        throw new Forbidden(
          EntriesReason.NOT_YOUR_ENTRY,
          'an entrant files entries for itself only',
        );
      }
      return viewer.entrantId;
    }
    if (isOrganiser(viewer)) {
      if (!given) {
        throw new BadUserInput(
          EntriesReason.ENTRANT_REQUIRED,
          'say which entrant the entry is for (entrantId)',
        );
      }
      return given;
    }
    throw new Forbidden(EntriesReason.NOT_YOUR_ENTRY, 'only entrants and organisers file entries');
  }

  /** The entry, its locked event, and how the viewer acts on it; hidden entries are NOT_FOUND. */
  private async forChange(ctx: RequestCtx, id: string, now: Date) {
    const found = await repo(this.dataSource, ctx, EntryEntity).findOneBy({ id });
    if (!found || !mayViewEntry(ctx.viewer, found)) {
      throw new NotFound(EntriesReason.ENTRY_NOT_FOUND, `no entry ${id}`);
    }
    const actor = actorFor(ctx.viewer, found.entrantId);
    if (!actor)
      throw new Forbidden(
        EntriesReason.NOT_YOUR_ENTRY,
        'you may read this entry but not change it',
      );
    const event = await this.events.lock(ctx, found.eventId);
    const entry = await this.lockEntry(ctx, id);
    this.assertEventAllows(actor, event, now);
    if (actor === 'ORGANISER' && (await this.judging?.judgingStarted(ctx, id))) {
      throw new Conflict(
        EntriesReason.JUDGING_STARTED,
        "the entry's first judging round has opened",
      );
    }
    return { entry, event, actor };
  }

  private assertEventAllows(actor: EntryActor, event: EventEntity, now: Date): void {
    if (actor === 'ORGANISER') {
      if (event.status === EventStatus.ARCHIVED) {
        throw new Conflict(EntriesReason.EVENT_NOT_OPEN, 'the event is archived');
      }
      return;
    }
    const state = submissionWindowState(event, now);
    if (state === 'EVENT_NOT_OPEN') {
      throw new Conflict(
        EntriesReason.EVENT_NOT_OPEN,
        `the event is ${event.status}, not open for entries`,
      );
    }
    if (state === 'NOT_STARTED') {
      throw new Conflict(EntriesReason.SUBMISSION_NOT_STARTED, 'submissions have not opened yet', {
        opensAt: event.submissionOpensAt?.toISOString(),
      });
    }
    if (state === 'CLOSED') {
      throw new Conflict(EntriesReason.SUBMISSION_CLOSED, 'submissions have closed', {
        closedAt: event.submissionClosesAt?.toISOString(),
      });
    }
  }

  private assertEditable(actor: EntryActor, entry: EntryEntity): void {
    const editable = actor === 'ORGANISER' ? ORGANISER_EDITABLE : ENTRANT_EDITABLE;
    if (!editable.includes(entry.status)) {
      throw new Conflict(
        EntriesReason.ENTRY_NOT_EDITABLE,
        `a ${entry.status} entry cannot be changed`,
        {
          status: entry.status,
        },
      );
    }
  }

  private async assertLeafOf(
    ctx: RequestCtx,
    event: EventEntity,
    categoryId: string,
  ): Promise<void> {
    const [category] = await this.categories.byIds(ctx, [categoryId]);
    if (!category || category.eventId !== event.id) {
      throw new BadUserInput(
        EntriesReason.CATEGORY_NOT_IN_EVENT,
        'the category is not a category of this event',
      );
    }
    if (await this.categories.hasChildren(ctx, categoryId)) {
      throw new BadUserInput(
        EntriesReason.CATEGORY_NOT_LEAF,
        `${category.code} has sub-categories; choose one of them`,
      );
    }
  }

  private async move(
    ctx: RequestCtx,
    entry: EntryEntity,
    to: EntryStatus,
    action: string,
    changes: {
      code?: string;
      screeningReason?: string | null;
      submittedAt?: Date;
      reason?: string | null;
    },
  ): Promise<EntryEntity> {
    const { reason, ...columns } = changes;
    await repo(this.dataSource, ctx, EntryEntity).update(
      { id: entry.id },
      { status: to, ...columns },
    );
    await this.record(ctx, entry, action, {
      from: entry.status,
      to,
      ...(columns.code ? { code: columns.code } : {}),
      ...(columns.screeningReason !== undefined ? { reason: columns.screeningReason } : {}),
      ...(reason !== undefined ? { reason } : {}),
    });
    return this.mustGet(ctx, entry.id);
  }

  private record(
    ctx: RequestCtx,
    entry: EntryEntity,
    action: string,
    detail: Record<string, unknown>,
  ) {
    return this.audit.append(ctx, {
      eventId: entry.eventId,
      action,
      subjectType: 'Entry',
      subjectId: entry.id,
      detail,
    });
  }
}

/** The field rules, as BAD_USER_INPUT with the first problem's reason and all problems listed. */
export function checkedFields(draft: EntryFields, now: Date): NormalisedEntryFields {
  const result = validateEntryFields(draft, now.getUTCFullYear());
  if (result.ok) return result.value;
  const [first] = result.problems;
  throw new BadUserInput(first.reason, first.message, {
    field: first.field,
    problems: result.problems.map((p: FieldProblem) => ({
      field: p.field,
      reason: p.reason,
      message: p.message,
    })),
  });
}

function optionalReason(reason: string | null | undefined): string | null {
  const text = (reason ?? '').trim();
  if (text === '') return null;
  if ([...text].length > REASON_MAX) {
    throw new BadUserInput(
      EntriesReason.TEXT_TOO_LONG,
      `a reason is at most ${REASON_MAX} characters`,
    );
  }
  return text;
}

import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadUserInput, Conflict, Forbidden, NotFound, RequestCtx, Role, Viewer } from '@app/core';
import { inTransaction, repo } from '@app/db';
import { EventEntity, EventService } from '@app/events';
import { isOrganiser } from '@app/identity';
import { EntriesReason } from '../entries.errors';
import { actorFor, bulkPhotoActorFor, EntryActor, mayViewEntry } from './entry-access';
import { checkedFields, optionalReason } from './entry-input';
import { ENTRY_IMAGES, ENTRY_JUDGING_STATE, EntryImages, EntryJudgingState } from './entry-ports';
import { EntryFields } from './entry-rules';
import { ENTRANT_EDITABLE, EntryStatus, ORGANISER_EDITABLE } from './entry-status';
import { EntryStore } from './entry-store';
import { EntryEntity } from './entry.entity';
import { assertEventAllows, filingError } from './filing-rules';

/** A change to an entry's photos: one through the entry's screens, or one added in bulk. */
export type PhotoChange = 'ONE' | 'BULK_ADD';

const actorOfEntry = (viewer: Viewer | null, entry: EntryEntity) =>
  actorFor(viewer, entry.entrantId);

export interface EntryDraft extends EntryFields {
  categoryId: string;
}

/**
 * What an entrant does with its entries (file, edit, submit, withdraw, delete a draft, change
 * photos), and an organiser on its behalf. The filing rules are shared with the import
 * (filing-rules.ts); screening and disqualification are EntryScreeningService's. Every change
 * is audited.
 */
@Injectable()
export class EntryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventService,
    private readonly store: EntryStore,
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
      assertEventAllows(actorFor(tx.viewer, entrantId)!, event, now);
      const check = await this.store.filingCheck(tx, event, [entrantId]);
      const item = { entrantId, categoryId: input.entry.categoryId };
      const [problem] = check.problemsOf(item);
      if (problem) throw filingError(problem, event.maxEntriesPerEntrant);
      const [id] = await this.store.insertDrafts(tx, event.id, [
        { ...item, regionCode: check.regionOf(entrantId), fields },
      ]);
      return this.store.mustGet(tx, id);
    });
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
      assertEditable(actor, entry);
      if (draft.categoryId !== entry.categoryId) {
        if (entry.status === EntryStatus.ACCEPTED) {
          throw new Conflict(
            EntriesReason.ENTRY_NOT_EDITABLE,
            'an accepted entry keeps its category (its exhibit code is drawn from it)',
          );
        }
        const check = await this.store.filingCheck(tx, event, []);
        const [problem] = check.categoryProblems(draft.categoryId);
        if (problem) throw filingError(problem, event.maxEntriesPerEntrant);
      }
      await repo(this.dataSource, tx, EntryEntity).update(
        { id },
        { ...fields, categoryId: draft.categoryId },
      );
      await this.store.record(tx, entry, 'entry.updated', {
        title: fields.title,
        categoryId: draft.categoryId,
      });
      return this.store.mustGet(tx, id);
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
      return this.store.move(tx, entry, EntryStatus.SUBMITTED, 'entry.submitted', {
        submittedAt: now,
      });
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
        if (!text) {
          throw new BadUserInput(
            EntriesReason.REASON_REQUIRED,
            'withdrawing an accepted entry needs a reason',
          );
        }
      } else if (!ENTRANT_EDITABLE.includes(entry.status)) {
        throw new Conflict(
          EntriesReason.ENTRY_NOT_EDITABLE,
          `a ${entry.status} entry cannot be withdrawn`,
        );
      }
      return this.store.move(tx, entry, EntryStatus.WITHDRAWN, 'entry.withdrawn', {
        reason: text,
      });
    });
  }

  /**
   * Deletes a DRAFT entry (the contract's `deleteEntry`), by the rules of changing it: its own
   * entrant while the event takes entries, an organiser until judging starts. A submitted entry
   * is withdrawn instead, so screening keeps its history. `beforeDelete` runs under the entry's
   * lock, just before the row goes (and its photos' rows with it, ON DELETE CASCADE): what the
   * caller must know of them, read where no upload can slip in between. Audited.
   */
  async deleteDraft<T>(
    ctx: RequestCtx,
    id: string,
    beforeDelete: (tx: RequestCtx, entry: EntryEntity) => Promise<T>,
    now = new Date(),
  ): Promise<T> {
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const { entry } = await this.forChange(tx, id, now);
      if (entry.status !== EntryStatus.DRAFT) {
        throw new Conflict(
          EntriesReason.ENTRY_NOT_DRAFT,
          `a ${entry.status} entry cannot be deleted (only drafts are); withdraw it instead`,
          { status: entry.status },
        );
      }
      const before = await beforeDelete(tx, entry);
      await repo(this.dataSource, tx, EntryEntity).delete({ id });
      await this.store.record(tx, entry, 'entry.deleted', {
        title: entry.title,
        entrantId: entry.entrantId,
        categoryId: entry.categoryId,
      });
      return before;
    });
  }

  /**
   * Locks an entry for a change to its photos (add, delete, reorder) and checks that the viewer
   * may make it now, by the rules of changing the entry itself: hidden entries are NOT_FOUND,
   * readers who may not change it FORBIDDEN, a closed event or a locked entry CONFLICT.
   * `BULK_ADD` (the bulk photo upload adding one) also lets a coordinator add to its region's
   * entries, by the entrant's rules (entry-access.ts, bulkPhotoActorFor).
   * Joins the ctx's transaction, or runs in one of its own (a check that holds no lock after).
   */
  lockForImages(
    ctx: RequestCtx,
    id: string,
    now = new Date(),
    how: PhotoChange = 'ONE',
  ): Promise<{ entry: EntryEntity; event: EventEntity }> {
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const { entry, event, actor } = await this.forChange(
        tx,
        id,
        now,
        how === 'BULK_ADD' ? bulkPhotoActorFor : actorOfEntry,
      );
      assertEditable(actor, entry);
      return { entry, event };
    });
  }

  mustGet(ctx: RequestCtx, id: string): Promise<EntryEntity> {
    return this.store.mustGet(ctx, id);
  }

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
  private async forChange(
    ctx: RequestCtx,
    id: string,
    now: Date,
    actorOf: (viewer: Viewer | null, entry: EntryEntity) => EntryActor | null = actorOfEntry,
  ) {
    // Read outside the caller's transaction, so that its snapshot is fixed after the locks
    // below (RoundService.lockForChange says why); what is used of it (event, entrant,
    // region) never changes. An entry created in this transaction is only visible inside it.
    const found =
      (await this.dataSource.getRepository(EntryEntity).findOneBy({ id })) ??
      (await repo(this.dataSource, ctx, EntryEntity).findOneBy({ id }));
    if (!found || !mayViewEntry(ctx.viewer, found)) {
      throw new NotFound(EntriesReason.ENTRY_NOT_FOUND, `no entry ${id}`);
    }
    const actor = actorOf(ctx.viewer, found);
    if (!actor) {
      throw new Forbidden(
        EntriesReason.NOT_YOUR_ENTRY,
        'you may read this entry but not change it',
      );
    }
    const event = await this.events.lock(ctx, found.eventId);
    const entry = await this.store.lock(ctx, id);
    assertEventAllows(actor, event, now);
    if (actor === 'ORGANISER' && (await this.judging?.judgingStarted(ctx, id))) {
      throw new Conflict(
        EntriesReason.JUDGING_STARTED,
        "the entry's first judging round has opened",
      );
    }
    return { entry, event, actor };
  }
}

function assertEditable(actor: EntryActor, entry: EntryEntity): void {
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

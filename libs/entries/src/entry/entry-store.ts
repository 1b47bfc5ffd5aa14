import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { NotFound, RequestCtx } from '@app/core';
import { repo } from '@app/db';
import { CategoryService, EventEntity } from '@app/events';
import { EntrantService } from '@app/identity';
import { EntriesReason } from '../entries.errors';
import { NormalisedEntryFields } from './entry-rules';
import { COUNTED_STATUSES, EntryStatus } from './entry-status';
import { EntryEntity } from './entry.entity';
import { FilingCheck } from './filing-rules';

/** The columns a state change may set besides the status; `reason` goes to the audit only. */
export interface EntryMove {
  code?: string;
  screeningReason?: string | null;
  submittedAt?: Date;
  reason?: string | null;
}

/**
 * The entries table's reads and writes that the services acting on entries share (the
 * entrant's actions, screening, the batch import): reads that lock, state changes with their
 * audit record, new rows, and the facts the filing rules check. Rules live elsewhere
 * (filing-rules.ts, entry-status.ts); this only stores.
 */
@Injectable()
export class EntryStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly categories: CategoryService,
    private readonly entrants: EntrantService,
    private readonly audit: AuditService,
  ) {}

  async mustGet(ctx: RequestCtx, id: string): Promise<EntryEntity> {
    const entry = await repo(this.dataSource, ctx, EntryEntity).findOneBy({ id });
    if (!entry) throw new NotFound(EntriesReason.ENTRY_NOT_FOUND, `no entry ${id}`);
    return entry;
  }

  /**
   * Reads the entry with a locking read, after its event's lock: under REPEATABLE READ a plain
   * read would answer the transaction's snapshot from before the lock, and two concurrent
   * decisions on one entry (two ACCEPTs, a withdrawal racing an acceptance) would both pass.
   */
  async lock(tx: RequestCtx, id: string): Promise<EntryEntity> {
    const entry = await tx.manager!.getRepository(EntryEntity).findOne({
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!entry) throw new NotFound(EntriesReason.ENTRY_NOT_FOUND, `no entry ${id}`);
    return entry;
  }

  /**
   * The facts of filing entries for these entrants in the event, read inside the caller's
   * transaction after it locked the event (so the live counts cannot change underneath).
   */
  async filingCheck(
    tx: RequestCtx,
    event: EventEntity,
    entrantIds: readonly string[],
  ): Promise<FilingCheck> {
    const ids = [...new Set(entrantIds)];
    const categories = await this.categories.ofEvents(tx, [event.id]);
    const entrants = ids.length > 0 ? await this.entrants.byIds(tx, ids) : [];
    const live = await this.liveCounts(tx, event.id, ids);
    return new FilingCheck({
      limit: event.maxEntriesPerEntrant,
      categories,
      entrants: new Map(entrants.map((e) => [e.id, e])),
      live,
    });
  }

  /** Stores new DRAFT entries (500 rows a statement), each with its `entry.created` record. */
  async insertDrafts(
    tx: RequestCtx,
    eventId: string,
    items: ReadonlyArray<{
      entrantId: string;
      categoryId: string;
      regionCode: string;
      fields: NormalisedEntryFields;
    }>,
    auditDetail: Record<string, unknown> = {},
  ): Promise<string[]> {
    const rows = items.map((item) =>
      Object.assign(new EntryEntity(), {
        id: randomUUID(),
        eventId,
        entrantId: item.entrantId,
        categoryId: item.categoryId,
        regionCode: item.regionCode,
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
    // One append for the lot: one lock of the chain head, 500 records a statement.
    await this.audit.appendMany(
      tx,
      rows.map((row) => ({
        eventId: row.eventId,
        action: 'entry.created',
        subjectType: 'Entry',
        subjectId: row.id,
        detail: { status: row.status, title: row.title, ...auditDetail },
      })),
    );
    return rows.map((r) => r.id);
  }

  /** Moves the entry to a new status, sets the given columns and audits the change. */
  async move(
    tx: RequestCtx,
    entry: EntryEntity,
    to: EntryStatus,
    action: string,
    changes: EntryMove,
  ): Promise<EntryEntity> {
    const { reason, ...columns } = changes;
    await repo(this.dataSource, tx, EntryEntity).update(
      { id: entry.id },
      { status: to, ...columns },
    );
    await this.record(tx, entry, action, {
      from: entry.status,
      to,
      ...(columns.code ? { code: columns.code } : {}),
      ...(columns.screeningReason !== undefined ? { reason: columns.screeningReason } : {}),
      ...(reason !== undefined ? { reason } : {}),
    });
    return this.mustGet(tx, entry.id);
  }

  record(
    tx: RequestCtx,
    entry: { id: string; eventId: string },
    action: string,
    detail: Record<string, unknown>,
  ) {
    return this.audit.append(tx, {
      eventId: entry.eventId,
      action,
      subjectType: 'Entry',
      subjectId: entry.id,
      detail,
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
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Forbidden, RequestCtx } from '@app/core';
import { inTransaction } from '@app/db';
import { EventService } from '@app/events';
import { isOrganiser } from '@app/identity';
import { EntriesReason } from '../entries.errors';
import { NormalisedEntryFields } from './entry-rules';
import { EntryStore } from './entry-store';
import { assertEventAllows, FilingProblem } from './filing-rules';

/**
 * Files many entries at once for their entrants, as an organiser (the import). Every item is
 * checked under the event's lock by the same filing rules as `EntryService.create`
 * (filing-rules.ts: a leaf category of this event, an entrant that exists, the per-entrant
 * limit counting the batch too); either all are stored, each with its audit record, or none
 * is and the problems come back by index.
 */
@Injectable()
export class EntryBatchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventService,
    private readonly store: EntryStore,
  ) {}

  async createMany(
    ctx: RequestCtx,
    eventId: string,
    items: ReadonlyArray<{ entrantId: string; categoryId: string; fields: NormalisedEntryFields }>,
    options: { dryRun: boolean },
  ): Promise<{ problems: Map<number, FilingProblem[]>; ids: string[] }> {
    if (!isOrganiser(ctx.viewer)) {
      throw new Forbidden(EntriesReason.NOT_YOUR_ENTRY, 'only organisers import entries');
    }
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const event = await this.events.lock(tx, eventId);
      assertEventAllows('ORGANISER', event, new Date());
      const check = await this.store.filingCheck(
        tx,
        event,
        items.map((i) => i.entrantId),
      );
      const problems = new Map<number, FilingProblem[]>();
      items.forEach((item, index) => {
        const found = check.problemsOf(item);
        if (found.length > 0) problems.set(index, found);
      });
      if (problems.size > 0 || options.dryRun) return { problems, ids: [] };
      const ids = await this.store.insertDrafts(
        tx,
        event.id,
        items.map((item) => ({ ...item, regionCode: check.regionOf(item.entrantId) })),
        { imported: true },
      );
      return { problems, ids };
    });
  }
}

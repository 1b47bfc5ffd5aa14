import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, Like } from 'typeorm';
import { BadUserInput, Conflict, Forbidden, RequestCtx, CommonReason } from '@app/core';
import { inTransaction, repo } from '@app/db';
import { CategoryService, EventService, EventStatus } from '@app/events';
import { isOrganiser } from '@app/identity';
import { EntriesReason } from '../entries.errors';
import { optionalReason } from './entry-input';
import { ENTRY_AWARDS, EntryAwards } from './entry-ports';
import { EntryStatus, ScreeningDecision } from './entry-status';
import { EntryStore } from './entry-store';
import { EntryEntity } from './entry.entity';
import { exhibitCode } from './exhibit-code';

/**
 * The organisers' decisions on a submitted entry: screening (ACCEPT gives it an exhibit code,
 * REJECT needs a reason the entrant will read) and, later, disqualification. Each runs under
 * the event's lock and the entry's, and is audited.
 */
@Injectable()
export class EntryScreeningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventService,
    private readonly categories: CategoryService,
    private readonly store: EntryStore,
    @Optional() @Inject(ENTRY_AWARDS) private readonly awards: EntryAwards | null,
  ) {}

  async screen(
    ctx: RequestCtx,
    id: string,
    decision: ScreeningDecision,
    reason: string | null,
  ): Promise<EntryEntity> {
    assertOrganiser(ctx, 'screen entries');
    const text = optionalReason(reason);
    if (decision === ScreeningDecision.REJECT && !text) {
      throw new BadUserInput(
        EntriesReason.REASON_REQUIRED,
        'a rejection needs a reason the entrant will read',
      );
    }
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const event = await this.events.lock(tx, (await this.store.mustGet(tx, id)).eventId);
      const entry = await this.store.lock(tx, id);
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
          { status: entry.status },
        );
      }
      if (decision === ScreeningDecision.REJECT) {
        return this.store.move(tx, entry, EntryStatus.REJECTED, 'entry.rejected', {
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
      return this.store.move(tx, entry, EntryStatus.ACCEPTED, 'entry.accepted', {
        code,
        screeningReason: text,
      });
    });
  }

  async disqualify(ctx: RequestCtx, id: string, reason: string): Promise<EntryEntity> {
    assertOrganiser(ctx, 'disqualify entries');
    const text = optionalReason(reason);
    if (!text) {
      throw new BadUserInput(EntriesReason.REASON_REQUIRED, 'a disqualification needs a reason');
    }
    return inTransaction(this.dataSource, ctx, async (tx) => {
      await this.events.lock(tx, (await this.store.mustGet(tx, id)).eventId);
      const entry = await this.store.lock(tx, id);
      if (entry.status !== EntryStatus.ACCEPTED) {
        throw new Conflict(
          EntriesReason.INVALID_TRANSITION,
          `only accepted entries are disqualified; this one is ${entry.status}`,
          { status: entry.status },
        );
      }
      // Awards already published are revoked with it (judging-rules.md §8); nobody moves up.
      // Before the move: its audit record locks the event's chain, and a revocation locks the
      // publication before the chain, so this order keeps one lock order (no deadlock).
      await this.awards?.revokeOnDisqualification(tx, entry.id, text);
      return this.store.move(tx, entry, EntryStatus.DISQUALIFIED, 'entry.disqualified', {
        screeningReason: text,
      });
    });
  }
}

function assertOrganiser(ctx: RequestCtx, what: string): void {
  if (!isOrganiser(ctx.viewer)) {
    throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, `only organisers ${what}`);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  BadUserInput,
  CommonReason,
  Conflict,
  DomainError,
  Forbidden,
  RequestCtx,
} from '@app/core';
import { repo } from '@app/db';
import { EventService, EventStatus } from '@app/events';
import { isOrganiser } from '@app/identity';
import { EntriesReason } from '../entries.errors';
import { optionalReason } from './entry-input';
import { PAGE_SIZE } from './entry-query.service';
import { EntryScreeningService } from './entry-screening.service';
import { EntryStatus, ScreeningDecision } from './entry-status';
import { EntryEntity } from './entry.entity';

/** An entry a bulk screening left as it was, and why (the refusal screenEntry would give). */
export interface ScreeningRefusal {
  entryId: string;
  code: string;
  reason: string;
  /** the entry's status when it was refused, where that is the reason */
  status: EntryStatus | null;
}

export interface BulkScreeningResult {
  screened: EntryEntity[];
  refused: ScreeningRefusal[];
}

/**
 * Screening a selection of an event's entries at once, as an office does from its entry list.
 *
 * Each entry is screened in its own transaction, exactly as screenEntry screens it (same rules,
 * same locks, same audit record): an entry is either screened whole or left untouched, and the
 * answer says for each one left why. Not all-or-nothing on purpose: when a colleague screened
 * two of fifty selected entries a minute earlier, the office wants the other forty-eight done
 * and the two named, not fifty to select again. What makes the whole request pointless is
 * refused before anything is written: the wrong role, no reason for a rejection, an empty or
 * too large selection, an unknown event or one whose entries are not screened.
 */
@Injectable()
export class EntryBulkScreeningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventService,
    private readonly screening: EntryScreeningService,
  ) {}

  async screenMany(
    ctx: RequestCtx,
    eventId: string,
    entryIds: readonly string[],
    decision: ScreeningDecision,
    reason: string | null,
  ): Promise<BulkScreeningResult> {
    if (!isOrganiser(ctx.viewer)) {
      throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, 'only organisers screen entries');
    }
    const ids = [...new Set(entryIds)];
    if (ids.length === 0) {
      throw new BadUserInput(CommonReason.INVALID_INPUT, 'select at least one entry', {
        field: 'entryIds',
      });
    }
    if (ids.length > PAGE_SIZE.max) {
      throw new BadUserInput(
        EntriesReason.TOO_MANY_ITEMS,
        `at most ${PAGE_SIZE.max} entries at once`,
        { field: 'entryIds', limit: PAGE_SIZE.max },
      );
    }
    const text = optionalReason(reason); // too long: refused here, not once per entry
    if (decision === ScreeningDecision.REJECT && !text) {
      throw new BadUserInput(
        EntriesReason.REASON_REQUIRED,
        'a rejection needs a reason the entrants will read',
        { field: 'reason' },
      );
    }
    const event = await this.events.mustGet(ctx, eventId);
    if (event.status === EventStatus.DRAFT || event.status === EventStatus.ARCHIVED) {
      throw new Conflict(
        EntriesReason.EVENT_NOT_OPEN,
        `entries of a ${event.status} event are not screened`,
      );
    }
    const found = await repo(this.dataSource, ctx, EntryEntity).find({
      select: { id: true, eventId: true },
      where: { id: In(ids) },
    });
    const ofEvent = new Set(found.filter((e) => e.eventId === eventId).map((e) => e.id));
    const result: BulkScreeningResult = { screened: [], refused: [] };
    for (const id of ids) {
      if (!ofEvent.has(id)) {
        result.refused.push({
          entryId: id,
          code: 'NOT_FOUND',
          reason: EntriesReason.ENTRY_NOT_FOUND,
          status: null,
        });
        continue;
      }
      try {
        result.screened.push(await this.screening.screen(ctx, id, decision, text));
      } catch (error) {
        // A refusal of this entry (screened meanwhile, withdrawn, …) is its outcome; anything
        // else is a fault and ends the request (the entries screened so far stay screened).
        if (!(error instanceof DomainError)) throw error;
        const status = error.details?.status;
        result.refused.push({
          entryId: id,
          code: error.code,
          reason: error.reason,
          status: typeof status === 'string' ? (status as EntryStatus) : null,
        });
      }
    }
    return result;
  }
}

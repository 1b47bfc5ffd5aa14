import { Injectable } from '@nestjs/common';
import { RequestCtx } from '@app/core';
import { EventService } from '@app/events';
import { RoundService } from '@app/judging';
import type { PublicationEntity } from '../publication.entity';

/** What a publication's documents print and are named by, from its round and event. */
export interface PublicationNamesOf {
  eventName: string;
  roundName: string;
  eventSlug: string;
  roundSequence: number;
}

/** The event's and round's names as they are now (two primary-key reads, together). */
@Injectable()
export class PublicationNames {
  constructor(
    private readonly rounds: RoundService,
    private readonly events: EventService,
  ) {}

  async of(ctx: RequestCtx, publication: PublicationEntity): Promise<PublicationNamesOf> {
    const [round, event] = await Promise.all([
      this.rounds.mustGet(ctx, publication.roundId),
      this.events.mustGet(ctx, publication.eventId),
    ]);
    return {
      eventName: event.name,
      roundName: round.name,
      eventSlug: event.slug,
      roundSequence: round.sequence,
    };
  }

  /** e.g. `gx-fair-2026-r2-v3`: ASCII, so every browser keeps the name. */
  static baseName(names: PublicationNamesOf, publication: PublicationEntity): string {
    return `${names.eventSlug}-r${names.roundSequence}-v${publication.version}`;
  }
}

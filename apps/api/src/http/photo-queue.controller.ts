import { Controller, Get } from '@nestjs/common';
import { RequestCtx } from '@app/core';
import { EventPhotoQueue, PhotoQueueService } from '@app/entries';
import { EventService } from '@app/events';
import { Ctx, ORGANISING_ROLES, Roles } from '@app/identity';

/**
 * The photo worker's progress for organisers (docs/http.md, "Photo queue"): per event, what
 * waits and when it should be done. Cheap enough to poll every few seconds: one grouped query
 * of the waiting and recently finished photos, one of the events' names.
 */
@Roles(...ORGANISING_ROLES)
@Controller('api')
export class PhotoQueueController {
  constructor(
    private readonly queue: PhotoQueueService,
    private readonly events: EventService,
  ) {}

  @Get('photo-queue')
  async now(@Ctx() ctx: RequestCtx) {
    const queue = await this.queue.now();
    const named = new Map(
      (
        await this.events.byIds(
          ctx,
          queue.events.map((e) => e.eventId),
        )
      ).map((e) => [e.id, e.name]),
    );
    return {
      ...queue,
      events: queue.events
        .map((event): EventPhotoQueue & { eventName: string } => ({
          ...event,
          eventName: named.get(event.eventId) ?? '',
        }))
        .sort((a, b) => b.pending + b.processing - (a.pending + a.processing)),
    };
  }
}

import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestCtx } from '@app/core';
import { groupsInKeyOrder, inKeyOrder } from '@app/identity';
import { CategoryEntity } from '../category/category.entity';
import { CategoryService } from '../category/category.service';
import { EventEntity } from '../event/event.entity';
import { EventService } from '../event/event.service';

export interface EventsLoaderSet {
  event: DataLoader<string, EventEntity | null>;
  category: DataLoader<string, CategoryEntity | null>;
  /** every category of an event, ordered by code */
  categoriesOfEvent: DataLoader<string, CategoryEntity[]>;
}

/** Per-request loaders of the events domain (see IdentityLoaders). */
@Injectable()
export class EventsLoaders {
  constructor(
    private readonly events: EventService,
    private readonly categories: CategoryService,
  ) {}

  create(ctx: RequestCtx): EventsLoaderSet {
    const categoriesOfEvent = new DataLoader<string, CategoryEntity[]>(async (eventIds) => {
      return groupsInKeyOrder(
        eventIds,
        await this.categories.ofEvents(ctx, eventIds),
        (row) => row.eventId,
      );
    });
    const category = new DataLoader<string, CategoryEntity | null>(async (ids) =>
      inKeyOrder(ids, await this.categories.byIds(ctx, ids), (c) => c.id),
    );
    return {
      event: new DataLoader(async (ids) =>
        inKeyOrder(ids, await this.events.byIds(ctx, ids), (e) => e.id),
      ),
      category,
      categoriesOfEvent,
    };
  }
}

export interface EventsGqlContext {
  loaders: { events: EventsLoaderSet };
}

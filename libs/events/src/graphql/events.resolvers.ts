import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestCtx } from '@app/core';
import { Ctx, ORGANISING_ROLES, Public, Roles } from '@app/identity';
import { CategoryService } from '../category/category.service';
import { EventStatus } from '../event/event-status';
import { EventService } from '../event/event.service';
import { CreateCategoryInput, CreateEventInput } from './events.inputs';
import { EventsGqlContext } from './events.loaders';
import { toCategoryModel, toEventModel } from './events.mappers';
import { CategoryModel, EventModel } from './events.models';

@Resolver(() => EventModel)
export class EventResolver {
  constructor(private readonly events: EventService) {}

  @Public()
  @Query(() => [EventModel], { name: 'events' })
  async list(@Ctx() ctx: RequestCtx): Promise<EventModel[]> {
    return (await this.events.list(ctx)).map(toEventModel);
  }

  @Public()
  @Query(() => EventModel, { nullable: true })
  async event(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID, nullable: true }) id: string | null,
    @Args('slug', { type: () => String, nullable: true }) slug: string | null,
  ): Promise<EventModel | null> {
    const event = await this.events.visible(ctx, { id, slug });
    return event ? toEventModel(event) : null;
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => EventModel)
  async createEvent(
    @Ctx() ctx: RequestCtx,
    @Args('input', { type: () => CreateEventInput }) input: CreateEventInput,
  ): Promise<EventModel> {
    return toEventModel(await this.events.create(ctx, input));
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => EventModel)
  async updateEvent(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => CreateEventInput }) input: CreateEventInput,
  ): Promise<EventModel> {
    return toEventModel(await this.events.update(ctx, id, input));
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => EventModel)
  async setEventStatus(
    @Ctx() ctx: RequestCtx,
    @Args('eventId', { type: () => ID }) eventId: string,
    @Args('status', { type: () => EventStatus }) status: EventStatus,
  ): Promise<EventModel> {
    return toEventModel(await this.events.setStatus(ctx, eventId, status));
  }

  // Field resolvers take graphql-js's own (source, args, context) and no parameter
  // decorators: @nestjs/graphql then binds the method as the resolver itself instead of
  // building an execution context per call, which a page of 100 entries does hundreds of times.
  @ResolveField('categories', () => [CategoryModel], {
    description: 'the top-level categories, each with its children nested',
  })
  async categories(
    event: EventModel,
    _args: unknown,
    gql: EventsGqlContext,
  ): Promise<CategoryModel[]> {
    const all = await gql.loaders.events.categoriesOfEvent.load(event.id);
    return all.filter((c) => c.parentId === null).map(toCategoryModel);
  }
}

@Resolver(() => CategoryModel)
export class CategoryResolver {
  constructor(private readonly categories: CategoryService) {}

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => CategoryModel)
  async createCategory(
    @Ctx() ctx: RequestCtx,
    @Args('input', { type: () => CreateCategoryInput }) input: CreateCategoryInput,
  ): Promise<CategoryModel> {
    return toCategoryModel(await this.categories.create(ctx, input));
  }

  @ResolveField('children', () => [CategoryModel])
  async children(
    category: CategoryModel,
    _args: unknown,
    gql: EventsGqlContext,
  ): Promise<CategoryModel[]> {
    const all = await gql.loaders.events.categoriesOfEvent.load(category.eventId);
    return all.filter((c) => c.parentId === category.id).map(toCategoryModel);
  }
}

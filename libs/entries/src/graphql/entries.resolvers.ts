import type { GraphQLResolveInfo } from 'graphql';
import {
  Args,
  Context,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { NotFound, RequestCtx, Role } from '@app/core';
import { CategoryModel, EventsGqlContext, toCategoryModel } from '@app/events';
import {
  Ctx,
  EntrantModel,
  IdentityGqlContext,
  ORGANISING_ROLES,
  Roles,
  toEntrantModel,
} from '@app/identity';
import { EntriesReason } from '../entries.errors';
import { cursorOf, EntryQueryService } from '../entry/entry-query.service';
import { EntryBulkScreeningService } from '../entry/entry-bulk-screening.service';
import { ScreeningDecision } from '../entry/entry-status';
import { EntryService } from '../entry/entry.service';
import { EntryScreeningService } from '../entry/entry-screening.service';
import { EntryDeletionService } from '../image/entry-deletion.service';
import { asSeen, EntryVisibilityService, shows } from '../visibility/entry-visibility.service';
import { CreateEntryInput, EntryFilterInput, EntryInput, EntrySortInput } from './entries.inputs';
import { toEntryModel } from './entries.mappers';
import {
  BulkScreeningResultModel,
  EntryConnectionModel,
  EntryModel,
  EntrySummaryModel,
} from './entries.models';
import { toSummaryModel } from './entry-summary';
import { selectsField } from './selection';

type Gql = EventsGqlContext & IdentityGqlContext;

const READERS = [...ORGANISING_ROLES, Role.COORDINATOR, Role.ENTRANT];
const FILERS = [...ORGANISING_ROLES, Role.ENTRANT];

@Resolver(() => EntryModel)
export class EntryResolver {
  constructor(
    private readonly entryService: EntryService,
    private readonly screening: EntryScreeningService,
    private readonly bulkScreening: EntryBulkScreeningService,
    private readonly queries: EntryQueryService,
    private readonly visibility: EntryVisibilityService,
    private readonly deletion: EntryDeletionService,
  ) {}

  /** The entry as the viewer sees it (EntryVisibilityService); NOT_FOUND when it may not. */
  @Query(() => EntryModel, { nullable: true })
  async entry(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<EntryModel> {
    const seen = await this.visibility.visible(ctx, id);
    if (!seen) throw new NotFound(EntriesReason.ENTRY_NOT_FOUND, `no entry ${id}`);
    return asSeen(toEntryModel(seen.entry), seen.sight);
  }

  @Roles(...READERS)
  @Query(() => EntryConnectionModel)
  async entries(
    @Ctx() ctx: RequestCtx,
    @Args('eventId', { type: () => ID }) eventId: string,
    @Args('filter', { type: () => EntryFilterInput, nullable: true })
    filter: EntryFilterInput | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
    @Args('sort', {
      type: () => EntrySortInput,
      nullable: true,
      description: 'the order of the list; filing order (FILED, oldest first) when left out',
    })
    sort: EntrySortInput | null,
  ): Promise<EntryConnectionModel> {
    const page = await this.queries.page(ctx, eventId, filter ?? {}, first, after, {
      withCount: selectsField(info, 'totalCount'),
      sort,
    });
    const edges = page.rows.map((row) => ({
      cursor: cursorOf(row, sort),
      node: toEntryModel(row),
    }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.totalCount ?? 0, // counted only when selected; unseen otherwise
    };
  }

  @Roles(Role.ENTRANT)
  @Query(() => [EntryModel])
  async myEntries(
    @Ctx() ctx: RequestCtx,
    @Args('eventId', { type: () => ID }) eventId: string,
  ): Promise<EntryModel[]> {
    return (await this.queries.mine(ctx, eventId)).map(toEntryModel);
  }

  @Roles(...ORGANISING_ROLES, Role.COORDINATOR)
  @Query(() => EntrySummaryModel, {
    description: "counts by status and category; a coordinator's are those of its own region",
  })
  async entrySummary(
    @Ctx() ctx: RequestCtx,
    @Args('eventId', { type: () => ID }) eventId: string,
    @Args('regionCode', { type: () => String, nullable: true }) regionCode: string | null,
    @Context() gql: Gql,
  ): Promise<EntrySummaryModel> {
    const region = this.queries.regionScope(ctx, regionCode);
    const rows = await this.queries.summary(ctx, eventId, region);
    const categories = await gql.loaders.events.categoriesOfEvent.load(eventId);
    return toSummaryModel(eventId, region, rows, categories);
  }

  @Roles(...FILERS)
  @Mutation(() => EntryModel)
  async createEntry(
    @Ctx() ctx: RequestCtx,
    @Args('input', { type: () => CreateEntryInput }) input: CreateEntryInput,
  ): Promise<EntryModel> {
    return toEntryModel(await this.entryService.create(ctx, input));
  }

  @Roles(...FILERS)
  @Mutation(() => EntryModel)
  async updateEntry(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
    @Args('entry', { type: () => EntryInput }) entry: EntryInput,
  ): Promise<EntryModel> {
    return toEntryModel(await this.entryService.update(ctx, id, entry));
  }

  @Roles(...FILERS)
  @Mutation(() => EntryModel)
  async submitEntry(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<EntryModel> {
    return toEntryModel(await this.entryService.submit(ctx, id));
  }

  @Roles(...FILERS)
  @Mutation(() => EntryModel)
  async withdrawEntry(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', {
      type: () => String,
      nullable: true,
      description:
        'required when an organiser withdraws an accepted entry at the entrant’s request',
    })
    reason: string | null,
  ): Promise<EntryModel> {
    return toEntryModel(await this.entryService.withdraw(ctx, id, reason ?? null));
  }

  @Roles(...FILERS)
  @Mutation(() => Boolean, {
    description:
      'deletes a DRAFT entry with its photos, by the rules of changing it; a submitted one is withdrawn instead',
  })
  deleteEntry(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<boolean> {
    return this.deletion.delete(ctx, id);
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => EntryModel)
  async screenEntry(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
    @Args('decision', { type: () => ScreeningDecision }) decision: ScreeningDecision,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ): Promise<EntryModel> {
    return toEntryModel(await this.screening.screen(ctx, id, decision, reason ?? null));
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => BulkScreeningResultModel, {
    description:
      "screens a selection of the event's entries (at most 100) as screenEntry does, each " +
      'entry whole or not at all; those refused are listed with their reason',
  })
  async screenEntries(
    @Ctx() ctx: RequestCtx,
    @Args('eventId', { type: () => ID }) eventId: string,
    @Args('entryIds', { type: () => [ID] }) entryIds: string[],
    @Args('decision', { type: () => ScreeningDecision }) decision: ScreeningDecision,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ): Promise<BulkScreeningResultModel> {
    const result = await this.bulkScreening.screenMany(
      ctx,
      eventId,
      entryIds,
      decision,
      reason ?? null,
    );
    return { screened: result.screened.map(toEntryModel), refused: result.refused };
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => EntryModel)
  async disqualifyEntry(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<EntryModel> {
    return toEntryModel(await this.screening.disqualify(ctx, id, reason));
  }

  // Field resolvers take graphql-js's own (source, args, context) and no parameter
  // decorators: @nestjs/graphql then binds the method as the resolver itself instead of
  // building an execution context per call, which a page of 100 entries does hundreds of times.
  @ResolveField('category', () => CategoryModel)
  async category(entry: EntryModel, _args: unknown, gql: Gql): Promise<CategoryModel> {
    const category = await gql.loaders.events.category.load(entry.categoryId);
    return toCategoryModel(category!);
  }

  /** Null when the entry is seen without it (EntryVisibilityService: a blind round's judge). */
  @ResolveField('entrant', () => EntrantModel, { nullable: true })
  async entrant(entry: EntryModel, _args: unknown, gql: Gql): Promise<EntrantModel | null> {
    if (!shows(entry.sight, 'entrant')) return null;
    const entrant = await gql.loaders.identity.entrant.load(entry.entrantId);
    return entrant ? toEntrantModel(entrant) : null;
  }
}

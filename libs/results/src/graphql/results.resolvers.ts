import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { CommonReason, Forbidden, RequestCtx, systemCtx } from '@app/core';
import { EntryQueryService, toEntryModel } from '@app/entries';
import { AuthedRequest, Ctx, isOrganiser, ORGANISING_ROLES, Roles } from '@app/identity';
import { RoundModel, toAwardTierModel, toRoundModel } from '@app/judging';
import { RoundResultsService } from '../read/round-results.service';
import { RetabulationService } from '../run/retabulation.service';
import { TabulationEntity } from '../tabulations/tabulation.entity';
import { TabulationReadService } from '../tabulations/tabulation-read.service';
import { EntryResultModel, TabulationModel } from './results.models';

type Gql = { req: AuthedRequest };

/**
 * Round.tabulation, roundResults and retabulate. Thin: the services decide who may do what.
 * The latest tabulation of each round in a list is read in one statement by a loader kept per
 * GraphQL context (a WeakMap, so this library needs no entry in the API's loader table).
 */
@Resolver(() => RoundModel)
export class ResultsResolver {
  private readonly loaders = new WeakMap<object, DataLoader<string, TabulationEntity | null>>();

  constructor(
    private readonly results: RoundResultsService,
    private readonly retabulation: RetabulationService,
    private readonly reads: TabulationReadService,
    private readonly entries: EntryQueryService,
  ) {}

  @Roles(...ORGANISING_ROLES)
  @Query(() => [EntryResultModel])
  async roundResults(
    @Ctx() ctx: RequestCtx,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('categoryId', { type: () => ID, nullable: true }) categoryId?: string | null,
  ): Promise<EntryResultModel[]> {
    const { results, tiers } = await this.results.latest(ctx, roundId, categoryId);
    const entries = new Map(
      (
        await this.entries.byIds(
          ctx,
          results.map((r) => r.entryId),
        )
      ).map((e) => [e.id, e]),
    );
    return results.flatMap((r) => {
      const entry = entries.get(r.entryId);
      if (!entry) return [];
      const tier = r.award ? tiers.get(r.award) : undefined;
      return [
        {
          entry: toEntryModel(entry),
          scopeKey: r.scopeKey,
          sheetCount: r.sheetCount,
          complete: r.complete,
          score: r.score,
          scoreExact: r.scoreExact,
          rank: r.rank,
          award: tier ? toAwardTierModel(tier) : null,
          advanced: r.advanced,
          criterionScores: r.criterionScores,
        },
      ];
    });
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => RoundModel)
  async retabulate(
    @Ctx() ctx: RequestCtx,
    @Args('roundId', { type: () => ID }) roundId: string,
  ): Promise<RoundModel> {
    return toRoundModel(await this.retabulation.retabulate(ctx, roundId));
  }

  // Plain (source, args, context) parameters: @nestjs/graphql's fast path (see entries).
  @ResolveField('tabulation', () => TabulationModel, {
    nullable: true,
    description: 'the latest version; organisers only (FORBIDDEN to judges)',
  })
  async tabulation(round: RoundModel, _args: unknown, gql: Gql): Promise<TabulationModel | null> {
    if (!isOrganiser(gql.req.viewer ?? null)) {
      throw new Forbidden(
        CommonReason.ROLE_NOT_ALLOWED,
        "a round's tabulation is for organisers only",
      );
    }
    const latest = await this.loaderOf(gql).load(round.id);
    return latest
      ? { version: latest.version, computedAt: latest.computedAt, hash: latest.hash }
      : null;
  }

  private loaderOf(gql: Gql): DataLoader<string, TabulationEntity | null> {
    let loader = this.loaders.get(gql);
    if (!loader) {
      const ctx = systemCtx(gql.req.requestId ?? 'round-tabulation');
      loader = new DataLoader(async (roundIds) => {
        const latest = await this.reads.latestOfRounds(ctx, roundIds);
        return roundIds.map((id) => latest.get(id) ?? null);
      });
      this.loaders.set(gql, loader);
    }
    return loader;
  }
}

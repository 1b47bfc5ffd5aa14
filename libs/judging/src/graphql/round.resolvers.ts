import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NotFound, RequestCtx } from '@app/core';
import { Ctx, ORGANISING_ROLES, RequestGqlContext, Roles } from '@app/identity';
import { JudgingReason } from '../judging.errors';
import { RoundLifecycleService } from '../round/round-lifecycle.service';
import { RoundProgressService } from '../progress/round-progress.service';
import { RoundService } from '../round/round.service';
import { RoundProgressModel } from './round-progress.models';
import { JudgingGqlContext } from './judging.loaders';
import { CreateRoundInput } from './round.inputs';
import { toAwardTierModel, toCriterionModel, toRoundModel } from './round.mappers';
import { AwardTierModel, CriterionModel, RoundModel } from './round.models';

@Resolver(() => RoundModel)
export class RoundResolver {
  constructor(
    private readonly rounds: RoundService,
    private readonly lifecycle: RoundLifecycleService,
    private readonly progressOf: RoundProgressService,
  ) {}

  @Query(() => RoundModel, { nullable: true })
  async round(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<RoundModel> {
    const round = await this.rounds.visible(ctx, id);
    if (!round) throw new NotFound(JudgingReason.ROUND_NOT_FOUND, `no round ${id}`);
    return toRoundModel(round);
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => RoundModel)
  async createRound(
    @Ctx() ctx: RequestCtx,
    @Args('input', { type: () => CreateRoundInput }) input: CreateRoundInput,
  ): Promise<RoundModel> {
    const { eventId, ...settings } = input;
    return toRoundModel(await this.rounds.create(ctx, eventId, settings));
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => RoundModel, { description: "a DRAFT round's settings, replaced as a whole" })
  async updateRound(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => CreateRoundInput }) input: CreateRoundInput,
  ): Promise<RoundModel> {
    const { eventId, ...settings } = input;
    return toRoundModel(await this.rounds.update(ctx, id, eventId, settings));
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => RoundModel)
  async openRound(
    @Ctx() ctx: RequestCtx,
    @Args('roundId', { type: () => ID }) roundId: string,
  ): Promise<RoundModel> {
    return toRoundModel(await this.lifecycle.open(ctx, roundId));
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => RoundModel)
  async closeRound(
    @Ctx() ctx: RequestCtx,
    @Args('roundId', { type: () => ID }) roundId: string,
  ): Promise<RoundModel> {
    return toRoundModel(await this.lifecycle.close(ctx, roundId));
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => RoundModel)
  async reopenRound(
    @Ctx() ctx: RequestCtx,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<RoundModel> {
    return toRoundModel(await this.lifecycle.reopen(ctx, roundId, reason));
  }

  /** Organisers only (a judge reads its round's criteria, not its progress): zeros otherwise. */
  @ResolveField('progress', () => RoundProgressModel)
  async progress(
    round: RoundModel,
    _args: unknown,
    gql: RequestGqlContext,
  ): Promise<RoundProgressModel> {
    return this.progressOf.ofRound(gql.ctx, round.id, round.minSheets);
  }

  // Plain (source, args, context) parameters: @nestjs/graphql's fast path (see entries).
  @ResolveField('criteria', () => [CriterionModel])
  async criteria(
    round: RoundModel,
    _args: unknown,
    gql: JudgingGqlContext,
  ): Promise<CriterionModel[]> {
    return (await gql.loaders.judging.criteriaOfRound.load(round.id)).map(toCriterionModel);
  }

  @ResolveField('awardTiers', () => [AwardTierModel])
  async awardTiers(
    round: RoundModel,
    _args: unknown,
    gql: JudgingGqlContext,
  ): Promise<AwardTierModel[]> {
    return (await gql.loaders.judging.tiersOfRound.load(round.id)).map(toAwardTierModel);
  }
}

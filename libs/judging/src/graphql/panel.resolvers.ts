import { Args, ID, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { CommonReason, Forbidden, RequestCtx } from '@app/core';
import { CategoryModel, EventsGqlContext, toCategoryModel } from '@app/events';
import {
  AuthedRequest,
  Ctx,
  IdentityGqlContext,
  isOrganiser,
  ORGANISING_ROLES,
  Roles,
  toUserModel,
  UserModel,
} from '@app/identity';
import { ConflictService } from '../panel/conflict.service';
import { PanelEditService } from '../panel/panel-edit.service';
import { PanelService } from '../panel/panel.service';
import { JudgingGqlContext } from './judging.loaders';
import { CreatePanelInput, PanelModel, UpdatePanelInput } from './panel.models';
import { RoundModel } from './round.models';

type Gql = JudgingGqlContext & EventsGqlContext & IdentityGqlContext & { req: AuthedRequest };

@Resolver(() => PanelModel)
export class PanelResolver {
  constructor(
    private readonly panels: PanelService,
    private readonly conflicts: ConflictService,
    private readonly edits: PanelEditService,
  ) {}

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => PanelModel)
  async createPanel(
    @Ctx() ctx: RequestCtx,
    @Args('input', { type: () => CreatePanelInput }) input: CreatePanelInput,
  ): Promise<PanelModel> {
    const panel = await this.panels.create(ctx, input);
    return { id: panel.id, name: panel.name };
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => PanelModel, {
    description:
      "a panel's name, categories, judges: DRAFT freely (draft assignments left without ground are deleted); OPEN keeps judges and categories that hold PENDING or SUBMITTED assignments; CLOSED and TABULATED refused. Audited",
  })
  async updatePanel(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => UpdatePanelInput }) input: UpdatePanelInput,
  ): Promise<PanelModel> {
    const panel = await this.edits.update(ctx, id, input);
    return { id: panel.id, name: panel.name };
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => Boolean)
  async declareConflict(
    @Ctx() ctx: RequestCtx,
    @Args('judgeId', { type: () => ID }) judgeId: string,
    @Args('entrantId', { type: () => ID }) entrantId: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ): Promise<boolean> {
    await this.conflicts.declare(ctx, judgeId, entrantId, reason ?? null);
    return true;
  }

  // Plain (source, args, context) parameters: @nestjs/graphql's fast path (see entries).
  @ResolveField('categories', () => [CategoryModel])
  async categories(panel: PanelModel, _args: unknown, gql: Gql): Promise<CategoryModel[]> {
    const rows = await gql.loaders.judging.categoriesOfPanel.load(panel.id);
    const categories = await gql.loaders.events.category.loadMany(rows.map((r) => r.categoryId));
    return categories.map((c) => toCategoryModel(c as Exclude<typeof c, Error | null>));
  }

  @ResolveField('judges', () => [UserModel])
  async judges(panel: PanelModel, _args: unknown, gql: Gql): Promise<UserModel[]> {
    const rows = await gql.loaders.judging.judgesOfPanel.load(panel.id);
    const users = await gql.loaders.identity.user.loadMany(rows.map((r) => r.judgeId));
    return users.map((u) => toUserModel(u as Exclude<typeof u, Error | null>));
  }
}

/** Round.panels: organisers only (a judge reads its round's criteria, not its panels). */
@Resolver(() => RoundModel)
export class RoundPanelsResolver {
  @ResolveField('panels', () => [PanelModel])
  async panels(round: RoundModel, _args: unknown, gql: Gql): Promise<PanelModel[]> {
    if (!isOrganiser(gql.req.viewer ?? null)) {
      throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, 'panels are for organisers only');
    }
    const rows = await gql.loaders.judging.panelsOfRound.load(round.id);
    return rows.map((p) => ({ id: p.id, name: p.name }));
  }
}

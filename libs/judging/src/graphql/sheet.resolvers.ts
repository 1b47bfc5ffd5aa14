import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestCtx, Role } from '@app/core';
import { asSeen, EntryEntity, EntryVisibilityService, toEntryModel } from '@app/entries';
import { Ctx, RequestGqlContext, Roles } from '@app/identity';
import { AssignmentEntity } from '../assignment/assignment.entity';
import { JudgeViewService } from '../assignment/judge-view.service';
import { ScoreSheetService } from '../sheet/score-sheet.service';
import { RoundEntity } from '../round/round.entity';
import { JudgingGqlContext } from './judging.loaders';
import { toRoundModel } from './round.mappers';
import { RoundModel } from './round.models';
import { toScoreSheetModel } from './sheet.mappers';
import { AssignmentModel, ScoreSheetModel, SubmitScoreSheetInput } from './sheet.models';

/**
 * The judge's side: its rounds, its assignments (in a blind round the entry comes without
 * entrant or creators), its sheets, and stepping aside.
 */
@Resolver(() => AssignmentModel)
export class JudgeResolver {
  constructor(
    private readonly sheets: ScoreSheetService,
    private readonly view: JudgeViewService,
    private readonly visibility: EntryVisibilityService,
  ) {}

  @Query(() => [RoundModel], { description: 'the rounds the signed-in judge is assigned in' })
  async myRounds(@Ctx() ctx: RequestCtx): Promise<RoundModel[]> {
    return (await this.view.rounds(ctx)).map(toRoundModel);
  }

  @Query(() => [AssignmentModel], {
    description: "the signed-in judge's assignments; empty while the round is DRAFT",
  })
  async myAssignments(
    @Ctx() ctx: RequestCtx,
    @Args('roundId', { type: () => ID }) roundId: string,
  ): Promise<AssignmentModel[]> {
    const { round, rows } = await this.view.assignments(ctx, roundId);
    if (!round) return [];
    return rows.map(({ assignment, entry }) => this.toAssignmentModel(assignment, round, entry));
  }

  @Roles(Role.JUDGE)
  @Mutation(() => ScoreSheetModel)
  async submitScoreSheet(
    @Ctx() ctx: RequestCtx,
    @Args('input', { type: () => SubmitScoreSheetInput }) input: SubmitScoreSheetInput,
  ): Promise<ScoreSheetModel> {
    return toScoreSheetModel(await this.sheets.submit(ctx, input));
  }

  @Roles(Role.JUDGE)
  @Mutation(() => AssignmentModel)
  async recuse(
    @Ctx() ctx: RequestCtx,
    @Args('assignmentId', { type: () => ID }) assignmentId: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<AssignmentModel> {
    const assignment = await this.sheets.recuse(ctx, assignmentId, reason);
    const { round, rows } = await this.view.assignments(ctx, assignment.roundId);
    const row = rows.find((r) => r.assignment.id === assignment.id);
    return this.toAssignmentModel(assignment, round!, row!.entry);
  }

  /**
   * The judge's own sheet; a judge never reads another's (only its assignments reach here).
   * Through the request's loader: a judge's whole `myAssignments { sheet }` is one statement.
   */
  @ResolveField('sheet', () => ScoreSheetModel, { nullable: true })
  async sheet(
    assignment: AssignmentModel,
    _args: unknown,
    gql: JudgingGqlContext & RequestGqlContext,
  ): Promise<ScoreSheetModel | null> {
    if (!gql.ctx.viewer) return null;
    const sheet = await gql.loaders.judging.sheetOfAssignment.load(assignment.id);
    return sheet ? toScoreSheetModel(sheet) : null;
  }

  /** The assignment with its entry as the judge sees it in this round (EntryVisibilityService). */
  private toAssignmentModel(
    assignment: AssignmentEntity,
    round: RoundEntity,
    entry: EntryEntity,
  ): AssignmentModel {
    return {
      id: assignment.id,
      roundId: assignment.roundId,
      round: toRoundModel(round),
      status: assignment.status,
      entry: asSeen(toEntryModel(entry), this.visibility.inRound(round)),
    };
  }
}

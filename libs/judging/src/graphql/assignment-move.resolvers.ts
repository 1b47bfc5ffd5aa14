import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestCtx } from '@app/core';
import { Ctx, ORGANISING_ROLES, Roles } from '@app/identity';
import { AssignmentMoveService } from '../assignment/assignment-move.service';
import { AssignmentCandidateModel, RoundAssignmentModel } from './assignment-move.models';
import { RoundModel } from './round.models';
import { RoundAssignmentViews } from './round-assignment.views';

/** The organisers' side of assignments: who may take one, and the move (issue 21). */
@Resolver(() => RoundAssignmentModel)
export class AssignmentMoveResolver {
  constructor(
    private readonly moves: AssignmentMoveService,
    private readonly views: RoundAssignmentViews,
  ) {}

  @Roles(...ORGANISING_ROLES)
  @Query(() => [AssignmentCandidateModel], {
    description:
      "the judges on the panels of the assignment's round (its holder aside), each with whether moveAssignment would give it the assignment",
  })
  async assignmentCandidates(
    @Ctx() ctx: RequestCtx,
    @Args('assignmentId', { type: () => ID }) assignmentId: string,
  ): Promise<AssignmentCandidateModel[]> {
    const candidates = await this.moves.candidates(ctx, assignmentId);
    const judges = await this.views.users(
      ctx,
      candidates.map((c) => c.judgeId),
    );
    return candidates.map((c) => ({
      judge: judges.get(c.judgeId)!,
      pending: c.pending,
      refusal: c.refusal,
    }));
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => RoundAssignmentModel, {
    description:
      'gives a PENDING assignment without a sheet to another judge of the panel that covers its entry (active, not holding the entry, no conflict of interest); the new assignment has a new id. Audited',
  })
  async moveAssignment(
    @Ctx() ctx: RequestCtx,
    @Args('assignmentId', { type: () => ID }) assignmentId: string,
    @Args('judgeId', { type: () => ID }) judgeId: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ): Promise<RoundAssignmentModel> {
    const moved = await this.moves.move(ctx, assignmentId, judgeId, reason ?? null);
    const [model] = await this.views.of(ctx, [{ assignment: moved, hasSheet: false }]);
    return model;
  }
}

/** Round.assignmentsOfJudge: organisers only (AssignmentMoveService refuses anyone else). */
@Resolver(() => RoundModel)
export class RoundAssignmentsResolver {
  constructor(
    private readonly moves: AssignmentMoveService,
    private readonly views: RoundAssignmentViews,
  ) {}

  @ResolveField('assignmentsOfJudge', () => [RoundAssignmentModel], {
    description: "one judge's assignments in the round, oldest first; organisers only",
  })
  async assignmentsOfJudge(
    @Parent() round: RoundModel,
    @Args('judgeId', { type: () => ID }) judgeId: string,
    @Ctx() ctx: RequestCtx,
  ): Promise<RoundAssignmentModel[]> {
    return this.views.of(ctx, await this.moves.heldBy(ctx, round.id, judgeId));
  }
}

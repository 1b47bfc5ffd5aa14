import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { RequestCtx } from '@app/core';
import { Ctx, ORGANISING_ROLES, Roles } from '@app/identity';
import { AssignmentService } from '../assignment/assignment.service';
import { AssignmentReportModel } from './assignment.models';

@Resolver(() => AssignmentReportModel)
export class AssignmentResolver {
  constructor(private readonly assignments: AssignmentService) {}

  /** Without a seed, 0: the same call twice gives the same assignment. */
  @Roles(...ORGANISING_ROLES)
  @Mutation(() => AssignmentReportModel)
  async assignJudges(
    @Ctx() ctx: RequestCtx,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('seed', { type: () => Int, nullable: true }) seed: number | null,
  ): Promise<AssignmentReportModel> {
    const report = await this.assignments.assign(ctx, roundId, seed ?? 0);
    return {
      assignments: report.assignments,
      minLoad: report.minLoad,
      maxLoad: report.maxLoad,
      unassignableEntryIds: report.unassignable.map((u) => u.entryId),
    };
  }
}

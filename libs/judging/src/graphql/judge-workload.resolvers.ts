import { Args, Field, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { RequestCtx } from '@app/core';
import { Ctx, ORGANISING_ROLES, Roles } from '@app/identity';
import { JudgeWorkloadService } from '../assignment/judge-workload.service';

@ObjectType('JudgeRoundWorkload', {
  description: 'the sheets a judge still owes in one OPEN round (PENDING assignments)',
})
export class JudgeRoundWorkloadModel {
  @Field(() => ID) roundId!: string;
  @Field(() => String) roundName!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => Int, { description: 'PENDING assignments: sheets owed' }) pending!: number;
}

/** Before a judge is deactivated the people screen shows what the judge still owes (issue 21). */
@Resolver(() => JudgeRoundWorkloadModel)
export class JudgeWorkloadResolver {
  constructor(private readonly workload: JudgeWorkloadService) {}

  @Roles(...ORGANISING_ROLES)
  @Query(() => [JudgeRoundWorkloadModel], {
    description:
      "ADMIN and ORGANISER: a user's PENDING assignments in OPEN rounds, per round (by event, in round order); empty when it owes none (or is no judge)",
  })
  judgeWorkload(
    @Ctx() ctx: RequestCtx,
    @Args('userId', { type: () => ID }) userId: string,
  ): Promise<JudgeRoundWorkloadModel[]> {
    return this.workload.openOf(ctx, userId);
  }
}

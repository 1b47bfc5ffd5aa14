import {
  Args,
  Field,
  GraphQLISODateTime,
  ID,
  Int,
  ObjectType,
  Query,
  Resolver,
} from '@nestjs/graphql';
import { RequestCtx } from '@app/core';
import { Ctx, ORGANISING_ROLES, Roles } from '@app/identity';
import { OpenObjectionsService } from '../open-objections.service';
import { toObjectionModel } from './publication-views';
import { ObjectionModel } from './publication.models';

@ObjectType('OpenObjectionCount', {
  description: 'the objections to one round that nobody has answered yet (OPEN), counted',
})
export class OpenObjectionCountModel {
  @Field(() => ID) eventId!: string;
  @Field(() => ID) roundId!: string;
  @Field(() => Int, { description: 'OPEN objections to any version of the round' })
  open!: number;
  @Field(() => GraphQLISODateTime, { description: 'when the oldest of them was filed' })
  oldestFiledAt!: Date;
  @Field(() => GraphQLISODateTime, { description: 'when the newest of them was filed' })
  newestFiledAt!: Date;
}

/** The organisers' flag for objections waiting for an answer (issue 21). */
@Resolver(() => OpenObjectionCountModel)
export class OpenObjectionsResolver {
  constructor(private readonly open: OpenObjectionsService) {}

  @Roles(...ORGANISING_ROLES)
  @Query(() => [OpenObjectionCountModel], {
    description:
      'organisers: the rounds with OPEN objections and how many, oldest first; of one event when eventId is given. Cheap enough to poll',
  })
  async openObjectionCounts(
    @Ctx() ctx: RequestCtx,
    @Args('eventId', { type: () => ID, nullable: true }) eventId?: string | null,
  ): Promise<OpenObjectionCountModel[]> {
    return this.open.counts(ctx, eventId ?? null);
  }

  @Roles(...ORGANISING_ROLES)
  @Query(() => [ObjectionModel], {
    description:
      'organisers: the OPEN objections to any version of the round (a superseded one included: they hold finalising back), oldest first',
  })
  async openObjections(
    @Ctx() ctx: RequestCtx,
    @Args('roundId', { type: () => ID }) roundId: string,
  ): Promise<ObjectionModel[]> {
    return (await this.open.ofRound(ctx, roundId)).map(toObjectionModel);
  }
}

import { Field, Int, ObjectType, ResolveField, Resolver } from '@nestjs/graphql';
import { EventModel } from '@app/events';
import {
  IdentityGqlContext,
  isOrganiser,
  RequestGqlContext,
  toUserModel,
  UserModel,
} from '@app/identity';
import { JudgeViewService } from '../assignment/judge-view.service';
import { RoundProgressService } from '../progress/round-progress.service';
import { RoundService } from '../round/round.service';
import { toRoundModel } from './round.mappers';
import { RoundModel } from './round.models';

@ObjectType('JudgeProgress')
export class JudgeProgressModel {
  @Field(() => UserModel) judge!: UserModel;
  @Field(() => Int, { description: 'every assignment, recused ones included' }) assigned!: number;
  @Field(() => Int) submitted!: number;
  @Field(() => Int) recused!: number;
}

type Gql = IdentityGqlContext & RequestGqlContext;

/** Round.judgeProgress (organisers only: RoundProgressService). */
@Resolver(() => RoundModel)
export class RoundJudgeProgressResolver {
  constructor(private readonly progress: RoundProgressService) {}

  // Plain (source, args, context) parameters: @nestjs/graphql's fast path (see entries).
  @ResolveField('judgeProgress', () => [JudgeProgressModel], { description: 'organisers only' })
  async judgeProgress(round: RoundModel, _args: unknown, gql: Gql): Promise<JudgeProgressModel[]> {
    const rows = await this.progress.ofJudges(gql.ctx, round.id);
    const users = await gql.loaders.identity.user.loadMany(rows.map((r) => r.judgeId));
    return rows.flatMap((row, i) => {
      const user = users[i];
      if (!user || user instanceof Error) return [];
      const { assigned, submitted, recused } = row;
      return [{ judge: toUserModel(user), assigned, submitted, recused }];
    });
  }
}

/** Event.rounds: all of them for organisers, a judge's own once open, none for anyone else. */
@Resolver(() => EventModel)
export class EventRoundsResolver {
  constructor(
    private readonly roundService: RoundService,
    private readonly judgeView: JudgeViewService,
  ) {}

  @ResolveField('rounds', () => [RoundModel])
  async rounds(event: EventModel, _args: unknown, gql: Gql): Promise<RoundModel[]> {
    const ctx = gql.ctx;
    if (isOrganiser(ctx.viewer))
      return (await this.roundService.ofEvent(ctx, event.id)).map(toRoundModel);
    return (await this.judgeView.rounds(ctx))
      .filter((round) => round.eventId === event.id)
      .map(toRoundModel);
  }
}

import { Field, Int, ObjectType, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventModel } from '@app/events';
import {
  AuthedRequest,
  IdentityGqlContext,
  isOrganiser,
  toUserModel,
  UserModel,
} from '@app/identity';
import { JudgeViewService } from '../assign/judge-view.service';
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

type Gql = IdentityGqlContext & { req: AuthedRequest };

/** Round.judgeProgress (organisers only). */
@Resolver(() => RoundModel)
export class RoundJudgeProgressResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // Plain (source, args, context) parameters: @nestjs/graphql's fast path (see entries).
  @ResolveField('judgeProgress', () => [JudgeProgressModel], { description: 'organisers only' })
  async judgeProgress(round: RoundModel, _args: unknown, gql: Gql): Promise<JudgeProgressModel[]> {
    if (!isOrganiser(gql.req.viewer ?? null)) return [];
    const rows: Array<{ judge_id: string; assigned: string; submitted: string; recused: string }> =
      await this.dataSource.query(
        `SELECT judge_id, COUNT(*) AS assigned, SUM(status = 'SUBMITTED') AS submitted,
                SUM(status = 'RECUSED') AS recused
           FROM assignments WHERE round_id = ? GROUP BY judge_id ORDER BY judge_id`,
        [round.id],
      );
    const users = await gql.loaders.identity.user.loadMany(rows.map((r) => r.judge_id));
    return rows.flatMap((row, i) => {
      const user = users[i];
      if (!user || user instanceof Error) return [];
      return [
        {
          judge: toUserModel(user),
          assigned: Number(row.assigned),
          submitted: Number(row.submitted),
          recused: Number(row.recused),
        },
      ];
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
    const viewer = gql.req.viewer ?? null;
    const ctx = { viewer, requestId: 'event-rounds', ip: '' };
    if (isOrganiser(viewer))
      return (await this.roundService.ofEvent(ctx, event.id)).map(toRoundModel);
    return (await this.judgeView.rounds(ctx))
      .filter((round) => round.eventId === event.id)
      .map(toRoundModel);
  }
}

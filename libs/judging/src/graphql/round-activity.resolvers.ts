import { Field, Int, ObjectType, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestGqlContext } from '@app/identity';
import { RoundProgressService } from '../progress/round-progress.service';
import { PanelModel } from './panel.models';
import { RoundModel } from './round.models';

@ObjectType('SheetHour', {
  description:
    "a panel's sheets submitted within one hour (a sheet counts at its latest submission)",
})
export class SheetHourModel {
  @Field(() => Date, { description: 'the first instant of the hour (UTC, whole hours)' })
  hour!: Date;
  @Field(() => PanelModel) panel!: PanelModel;
  @Field(() => Int) sheets!: number;
}

/** Round.activity (organisers only: RoundProgressService). */
@Resolver(() => RoundModel)
export class RoundActivityResolver {
  constructor(private readonly progress: RoundProgressService) {}

  // Plain (source, args, context) parameters: @nestjs/graphql's fast path (see entries).
  @ResolveField('activity', () => [SheetHourModel], {
    description:
      'submitted sheets per panel and hour, oldest first, hours without a sheet left out; organisers only',
  })
  async activity(
    round: RoundModel,
    _args: unknown,
    gql: RequestGqlContext,
  ): Promise<SheetHourModel[]> {
    const rows = await this.progress.perHour(gql.ctx, round.id);
    return rows.map((row) => ({
      hour: row.hour,
      panel: { id: row.panelId, name: row.panelName },
      sheets: row.sheets,
    }));
  }
}

import { Module } from '@nestjs/common';
import { JudgingLoaders } from './graphql/judging.loaders';
import { PanelResolver, RoundPanelsResolver } from './graphql/panel.resolvers';
import { RoundResolver } from './graphql/round.resolvers';
import { JudgingModule } from './judging.module';

/** Resolvers and loaders: the API only. */
@Module({
  imports: [JudgingModule],
  providers: [RoundResolver, PanelResolver, RoundPanelsResolver, JudgingLoaders],
  exports: [JudgingLoaders],
})
export class JudgingGraphqlModule {}

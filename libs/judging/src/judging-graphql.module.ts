import { Module } from '@nestjs/common';
import { EntriesModule } from '@app/entries';
import { IdentityModule } from '@app/identity';
import {
  AssignmentMoveResolver,
  RoundAssignmentsResolver,
} from './graphql/assignment-move.resolvers';
import { RoundAssignmentViews } from './graphql/round-assignment.views';
import { AssignmentResolver } from './graphql/assignment.resolvers';
import { JudgingLoaders } from './graphql/judging.loaders';
import { JudgeWorkloadResolver } from './graphql/judge-workload.resolvers';
import { JudgeResolver } from './graphql/sheet.resolvers';
import { EventRoundsResolver, RoundJudgeProgressResolver } from './graphql/round-extras.resolvers';
import { PanelResolver, RoundPanelsResolver } from './graphql/panel.resolvers';
import { RoundActivityResolver } from './graphql/round-activity.resolvers';
import { RoundResolver } from './graphql/round.resolvers';
import { JudgingModule } from './judging.module';

/** Resolvers and loaders: the API only. */
@Module({
  imports: [JudgingModule, EntriesModule, IdentityModule],
  providers: [
    RoundResolver,
    PanelResolver,
    RoundPanelsResolver,
    AssignmentResolver,
    AssignmentMoveResolver,
    RoundAssignmentsResolver,
    JudgeWorkloadResolver,
    RoundAssignmentViews,
    JudgeResolver,
    RoundJudgeProgressResolver,
    RoundActivityResolver,
    EventRoundsResolver,
    JudgingLoaders,
  ],
  exports: [JudgingLoaders],
})
export class JudgingGraphqlModule {}

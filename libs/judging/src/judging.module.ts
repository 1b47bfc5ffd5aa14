import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { EntriesModule } from '@app/entries';
import { EventsModule } from '@app/events';
import { IdentityModule } from '@app/identity';
import {
  ConflictEntity,
  PanelCategoryEntity,
  PanelEntity,
  PanelJudgeEntity,
} from './panel/panel.entity';
import { PanelService } from './panel/panel.service';
import { PanelEditService } from './panel/panel-edit.service';
import { AssignmentMoveService } from './assignment/assignment-move.service';
import { MoveTargets } from './assignment/move-targets';
import { JudgeWorkloadService } from './assignment/judge-workload.service';
import { ConflictService } from './panel/conflict.service';
import { AssignmentEntity } from './assignment/assignment.entity';
import { AssignmentService } from './assignment/assignment.service';
import { JudgingPortsModule } from './assignment/judging-state.adapter';
import { RoundLifecycleService } from './round/round-lifecycle.service';
import { JudgeViewService } from './assignment/judge-view.service';
import { ScoreSheetEntity, ScoreSheetMutationEntity } from './sheet/score-sheet.entity';
import { ScoreSheetService } from './sheet/score-sheet.service';
import { RoundAwardTierEntity, RoundCriterionEntity, RoundEntity } from './round/round.entity';
import { RoundService } from './round/round.service';
import { RoundsForResults } from './round/rounds-for-results.service';
import { RoundEntryEntity } from './round-entries/round-entry.entity';
import { RoundEntriesService } from './round-entries/round-entries.service';
import { RoundEntrySourceEntity } from './round-entries/round-entry-source.entity';
import { LaterRoundEntriesService } from './round-entries/later-round-entries.service';
import { RoundProgressService } from './progress/round-progress.service';

const SERVICES = [
  RoundService,
  RoundLifecycleService,
  RoundsForResults,
  PanelService,
  PanelEditService,
  ConflictService,
  AssignmentService,
  AssignmentMoveService,
  MoveTargets,
  JudgeWorkloadService,
  ScoreSheetService,
  JudgeViewService,
  RoundEntriesService,
  LaterRoundEntriesService,
  RoundProgressService,
];

/** Judging: rounds, panels and conflicts (assignments and score sheets follow). API and worker alike. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      RoundEntity,
      RoundCriterionEntity,
      RoundAwardTierEntity,
      PanelEntity,
      PanelCategoryEntity,
      PanelJudgeEntity,
      ConflictEntity,
      AssignmentEntity,
      RoundEntryEntity,
      RoundEntrySourceEntity,
      ScoreSheetEntity,
      ScoreSheetMutationEntity,
    ]),
    EventsModule,
    IdentityModule,
    EntriesModule,
    AuditModule,
    JudgingPortsModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class JudgingModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { EntriesModule } from '@app/entries';
import { EventsModule } from '@app/events';
import { IdentityModule } from '@app/identity';
import { ResultsExportService } from './export/results-export.service';
import { JudgingModule } from '@app/judging';
import { RoundResultsService } from './read/round-results.service';
import { RetabulationService } from './run/retabulation.service';
import { TabulationRunner } from './run/tabulation-runner';
import { TabulationSweepService } from './run/tabulation-sweep.service';
import {
  EntryResultEntity,
  TabulationEntity,
  TabulationFailureEntity,
} from './tabulations/tabulation.entity';
import { TabulationReadService } from './tabulations/tabulation-read.service';
import { AdvancedEntriesPortModule } from './ports/advanced-entries.adapter';

const SERVICES = [
  TabulationReadService,
  TabulationRunner,
  TabulationSweepService,
  RetabulationService,
  RoundResultsService,
  ResultsExportService,
];

/** Tabulations and their results: storage, the job's runner, reading. API and worker alike. */
@Module({
  imports: [
    TypeOrmModule.forFeature([TabulationEntity, EntryResultEntity, TabulationFailureEntity]),
    JudgingModule,
    EventsModule,
    EntriesModule,
    IdentityModule,
    AuditModule,
    AdvancedEntriesPortModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class ResultsModule {}

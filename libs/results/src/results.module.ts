import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  EntryResultEntity,
  TabulationEntity,
  TabulationFailureEntity,
} from './storage/tabulation.entity';
import { TabulationReadService } from './storage/tabulation-read.service';

const SERVICES = [TabulationReadService];

/** Tabulations and their results: storage, the job's runner, reading. API and worker alike. */
@Module({
  imports: [
    TypeOrmModule.forFeature([TabulationEntity, EntryResultEntity, TabulationFailureEntity]),
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class ResultsModule {}

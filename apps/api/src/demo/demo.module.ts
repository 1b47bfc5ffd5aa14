import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AppConfig, ConfigModule } from '@app/core';
import { DatabaseModule } from '@app/db';
import { EntriesModule } from '@app/entries';
import { EventsModule } from '@app/events';
import { IdentityModule } from '@app/identity';
import { JudgingModule } from '@app/judging';
import { PublicationModule } from '@app/publication';
import { ResultsModule } from '@app/results';
import { QueueModule } from '@app/queue';
import { StorageModule } from '@app/storage';
import { SeedDemoService } from './seed-demo.service';
import { SeedDemoJudgingService } from './seed-demo-judging.service';
import { DemoResultsService } from './seed-demo-results.service';

/** What the demo seed needs: the domain services on a migrated database; photos are stored and
 * their render jobs queued for the worker (the tabulation it runs itself); no HTTP. */
@Module({})
export class DemoModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DemoModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot('migrate'),
        QueueModule.forRoot('producer'),
        StorageModule,
        IdentityModule,
        AuditModule,
        EventsModule,
        EntriesModule,
        JudgingModule,
        ResultsModule,
        PublicationModule,
      ],
      providers: [SeedDemoService, SeedDemoJudgingService, DemoResultsService],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AppConfig, ConfigModule } from '@app/core';
import { DatabaseModule } from '@app/db';
import { EntriesModule } from '@app/entries';
import { EventsModule } from '@app/events';
import { IdentityModule } from '@app/identity';
import { QueueModule } from '@app/queue';
import { StorageModule } from '@app/storage';
import { SeedDemoService } from './seed-demo.service';

/** What the demo seed needs: the domain services on a migrated database; photos are stored and
 * their render jobs queued for the worker; no HTTP. */
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
      ],
      providers: [SeedDemoService],
    };
  }
}

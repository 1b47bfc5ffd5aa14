import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@app/core';
import { DatabaseModule } from '@app/db';
import { EntriesModule, LabelSheetsModule } from '@app/entries';
import { IdentityModule } from '@app/identity';
import { PublicationDocumentsModule } from '@app/publication';
import { QueueModule } from '@app/queue';
import { ResultsModule } from '@app/results';
import { StorageModule } from '@app/storage';
import { DocumentsProcessor } from './processors/documents.processor';
import { ImagesProcessor } from './processors/images.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { PublicationDocumentsProcessor } from './processors/publication-documents.processor';
import { TabulationProcessor } from './processors/tabulation.processor';
import { QueueRuntime } from './queue-runtime';

/** The worker process: BullMQ processors over the same domain services, no GraphQL. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot('wait'),
        QueueModule.forRoot('worker'),
        StorageModule,
        IdentityModule,
        EntriesModule,
        LabelSheetsModule,
        ResultsModule,
        PublicationDocumentsModule,
      ],
      providers: [
        MaintenanceProcessor,
        ImagesProcessor,
        TabulationProcessor,
        DocumentsProcessor,
        PublicationDocumentsProcessor,
        QueueRuntime,
      ],
    };
  }
}

import { AuditSubjectLabelResolver } from './graphql/audit-subject-label.resolver';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig, APP_CONFIG, ConfigModule } from '@app/core';
import { DatabaseModule } from '@app/db';
import {
  AuthGuard,
  CreditCodeReleaseModule,
  IdentityGraphqlModule,
  IdentityLoaders,
  IdentityModule,
} from '@app/identity';
import { AuditGraphqlModule, AuditModule } from '@app/audit';
import {
  EntriesGraphqlModule,
  EntriesLoaders,
  EntriesModule,
  EntryFactsService,
  LabelSheetsApiModule,
} from '@app/entries';
import { EventService, EventsGraphqlModule, EventsLoaders, EventsModule } from '@app/events';
import { JudgingGraphqlModule, JudgingLoaders, JudgingModule } from '@app/judging';
import { PublicationApiModule, PublicationModule } from '@app/publication';
import { QueueModule } from '@app/queue';
import { JudgeQualityModule, ResultsGraphqlModule, ResultsModule } from '@app/results';
import { StorageModule } from '@app/storage';
import { BootstrapAdmin } from './bootstrap-admin';
import { graphqlOptions } from './graphql/graphql.config';
import { EntryImportController } from './http/entry-import.controller';
import { ImagesController } from './http/images.controller';
import { PhotoBatchesController } from './http/photo-batches.controller';
import { PhotoQueueController } from './http/photo-queue.controller';
import { ResultsExportController } from './http/results-export.controller';
import { HealthController } from './http/health.controller';
import { HttpErrorFilter } from './http/http-error.filter';

/** The API process: GraphQL, the plain HTTP endpoints, and queue producers only. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot('migrate'),
        QueueModule.forRoot('producer'),
        StorageModule,
        IdentityModule,
        IdentityGraphqlModule,
        AuditModule,
        AuditGraphqlModule.register({ imports: [EventsModule], useExisting: EventService }),
        EventsModule,
        EventsGraphqlModule,
        EntriesModule,
        EntriesGraphqlModule,
        LabelSheetsApiModule,
        CreditCodeReleaseModule.register({
          imports: [EntriesModule],
          useExisting: EntryFactsService,
        }),
        JudgingModule,
        JudgingGraphqlModule,
        PublicationModule,
        PublicationApiModule,
        ResultsModule,
        ResultsGraphqlModule,
        JudgeQualityModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [
            IdentityGraphqlModule,
            EventsGraphqlModule,
            EntriesGraphqlModule,
            JudgingGraphqlModule,
          ],
          inject: [
            APP_CONFIG,
            ModuleRef,
            IdentityLoaders,
            EventsLoaders,
            EntriesLoaders,
            JudgingLoaders,
          ],
          useFactory: graphqlOptions,
        }),
      ],
      controllers: [
        HealthController,
        EntryImportController,
        ImagesController,
        PhotoBatchesController,
        PhotoQueueController,
        ResultsExportController,
      ],
      providers: [
        BootstrapAdmin,
        AuditSubjectLabelResolver,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}

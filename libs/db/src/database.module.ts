import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/core';
import { dataSourceOptions } from './data-source-options';
import { migrateUnderLock, waitForMigrations } from './prepare-database';

/**
 * The one TypeORM connection of a process. The API creates the database and migrates under a
 * lock before connecting; the worker waits for the API's migrations. Entities are registered by
 * each domain module's `forFeature` (autoLoadEntities), so this lib knows no domain.
 */
@Module({})
export class DatabaseModule {
  static forRoot(schema: 'migrate' | 'wait'): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) => {
            const flavour =
              schema === 'migrate'
                ? (await migrateUnderLock(config)).flavour
                : await waitForMigrations(config);
            return {
              ...dataSourceOptions(config, flavour),
              autoLoadEntities: true,
              retryAttempts: 0,
            };
          },
        }),
      ],
    };
  }
}

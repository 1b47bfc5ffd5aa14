import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/core';
import { LocalDiskDriver } from './local-disk.driver';
import { STORAGE_DRIVER } from './storage.driver';

/** The store of originals and renditions, chosen by configuration (only local disk today). */
@Global()
@Module({
  providers: [
    {
      provide: STORAGE_DRIVER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalDiskDriver(config.storageDir),
    },
  ],
  exports: [STORAGE_DRIVER],
})
export class StorageModule {}

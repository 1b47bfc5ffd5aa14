export * from './storage.driver';
export * from './local-disk.driver';
export * from './storage.module';

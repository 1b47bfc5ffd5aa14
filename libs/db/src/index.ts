export * from './columns';
export * from './data-source-options';
export * from './database.module';
export * from './prepare-database';
export * from './transaction';
export * from './like';

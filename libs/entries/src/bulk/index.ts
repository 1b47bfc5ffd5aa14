export * from './import-columns';
export * from './import-file';
export * from './import-rows';
export * from './import-template';
export * from './entry-import.service';

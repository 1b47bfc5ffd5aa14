export * from './results.module';
export * from './storage/tabulation.entity';
export * from './storage/stored-result';
export * from './storage/tabulation-read.service';

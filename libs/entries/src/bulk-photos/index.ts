export { BULK_PHOTO_LIMITS } from './bulk-photo-limits';
export type { PhotoBatchSummary } from './photo-batch.service';
export { PhotoBatchService } from './photo-batch.service';
export type { ReceivedFile } from './photo-staging.service';
export { PhotoStagingService } from './photo-staging.service';
export type { BatchReport, Choices, ReportEntry, ReportFile } from './photo-commit.service';
export { PhotoCommitService } from './photo-commit.service';

export * from './label-sheet.errors';
export { LabelSheetsApiModule, LabelSheetsModule } from './label-sheets.module';
export { LabelSheetRenderer } from './label-sheet-renderer.service';
export type { LabelSheetOutcome } from './label-sheet-renderer.service';
export type { LabelSheetState, LabelSheetStatus } from './label-sheet-jobs.service';
export type { LabelSelection } from './label-sheet-content.service';

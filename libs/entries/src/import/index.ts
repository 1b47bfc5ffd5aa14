/**
 * Bulk import of entries, the pure part: read an XLSX/CSV file, map its header row, check each
 * row against the entry rules, build the templates. No database: resolving entrants and
 * categories and storing the entries is the import service's (entry-import.service.ts, beside
 * this file, exported from the library's index).
 */
export {
  IMPORT_COLUMNS,
  columnKeyOf,
  columnLabel,
  columnLetters,
  mapColumns,
  templateHeader,
  templateHeaders,
} from './import-columns';
export type {
  ColumnMap,
  ColumnProblem,
  ColumnProblemReason,
  ColumnRef,
  ImportColumn,
  ImportColumnKey,
} from './import-columns';
export {
  IMPORT_MAX_ROWS,
  IMPORT_MAX_TITLE_ROWS,
  ImportFileError,
  cellText,
  openImportFile,
  readImportFile,
} from './import-file';
export type {
  ImportFileReason,
  ImportSheet,
  ImportSheetRow,
  ImportSheetStream,
} from './import-file';
export { IMPORT_LIMITS } from './import-limits';
export type { ImportLimits } from './import-limits';
export {
  ImportRowReason,
  LIST_SEPARATORS,
  findDuplicateRows,
  interpretRow,
  interpretRows,
  markDuplicateRows,
  splitList,
} from './import-rows';
export type { DuplicateRow, ImportRow, RowProblem } from './import-rows';
export {
  CSV_CONTENT_TYPE,
  TEMPLATE_SHEETS,
  XLSX_CONTENT_TYPE,
  buildTemplateCsv,
  buildTemplateXlsx,
} from './import-template';
export type { TemplateCategory } from './import-template';

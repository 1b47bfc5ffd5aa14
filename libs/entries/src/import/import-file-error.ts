export type ImportFileReason =
  | 'UNSUPPORTED_FILE'
  | 'EMPTY_FILE'
  | 'NO_HEADER_ROW'
  | 'TOO_MANY_ROWS'
  | 'TOO_MANY_COLUMNS'
  | 'INVALID_FILE'
  | 'UNPACKED_TOO_LARGE'
  | 'TOO_MANY_PARTS';

/** The file as a whole cannot be imported; nothing row by row to report. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';

  constructor(
    readonly reason: ImportFileReason,
    message: string,
  ) {
    super(message);
  }
}

/** What to tell an organiser whose file is not a workbook nor CSV we read. */
export const SAVE_AS = 'open it in Excel or WPS and save it as .xlsx (Excel workbook) or .csv';

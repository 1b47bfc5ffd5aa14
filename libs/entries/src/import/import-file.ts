import { columnKeyOf, templateHeaders } from './import-columns';
import { csvRows } from './csv-rows';
import { ImportFileError, SAVE_AS } from './import-file-error';
import { IMPORT_LIMITS, IMPORT_MAX_TITLE_ROWS, ImportLimits } from './import-limits';
import { TableRow, xlsxRows } from './xlsx-rows';

export { ImportFileError } from './import-file-error';
export type { ImportFileReason } from './import-file-error';
export { IMPORT_MAX_ROWS, IMPORT_MAX_TITLE_ROWS } from './import-limits';
export { cellText, numberText } from './cell-text';

export interface ImportSheetRow {
  /** the row's number as the spreadsheet shows it (Excel's row number; the header row's is 1 or more) */
  rowNumber: number;
  /** trimmed display strings, aligned with `headers` (a row may be shorter or longer) */
  cells: string[];
}

/** An import file read whole: for tests and small files (the import itself streams). */
export interface ImportSheet {
  headers: string[];
  /** the data rows, completely empty rows left out */
  rows: ImportSheetRow[];
  /** the spreadsheet row number of the header row (rows above it were titles and are skipped) */
  headerRowNumber: number;
  format: 'xlsx' | 'csv';
}

/** An import file opened: its header row read, its data rows still to come. */
export interface ImportSheetStream extends Omit<ImportSheet, 'rows'> {
  /**
   * The data rows in the file's order, completely empty rows left out, read from the file as
   * they are asked for (once). Asking for a row past `maxRows` throws TOO_MANY_ROWS; a file
   * found broken further on throws its ImportFileError there.
   */
  rows: AsyncIterable<ImportSheetRow>;
  /** Stops reading the file (what is not read is never unpacked); rows reads nothing more. */
  close(): Promise<void>;
}

/**
 * Opens an import file: reads up to its header row and its first data row, and hands the other
 * rows over as a stream, so the caller works through them one at a time and nothing holds the
 * sheet whole.
 *
 * The format comes from the bytes, not the name: a ZIP is read as an XLSX workbook (its first
 * worksheet; xlsx-rows.ts, which checks the archive's declared sizes before unpacking
 * anything), text as CSV (csv-rows.ts: UTF-8 with or without a BOM, UTF-16 with a BOM, or
 * GB18030/GBK as Chinese Excel saves it; `,`, `;` or tab separated; an Excel `sep=` line is
 * honoured). Anything else (a legacy .xls, a PDF, an image…) is refused.
 *
 * The header row is the first non-empty row, unless that row holds fewer than two column
 * names and one of the next rows holds two or more: then the rows above it are a title and
 * are skipped (登记表 often have a title row).
 *
 * @throws ImportFileError
 */
export async function openImportFile(
  bytes: Buffer,
  fileName: string,
  limits: ImportLimits = IMPORT_LIMITS,
): Promise<ImportSheetStream> {
  if (bytes.length === 0) throw new ImportFileError('EMPTY_FILE', 'the file is empty');
  refuseKnownNonText(bytes, fileName);
  const format = isZip(bytes) ? 'xlsx' : 'csv';
  const source = nonEmptyRows(
    format === 'xlsx' ? xlsxRows(bytes, limits) : csvRows(bytes, fileName),
  );
  try {
    const known = (row: ImportSheetRow) => row.cells.filter((c) => columnKeyOf(c) !== null).length;
    const candidates: ImportSheetRow[] = [];
    let headerIndex = -1;
    while (candidates.length <= IMPORT_MAX_TITLE_ROWS) {
      const next = await source.next();
      if (next.done) break;
      candidates.push(next.value);
      if (known(next.value) >= 2) {
        headerIndex = candidates.length - 1;
        break;
      }
    }
    if (candidates.length === 0) throw new ImportFileError('EMPTY_FILE', 'the file has no rows');
    if (headerIndex < 0 && known(candidates[0]) >= 1) headerIndex = 0;
    if (headerIndex < 0) {
      throw new ImportFileError(
        'NO_HEADER_ROW',
        `row ${candidates[0].rowNumber} is not a header row: the first row names the columns, ` +
          `as the template does (${templateHeaders().slice(0, 4).join(', ')}, …)`,
      );
    }
    const header = candidates[headerIndex];
    const ahead = candidates.slice(headerIndex + 1);
    if (ahead.length === 0) {
      const next = await source.next();
      if (next.done) {
        throw new ImportFileError(
          'EMPTY_FILE',
          `the file has a header row (row ${header.rowNumber}) but no entries below it`,
        );
      }
      ahead.push(next.value);
    }
    const headers = header.cells;
    while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
    return {
      headers,
      headerRowNumber: header.rowNumber,
      format,
      rows: counted(ahead, source, limits.maxRows),
      close: async () => {
        await source.return(undefined);
      },
    };
  } catch (error) {
    // Stop unpacking what will not be read.
    await source.return(undefined);
    throw error;
  }
}

/**
 * Reads an import file whole into its header row and data rows, as display strings (see
 * openImportFile).
 *
 * @throws ImportFileError
 */
export async function readImportFile(
  bytes: Buffer,
  fileName: string,
  limits: ImportLimits = IMPORT_LIMITS,
): Promise<ImportSheet> {
  const sheet = await openImportFile(bytes, fileName, limits);
  const rows: ImportSheetRow[] = [];
  for await (const row of sheet.rows) rows.push(row);
  return {
    headers: sheet.headers,
    rows,
    headerRowNumber: sheet.headerRowNumber,
    format: sheet.format,
  };
}

async function* nonEmptyRows(table: AsyncGenerator<TableRow>): AsyncGenerator<ImportSheetRow> {
  for await (const row of table) {
    const cells = row.cells.map((c) => c.trim());
    if (cells.some((c) => c !== '')) yield { rowNumber: row.rowNumber, cells };
  }
}

/** The rows read ahead, then the rest of the source, refused past `maxRows` rows. */
async function* counted(
  ahead: ImportSheetRow[],
  source: AsyncGenerator<ImportSheetRow>,
  maxRows: number,
): AsyncGenerator<ImportSheetRow> {
  let count = 0;
  const check = (row: ImportSheetRow) => {
    if (++count > maxRows) {
      throw new ImportFileError(
        'TOO_MANY_ROWS',
        `the file has more than ${maxRows} rows of entries (row ${row.rowNumber} would be entry ` +
          `${maxRows + 1}); at most ${maxRows} a file: split it`,
      );
    }
    return row;
  };
  try {
    for (const row of ahead) yield check(row);
    for await (const row of source) yield check(row);
  } finally {
    await source.return(undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// What the bytes are

function startsWith(bytes: Buffer, ...prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function isZip(bytes: Buffer): boolean {
  return startsWith(bytes, 0x50, 0x4b, 0x03, 0x04);
}

/** Files that are certainly not a workbook nor text, named so the organiser knows what to do. */
function refuseKnownNonText(bytes: Buffer, fileName: string): void {
  const refuse = (what: string): never => {
    throw new ImportFileError('UNSUPPORTED_FILE', `${fileName} is ${what}; ${SAVE_AS}`);
  };
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    refuse('an Excel 97–2003 (.xls) or WPS (.et) workbook, or a password-protected one');
  }
  if (isZip(bytes) && bytes.subarray(30, 90).includes('opendocument')) {
    refuse('an OpenDocument (.ods) spreadsheet');
  }
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) refuse('a PDF');
  if (
    startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) ||
    startsWith(bytes, 0xff, 0xd8, 0xff) ||
    startsWith(bytes, 0x47, 0x49, 0x46, 0x38, 0x39, 0x61) ||
    startsWith(bytes, 0x47, 0x49, 0x46, 0x38, 0x37, 0x61) ||
    (startsWith(bytes, 0x52, 0x49, 0x46, 0x46) && bytes.subarray(8, 12).equals(WEBP))
  ) {
    refuse('an image');
  }
  if (
    startsWith(bytes, 0x1f, 0x8b) ||
    startsWith(bytes, 0x52, 0x61, 0x72, 0x21) ||
    startsWith(bytes, 0x37, 0x7a, 0xbc, 0xaf)
  ) {
    refuse('a compressed archive');
  }
}

const WEBP = Buffer.from('WEBP', 'latin1');

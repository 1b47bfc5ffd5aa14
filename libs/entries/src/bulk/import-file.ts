import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export const IMPORT_MAX_ROWS = 5_000;
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export class ImportFileError extends Error {
  constructor(
    readonly reason:
      'UNSUPPORTED_FILE' | 'EMPTY_FILE' | 'NO_HEADER_ROW' | 'TOO_MANY_ROWS' | 'INVALID_FILE',
    message: string,
  ) {
    super(message);
  }
}

export interface ImportSheet {
  headers: string[];
  /** rowNumber is the row as the spreadsheet numbers it (the header is row 1) */
  rows: Array<{ rowNumber: number; cells: string[] }>;
}

/** Reads an XLSX (by its ZIP bytes, whatever the name says) or a CSV (UTF-8, or GB18030 as Chinese Excel saves it). */
export async function readImportFile(bytes: Buffer, _fileName: string): Promise<ImportSheet> {
  if (bytes.length === 0) throw new ImportFileError('EMPTY_FILE', 'the file is empty');
  const table = isZip(bytes) ? await readXlsx(bytes) : readCsv(bytes);
  const nonEmpty = table
    .map((cells, index) => ({ rowNumber: index + 1, cells: cells.map((c) => c.trim()) }))
    .filter((row) => row.cells.some((c) => c !== ''));
  if (nonEmpty.length === 0)
    throw new ImportFileError('NO_HEADER_ROW', 'the file has no header row');
  const [header, ...rows] = nonEmpty;
  if (rows.length > IMPORT_MAX_ROWS) {
    throw new ImportFileError('TOO_MANY_ROWS', `at most ${IMPORT_MAX_ROWS} rows a file; split it`);
  }
  return { headers: header.cells, rows };
}

function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('INVALID_FILE', 'the file is not a readable XLSX workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError('NO_HEADER_ROW', 'the workbook has no worksheet');
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let col = 1; col <= sheet.columnCount; col++) cells.push(cellText(row.getCell(col).value));
    table[rowNumber - 1] = cells;
  });
  return Array.from(table, (cells) => cells ?? []);
}

/** A cell as the organiser sees it; large whole numbers (a credit code typed as a number) in full. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return '';
  return '';
}

function readCsv(bytes: Buffer): string[][] {
  const text = decode(bytes);
  // eslint-disable-next-line no-control-regex -- NUL and friends mean a binary file
  if (/[\u0000-\u0008]/u.test(text.slice(0, 4096))) {
    throw new ImportFileError('UNSUPPORTED_FILE', 'send an XLSX workbook or a CSV file');
  }
  const firstLine = text.split(/\r?\n/u, 1)[0];
  const delimiter = [',', ';', '\t', '，'].reduce(
    (best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best),
    ',',
  );
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
  } catch (error) {
    throw new ImportFileError(
      'INVALID_FILE',
      `the CSV could not be read: ${(error as Error).message}`,
    );
  }
}

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/u, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

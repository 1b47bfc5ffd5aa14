import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { columnKeyOf, templateHeaders } from './import-columns';

/** At most this many data rows (the header row not counted) in one file. */
export const IMPORT_MAX_ROWS = 5_000;

/** How many non-empty rows above the header row may be titles and notes (they are skipped). */
export const IMPORT_MAX_TITLE_ROWS = 10;

export type ImportFileReason =
  'UNSUPPORTED_FILE' | 'EMPTY_FILE' | 'NO_HEADER_ROW' | 'TOO_MANY_ROWS' | 'INVALID_FILE';

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

export interface ImportSheetRow {
  /** the row's number as the spreadsheet shows it (Excel's row number; the header row's is 1 or more) */
  rowNumber: number;
  /** trimmed display strings, aligned with `headers` (a row may be shorter or longer) */
  cells: string[];
}

export interface ImportSheet {
  headers: string[];
  /** the data rows, completely empty rows left out */
  rows: ImportSheetRow[];
  /** the spreadsheet row number of the header row (rows above it were titles and are skipped) */
  headerRowNumber: number;
  format: 'xlsx' | 'csv';
}

/**
 * Reads an import file into its header row and data rows, as display strings.
 *
 * The format comes from the bytes, not the name: a ZIP is read as an XLSX workbook (its first
 * worksheet), text as CSV (UTF-8 with or without a BOM, UTF-16 with a BOM, or GB18030/GBK as
 * Chinese Excel saves it; `,`, `;` or tab separated; an Excel `sep=` line is honoured).
 * Anything else (a legacy .xls, a PDF, an image…) is refused.
 *
 * The header row is the first non-empty row, unless that row holds fewer than two column
 * names and one of the next rows holds two or more: then the rows above it are a title and
 * are skipped (登记表 often have a title row).
 *
 * @throws ImportFileError
 */
export async function readImportFile(bytes: Buffer, fileName: string): Promise<ImportSheet> {
  if (bytes.length === 0) throw new ImportFileError('EMPTY_FILE', 'the file is empty');
  refuseKnownNonText(bytes, fileName);
  const format = isZip(bytes) ? 'xlsx' : 'csv';
  const table = format === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes, fileName);
  return toSheet(table, format);
}

type Table = Array<{ rowNumber: number; cells: string[] }>;

function toSheet(table: Table, format: 'xlsx' | 'csv'): ImportSheet {
  const nonEmpty = table
    .map((row) => ({ rowNumber: row.rowNumber, cells: row.cells.map((c) => c.trim()) }))
    .filter((row) => row.cells.some((c) => c !== ''));
  if (nonEmpty.length === 0) throw new ImportFileError('EMPTY_FILE', 'the file has no rows');

  const known = (row: ImportSheetRow) => row.cells.filter((c) => columnKeyOf(c) !== null).length;
  const candidates = nonEmpty.slice(0, IMPORT_MAX_TITLE_ROWS + 1);
  let headerIndex = candidates.findIndex((row) => known(row) >= 2);
  if (headerIndex < 0 && known(nonEmpty[0]) >= 1) headerIndex = 0;
  if (headerIndex < 0) {
    throw new ImportFileError(
      'NO_HEADER_ROW',
      `row ${nonEmpty[0].rowNumber} is not a header row: the first row names the columns, ` +
        `as the template does (${templateHeaders().slice(0, 4).join(', ')}, …)`,
    );
  }
  const header = nonEmpty[headerIndex];
  const rows = nonEmpty.slice(headerIndex + 1);
  if (rows.length === 0) {
    throw new ImportFileError(
      'EMPTY_FILE',
      `the file has a header row (row ${header.rowNumber}) but no entries below it`,
    );
  }
  if (rows.length > IMPORT_MAX_ROWS) {
    throw new ImportFileError(
      'TOO_MANY_ROWS',
      `the file has ${rows.length} rows of entries; at most ${IMPORT_MAX_ROWS} a file, split it`,
    );
  }
  const headers = header.cells;
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  return { headers, rows, headerRowNumber: header.rowNumber, format };
}

// ---------------------------------------------------------------------------------------------
// What the bytes are

function startsWith(bytes: Buffer, ...prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function isZip(bytes: Buffer): boolean {
  return startsWith(bytes, 0x50, 0x4b, 0x03, 0x04);
}

const SAVE_AS = 'open it in Excel or WPS and save it as .xlsx (Excel workbook) or .csv';

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

// ---------------------------------------------------------------------------------------------
// XLSX

async function readXlsx(bytes: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportFileError(
      'INVALID_FILE',
      `the workbook cannot be read (${(error as Error).message}); it may be damaged or ` +
        `incompletely uploaded: save it again from Excel and send it again`,
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    if (!bytes.includes('xl/workbook')) {
      throw new ImportFileError(
        'UNSUPPORTED_FILE',
        `the file is a ZIP archive but not an Excel workbook; ${SAVE_AS}`,
      );
    }
    throw new ImportFileError('EMPTY_FILE', 'the workbook has no worksheet');
  }
  const table: Table = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      // A merged area shows its value once, in its top-left cell.
      const text = cell.type === ExcelJS.ValueType.Merge ? '' : cellText(cell.value);
      while (cells.length < columnNumber - 1) cells.push('');
      cells[columnNumber - 1] = text;
    });
    table.push({ rowNumber, cells });
  });
  return table;
}

/**
 * A cell's value as the organiser sees it in Excel: rich text joined, a formula's result,
 * a hyperlink's text, a date as YYYY-MM-DD, a number with Excel's 15 significant digits and
 * never in exponent form (a credit code typed as a number stays 18 digits).
 */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value && Array.isArray(value.richText)) {
    return value.richText.map((run) => run.text ?? '').join('');
  }
  if ('hyperlink' in value) {
    const text = (value as { text?: unknown }).text;
    if (text === undefined || text === null) return String(value.hyperlink ?? '');
    return cellText(text as ExcelJS.CellValue);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return cellText((value as { result?: ExcelJS.CellValue }).result);
  }
  if ('error' in value) return String(value.error);
  if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text);
  return '';
}

/** A number in plain decimal notation, rounded to 15 significant digits as Excel shows it. */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const [mantissa, exponentText] = value.toPrecision(15).split('e');
  const exponent = Number(exponentText ?? 0);
  const negative = mantissa.startsWith('-');
  const [whole, fraction = ''] = mantissa.replace('-', '').split('.');
  let digits = whole + fraction;
  let point = whole.length + exponent; // digits before the decimal point
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits + '0'.repeat(point - digits.length);
  }
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/u, '');
  const fracPart = digits.slice(point).replace(/0+$/u, '');
  const text = fracPart === '' ? intPart : `${intPart}.${fracPart}`;
  return negative && text !== '0' ? `-${text}` : text;
}

function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString(); // exceljs reads Excel's serial dates as UTC
  const time = iso.slice(11, 19);
  if (time === '00:00:00') return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${time.endsWith(':00') ? time.slice(0, 5) : time}`;
}

// ---------------------------------------------------------------------------------------------
// CSV

function readCsv(bytes: Buffer, fileName: string): Table {
  let text = decodeText(bytes, fileName);
  if (text.trim() === '') throw new ImportFileError('EMPTY_FILE', 'the file is empty');
  if (/^\s*<(?:!doctype|html|\?xml|table|head|body|meta)/iu.test(text)) {
    throw new ImportFileError(
      'UNSUPPORTED_FILE',
      `${fileName} is a web page or XML file, not a workbook (some systems save tables this ` +
        `way with an .xls name); ${SAVE_AS}`,
    );
  }

  // Excel's "sep=;" first line names the delimiter; Excel does not show it as a row.
  let delimiter: string | undefined;
  const sep = /^sep=(.)\r?\n/u.exec(text);
  if (sep) {
    delimiter = sep[1];
    text = text.slice(sep[0].length);
  }
  delimiter ??= sniffDelimiter(text);

  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    throw new ImportFileError(
      'INVALID_FILE',
      `the CSV file cannot be read: ${(error as Error).message}`,
    );
  }
  // Excel shows one CSV record as one row, line breaks inside quotes included.
  return records.map((cells, index) => ({ rowNumber: index + 1, cells }));
}

/**
 * The text of a CSV file. UTF-8 (a BOM is dropped), UTF-16 with a BOM (Excel's "Unicode
 * text"), else GB18030, which covers GBK and GB2312 (what Chinese Excel and WPS save as
 * "CSV"). Bytes that are none of these, or text with control characters in it, are not a CSV.
 */
export function decodeText(bytes: Buffer, fileName = 'the file'): string {
  const encodings = startsWith(bytes, 0xff, 0xfe)
    ? ['utf-16le']
    : startsWith(bytes, 0xfe, 0xff)
      ? ['utf-16be']
      : ['utf-8', 'gb18030'];
  let text: string | null = null;
  for (const encoding of encodings) {
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      break;
    } catch {
      // not this encoding: try the next
    }
  }
  // eslint-disable-next-line no-control-regex -- control characters mean a binary file
  if (text === null || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u.test(text)) {
    throw new ImportFileError(
      'UNSUPPORTED_FILE',
      `${fileName} is neither an Excel workbook (.xlsx) nor a CSV text file; ${SAVE_AS}`,
    );
  }
  return text.replace(/^\uFEFF/u, '');
}

/**
 * The delimiter of the first line that has one: the most frequent of `,` `;` and tab outside
 * quotes, `,` on a tie.
 */
function sniffDelimiter(text: string): string {
  const lines = text.split(/\r?\n/u).slice(0, IMPORT_MAX_TITLE_ROWS + 1);
  for (const line of lines) {
    const counts = new Map<string, number>([
      [',', 0],
      [';', 0],
      ['\t', 0],
    ]);
    let quoted = false;
    for (const char of line) {
      if (char === '"') quoted = !quoted;
      else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
    }
    let best = ',';
    for (const [delimiter, count] of counts) {
      if (count > counts.get(best)!) best = delimiter;
    }
    if (counts.get(best)! > 0) return best;
  }
  return ',';
}

import { dateText, excelDate, numberText } from './cell-text';
import { ImportFileError, SAVE_AS } from './import-file-error';
import { ImportLimits, sizeText } from './import-limits';
import {
  localName,
  readDateStyles,
  readRelationships,
  readSharedStrings,
  readWorkbook,
  Relationship,
  SharedStrings,
  xmlEvents,
} from './xlsx-parts';
import {
  declaredUnpackedBytes,
  readZipDirectory,
  ZipDirectory,
  ZipEntry,
  ZipFormatError,
  ZipTooManyEntriesError,
} from './zip-directory';
import { unpackedChunks, ZipPartTooLargeError } from './zip-inflate';

/** A row of a file as read: its spreadsheet row number and its cells' display texts. */
export interface TableRow {
  rowNumber: number;
  cells: string[];
}

/** Excel's last column, XFD. */
const EXCEL_COLUMNS = 16_384;

/**
 * The rows of an XLSX workbook's first worksheet, one at a time, as the organiser sees them in
 * Excel (cell-text.ts). Before anything is unpacked, the ZIP directory is checked: at most
 * `maxParts` files declaring at most `maxUnpackedBytes` together; each part is then held to
 * what it declared while it unpacks (zip-inflate.ts). The sheet is parsed as it unpacks and
 * dropped row by row, so memory holds one chunk of it, the shared strings and the styles'
 * date formats, never the sheet. The parts are read in the order they are needed, straight
 * from the file's bytes, whatever order the archive stores them in (no temporary files).
 *
 * @throws ImportFileError
 */
export async function* xlsxRows(bytes: Buffer, limits: ImportLimits): AsyncGenerator<TableRow> {
  try {
    const archive = openArchive(bytes, limits);
    const workbookEntry = archive.part('xl/workbook.xml');
    if (!workbookEntry) {
      throw new ImportFileError(
        'UNSUPPORTED_FILE',
        `the file is a ZIP archive but not an Excel workbook; ${SAVE_AS}`,
      );
    }
    const workbook = await readWorkbook(archive.chunks(workbookEntry));
    const relationshipsEntry = archive.part('xl/_rels/workbook.xml.rels');
    const relationships: Relationship[] = relationshipsEntry
      ? await readRelationships(archive.chunks(relationshipsEntry), 'xl/workbook.xml')
      : [];
    const first = workbook.sheets[0];
    if (!first) throw new ImportFileError('EMPTY_FILE', 'the workbook has no worksheet');
    const sheetPath = relationships.find((r) => r.id === first.relationshipId)?.path;
    const sheetEntry = sheetPath ? archive.part(sheetPath) : undefined;
    if (!sheetEntry) {
      throw new ZipFormatError(`its first worksheet (${first.name}) is missing`);
    }
    const partOfType = (type: string, fallback: string) =>
      archive.part(relationships.find((r) => r.type === type)?.path ?? fallback);
    const stylesEntry = partOfType('styles', 'xl/styles.xml');
    const stringsEntry = partOfType('sharedStrings', 'xl/sharedStrings.xml');
    const dateStyles = stylesEntry
      ? await readDateStyles(archive.chunks(stylesEntry))
      : new Set<number>();
    const strings = stringsEntry
      ? await readSharedStrings(archive.chunks(stringsEntry), stringsEntry.uncompressedSize)
      : new SharedStrings();

    yield* sheetRows(archive.chunks(sheetEntry), {
      strings,
      dateStyles,
      date1904: workbook.date1904,
      maxColumns: limits.maxColumns,
    });
  } catch (error) {
    throw importFileErrorOf(error);
  }
}

/** The archive's directory, checked against the limits before any part is unpacked. */
function openArchive(bytes: Buffer, limits: ImportLimits) {
  const directory: ZipDirectory = readZipDirectory(bytes, limits.maxParts);
  const declared = declaredUnpackedBytes(directory);
  if (declared > limits.maxUnpackedBytes) {
    throw new ImportFileError(
      'UNPACKED_TOO_LARGE',
      `the workbook unpacks to ${sizeText(declared)}; at most ${sizeText(limits.maxUnpackedBytes)} ` +
        `is read: delete the other sheets and pictures, or save the entries sheet as .csv`,
    );
  }
  const byName = new Map<string, ZipEntry>();
  for (const entry of directory.entries) if (!byName.has(entry.name)) byName.set(entry.name, entry);
  return {
    part: (name: string) => byName.get(name),
    chunks: (entry: ZipEntry) => unpackedChunks(bytes, directory, entry),
  };
}

function importFileErrorOf(error: unknown): ImportFileError {
  if (error instanceof ImportFileError) return error;
  if (error instanceof ZipTooManyEntriesError) {
    return new ImportFileError(
      'TOO_MANY_PARTS',
      `the file is a ZIP archive of ${error.entries} files; an Excel workbook has a few dozen ` +
        `(at most ${error.maxEntries} are read); ${SAVE_AS}`,
    );
  }
  if (error instanceof ZipPartTooLargeError) {
    return new ImportFileError(
      'UNPACKED_TOO_LARGE',
      `${error.message}: the file is damaged, or built to exhaust the server; it was not read`,
    );
  }
  return new ImportFileError(
    'INVALID_FILE',
    `the workbook cannot be read (${(error as Error).message}); it may be damaged or ` +
      `incompletely uploaded: save it again from Excel and send it again`,
  );
}

interface SheetContext {
  strings: SharedStrings;
  dateStyles: ReadonlySet<number>;
  date1904: boolean;
  maxColumns: number;
}

/** What a `<c>` element held, until its end tag. */
interface PendingCell {
  column: number;
  type: string;
  style: number;
  /** the text of `<v>`, null when the cell has none */
  value: string | null;
  /** the text of an inline string's `<is>`, null when the cell has none */
  inline: string | null;
}

/**
 * The rows of a worksheet's `<sheetData>`, each once its end tag is read; what follows
 * `</sheetData>` (merged ranges, hyperlinks, print settings) is not unpacked. A cell without a
 * value (a merged area's other cells, a formatted empty cell) is ''.
 */
async function* sheetRows(
  chunks: AsyncIterable<Buffer>,
  context: SheetContext,
): AsyncGenerator<TableRow> {
  let rowNumber = 0;
  let cells: string[] | null = null;
  let cell: PendingCell | null = null;
  /** the column of the row's last cell, for a cell that does not say its own */
  let column = 0;
  let capture: 'value' | 'inline' | null = null;
  let phonetic = 0;
  let done = false;

  for await (const events of xmlEvents(chunks)) {
    const rows: TableRow[] = [];
    for (const event of events) {
      if (event.eventType === 'text') {
        if (capture === 'value') cell!.value += event.value;
        else if (capture === 'inline') cell!.inline += event.value;
        continue;
      }
      const local = localName(event.value.name);
      if (event.eventType === 'opentag') {
        const { attributes } = event.value;
        if (local === 'row') {
          const declared = Number(attributes.r);
          rowNumber = Number.isInteger(declared) && declared > rowNumber ? declared : rowNumber + 1;
          cells = [];
          column = 0;
        } else if (local === 'c' && cells) {
          column = attributes.r ? columnOf(attributes.r) : column + 1;
          cell = {
            column,
            type: attributes.t ?? 'n',
            style: Number(attributes.s ?? 0),
            value: null,
            inline: null,
          };
        } else if (local === 'v' && cell) {
          cell.value = '';
          capture = 'value';
        } else if (local === 'is' && cell) {
          cell.inline = '';
        } else if (local === 'rPh') {
          phonetic++;
        } else if (local === 't' && cell !== null && cell.inline !== null && phonetic === 0) {
          capture = 'inline';
        }
      } else if (local === 'v' || local === 't') {
        capture = null;
      } else if (local === 'rPh') {
        phonetic--;
      } else if (local === 'c' && cells && cell) {
        place(cells, cell, cellText(cell, context), rowNumber, context.maxColumns);
      } else if (local === 'row' && cells) {
        rows.push({ rowNumber, cells });
        cells = null;
        cell = null;
      } else if (local === 'sheetData') {
        done = true;
        break;
      }
    }
    yield* rows;
    if (done) return;
  }
}

/** The 1-based column of a cell reference such as `B7` or `XFD1048576`. */
function columnOf(reference: string): number {
  let column = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
    if (column > EXCEL_COLUMNS) throw new ZipFormatError(`a cell is beyond column XFD`);
  }
  if (column === 0) throw new ZipFormatError(`a cell reference ${reference} has no column`);
  return column;
}

function place(
  cells: string[],
  cell: PendingCell,
  text: string,
  rowNumber: number,
  maxColumns: number,
): void {
  if (cell.column > maxColumns) {
    if (text.trim() === '') return;
    throw new ImportFileError(
      'TOO_MANY_COLUMNS',
      `row ${rowNumber} has a value in column ${cell.column}; an import reads at most ` +
        `${maxColumns} columns: delete what is to the right of the entries`,
    );
  }
  while (cells.length < cell.column - 1) cells.push('');
  cells[cell.column - 1] = text;
}

/** A cell's display text, by its type: shared or inline string, formula string, boolean, error, number or date. */
function cellText(cell: PendingCell, context: SheetContext): string {
  const value = cell.value;
  switch (cell.type) {
    case 's':
      return value === null ? '' : context.strings.get(Number(value));
    case 'inlineStr':
      return cell.inline ?? value ?? '';
    case 'str':
    case 'e':
      return value ?? '';
    case 'b':
      return value === null || value.trim() === '' ? '' : Number(value) !== 0 ? 'TRUE' : 'FALSE';
    case 'd': {
      const date = new Date(value ?? '');
      return Number.isNaN(date.getTime()) ? (value ?? '') : dateText(date);
    }
    default: {
      if (value === null || value.trim() === '') return '';
      const number = Number(value);
      if (!Number.isFinite(number)) return value;
      return context.dateStyles.has(cell.style)
        ? dateText(excelDate(number, context.date1904))
        : numberText(number);
    }
  }
}

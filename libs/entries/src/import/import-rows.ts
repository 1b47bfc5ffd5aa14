import { CODE, normaliseCode } from '@app/events';
import { creditCodeProblem, normaliseCreditCode } from '@app/validators';
import { EntriesReason } from '../entries.errors';
import { EntryFields, NormalisedEntryFields, validateEntryFields } from '../entry/entry-rules';
import { ColumnMap, columnLabel, columnLetters, ImportColumnKey } from './import-columns';
import { ImportSheetRow } from './import-file';

/** The reasons a row gives of its own, on top of the entry field rules' (`EntriesReason`). */
export const ImportRowReason = {
  CATEGORY_REQUIRED: 'CATEGORY_REQUIRED',
  INVALID_CODE: 'INVALID_CODE',
  INVALID_CREDIT_CODE: 'INVALID_CREDIT_CODE',
  ENTRANT_REQUIRED: EntriesReason.ENTRANT_REQUIRED,
  INVALID_ITEM_COUNT: EntriesReason.INVALID_ITEM_COUNT,
  INVALID_YEAR: EntriesReason.INVALID_YEAR,
  DUPLICATE_ROW: 'DUPLICATE_ROW',
  UNNAMED_COLUMN: 'UNNAMED_COLUMN',
} as const;

export interface RowProblem {
  /** the column's header as written in the organiser's file (the template's when absent) */
  column: string;
  reason: string;
  message: string;
  /** which column, for clients that label it themselves; absent for a value under no header */
  field?: ImportColumnKey;
}

export interface ImportRow {
  rowNumber: number;
  /**
   * Who the entry is for: a valid, normalised credit code, and/or the name as written.
   * `creditCode` is null when the cell is blank or invalid (the row then has a problem).
   */
  entrant: { creditCode: string | null; name: string | null };
  /** upper case; '' when blank or invalid (the row then has a problem) */
  categoryCode: string;
  /** the title as validateEntryFields normalises it, even when the row has problems */
  title: string;
  /** the entry's fields when the row has no problems, else null */
  fields: NormalisedEntryFields | null;
  problems: RowProblem[];
}

/**
 * Several creators or patent numbers in one cell: 、 , ， ; ； / ／ or line breaks. Never `.` or
 * `。` (a patent number's check digit follows one), `·` (阿依古丽·买买提) or a space (John Smith;
 * `ZL 2013 1 0123456.2`).
 */
export const LIST_SEPARATORS = /[、,，;；/／\r\n]+/u;

export function splitList(text: string): string[] {
  return text
    .split(LIST_SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** A whole number as typed: `3`, `3.0`, `３`, `1,000`; a year may end in 年. */
function wholeNumber(text: string, unit: '' | '年'): number | null {
  let t = text.normalize('NFKC').trim();
  if (unit !== '' && t.endsWith(unit)) t = t.slice(0, -unit.length).trim();
  if (/^\d{1,3}(?:,\d{3})+$/u.test(t)) t = t.replace(/,/gu, '');
  const match = /^([+-]?\d+)(?:\.0*)?$/u.exec(t);
  return match ? Number(match[1]) : null;
}

/**
 * One data row, checked on its own: the entrant, the category code and every field rule of
 * `validateEntryFields`, every problem at once. What needs the database (does the entrant
 * exist, is the category a leaf of the event) is the caller's.
 */
export function interpretRow(
  row: ImportSheetRow,
  columns: ColumnMap,
  currentYear: number,
): ImportRow {
  const cell = (key: ImportColumnKey): string => {
    const ref = columns[key];
    return ref === undefined ? '' : (row.cells[ref.index] ?? '').trim();
  };
  const problems: RowProblem[] = [];
  const add = (field: ImportColumnKey, reason: string, message: string) =>
    problems.push({ column: columnLabel(columns, field), reason, message, field });

  // Values under a blank header would be lost without a word.
  const mapped = new Set(Object.values(columns).map((ref) => ref?.index));
  row.cells.forEach((value, index) => {
    if (value.trim() !== '' && !mapped.has(index)) {
      const letters = columnLetters(index + 1);
      problems.push({
        column: letters,
        reason: ImportRowReason.UNNAMED_COLUMN,
        message: `column ${letters} has a value but no header; name the column or clear it`,
      });
    }
  });

  // The entrant: by credit code, else by name.
  const rawCode = cell('creditCode');
  let creditCode: string | null = null;
  if (rawCode !== '') {
    const code = normaliseCreditCode(rawCode.normalize('NFKC').replace(/[\s-]+/gu, ''));
    const problem = creditCodeProblem(code);
    if (problem === null) creditCode = code;
    else {
      const hint = /^\d{16,}$/u.test(code)
        ? '; Excel keeps 15 digits of a number: format the column as text and type the code again'
        : '';
      add(
        'creditCode',
        ImportRowReason.INVALID_CREDIT_CODE,
        `"${rawCode}" is not a valid unified social credit code (${problem.toLowerCase().replace(/_/gu, ' ')})${hint}`,
      );
    }
  }
  const name = cell('entrantName') || null;
  if (rawCode === '' && name === null) {
    add(
      columns.creditCode ? 'creditCode' : 'entrantName',
      ImportRowReason.ENTRANT_REQUIRED,
      'give the entrant: its unified social credit code, or its registered name',
    );
  }

  // The category.
  const rawCategory = cell('categoryCode');
  let categoryCode = '';
  if (rawCategory === '') {
    add('categoryCode', ImportRowReason.CATEGORY_REQUIRED, 'the category code is required');
  } else {
    const code = normaliseCode(rawCategory.normalize('NFKC'));
    if (CODE.test(code)) categoryCode = code;
    else {
      add(
        'categoryCode',
        ImportRowReason.INVALID_CODE,
        `"${rawCategory}" is not a category code (A–Z, 0–9 and -, as in the Categories sheet)`,
      );
    }
  }

  // Numbers typed as text must be whole numbers before the field rules see them.
  const whole = (key: 'itemCount' | 'yearCreated'): number | null => {
    const text = cell(key);
    if (text === '') return null;
    const value = wholeNumber(text, key === 'yearCreated' ? '年' : '');
    if (value === null) {
      add(
        key,
        key === 'itemCount' ? ImportRowReason.INVALID_ITEM_COUNT : ImportRowReason.INVALID_YEAR,
        key === 'itemCount'
          ? `"${text}" is not a number of items (a whole number such as 3)`
          : `"${text}" is not a year (four digits such as 2024)`,
      );
    }
    return value;
  };

  const draft: EntryFields = {
    title: cell('title'),
    description: cell('description') || null,
    materials: cell('materials') || null,
    techniques: cell('techniques') || null,
    dimensions: cell('dimensions') || null,
    creators: splitList(cell('creators')),
    itemCount: whole('itemCount'),
    yearCreated: whole('yearCreated'),
    patentNumbers: splitList(cell('patentNumbers')),
  };
  const checked = validateEntryFields(draft, currentYear);
  if (!checked.ok) {
    for (const problem of checked.problems) {
      const field = problem.field as ImportColumnKey;
      const lineBreak =
        problem.reason === EntriesReason.INVALID_TEXT && /[\r\n]/u.test(cell(field));
      add(
        field,
        problem.reason,
        lineBreak
          ? 'line breaks are not allowed in this column (remove the Alt+Enter breaks)'
          : problem.message,
      );
    }
  }

  return {
    rowNumber: row.rowNumber,
    entrant: { creditCode, name },
    categoryCode,
    title: draft.title.replace(/\s+/gu, ' '),
    fields: checked.ok && problems.length === 0 ? checked.value : null,
    problems,
  };
}

export interface DuplicateRow {
  rowNumber: number;
  earlierRowNumber: number;
  problem: RowProblem;
}

/**
 * Rows that repeat an earlier row: the same entrant (by credit code, else by name), category
 * and title. Each later row gets a `DUPLICATE_ROW` problem naming the first. Rows whose
 * entrant, category or title is missing or invalid are not compared (they have problems).
 */
export function findDuplicateRows(
  rows: readonly ImportRow[],
  columns: ColumnMap = {},
): DuplicateRow[] {
  const firstSeen = new Map<string, number>();
  const duplicates: DuplicateRow[] = [];
  for (const row of rows) {
    const entrant =
      row.entrant.creditCode !== null
        ? `code:${row.entrant.creditCode}`
        : row.entrant.name !== null
          ? `name:${row.entrant.name}`
          : null;
    if (entrant === null || row.categoryCode === '' || row.title === '') continue;
    const key = JSON.stringify([entrant, row.categoryCode, row.title]);
    const earlier = firstSeen.get(key);
    if (earlier === undefined) {
      firstSeen.set(key, row.rowNumber);
      continue;
    }
    duplicates.push({
      rowNumber: row.rowNumber,
      earlierRowNumber: earlier,
      problem: {
        column: columnLabel(columns, 'title'),
        reason: ImportRowReason.DUPLICATE_ROW,
        message: `the same entry (entrant, category and title) as row ${earlier}`,
        field: 'title',
      },
    });
  }
  return duplicates;
}

/**
 * Marks each row that repeats an earlier one (findDuplicateRows) with its problem; it then has
 * no fields to store.
 */
export function markDuplicateRows(rows: readonly ImportRow[], columns: ColumnMap): void {
  const byNumber = new Map(rows.map((row) => [row.rowNumber, row]));
  for (const duplicate of findDuplicateRows(rows, columns)) {
    const row = byNumber.get(duplicate.rowNumber)!;
    row.problems.push(duplicate.problem);
    row.fields = null;
  }
}

/**
 * Every data row interpreted, duplicates marked: what the import service stores when no row
 * has a problem. A row with a problem has `fields: null`.
 */
export function interpretRows(
  rows: readonly ImportSheetRow[],
  columns: ColumnMap,
  currentYear: number,
): ImportRow[] {
  const interpreted = rows.map((row) => interpretRow(row, columns, currentYear));
  markDuplicateRows(interpreted, columns);
  return interpreted;
}

import { creditCodeProblem, normaliseCreditCode } from '@app/validators';
import { CODE, normaliseCode } from '@app/events';
import { EntryFields, NormalisedEntryFields, validateEntryFields } from '../entry/entry-rules';
import { ColumnMap, IMPORT_COLUMNS, ImportColumnKey, headerOf } from './import-columns';

export interface RowProblem {
  /** the template's header of the column at fault */
  column: string;
  reason: string;
  message: string;
}

export interface ImportRow {
  rowNumber: number;
  entrant: { creditCode: string | null; name: string | null };
  categoryCode: string | null;
  fields: NormalisedEntryFields | null;
  problems: RowProblem[];
}

/** Several names or numbers in one cell: 、 , ， ; ； or line breaks (never `.`, which patent numbers hold). */
const LIST_SEPARATORS = /[、,，;；\r\n]+/u;

const header = (key: ImportColumnKey) => headerOf(IMPORT_COLUMNS.find((c) => c.key === key)!);

export function interpretRow(
  row: { rowNumber: number; cells: string[] },
  columns: ColumnMap,
  currentYear: number,
): ImportRow {
  const cell = (key: ImportColumnKey) => {
    const index = columns[key];
    return index === undefined ? '' : (row.cells[index] ?? '').trim();
  };
  const problems: RowProblem[] = [];

  let creditCode: string | null =
    cell('creditCode') === '' ? null : normaliseCreditCode(cell('creditCode'));
  if (creditCode !== null) {
    const problem = creditCodeProblem(creditCode);
    if (problem) {
      problems.push({
        column: header('creditCode'),
        reason: 'INVALID_CREDIT_CODE',
        message: `${cell('creditCode')} is not a valid unified social credit code (${problem})`,
      });
      creditCode = null;
    }
  }
  const name = cell('entrantName') || null;
  if (!creditCode && !name && !problems.length) {
    problems.push({
      column: header('entrantName'),
      reason: 'ENTRANT_REQUIRED',
      message: 'give the entrant by credit code or by name',
    });
  }

  let categoryCode: string | null = normaliseCode(cell('categoryCode'));
  if (categoryCode === '') {
    problems.push({
      column: header('categoryCode'),
      reason: 'CATEGORY_REQUIRED',
      message: 'the category code is required',
    });
    categoryCode = null;
  } else if (!CODE.test(categoryCode)) {
    problems.push({
      column: header('categoryCode'),
      reason: 'INVALID_CODE',
      message: `${categoryCode} is not a category code (A–Z, 0–9 and -)`,
    });
    categoryCode = null;
  }

  const whole = (key: 'itemCount' | 'yearCreated', reason: string): number | null => {
    const text = cell(key);
    if (text === '') return null;
    const value = Number(text);
    if (!Number.isInteger(value)) {
      problems.push({ column: header(key), reason, message: `"${text}" is not a whole number` });
      return null;
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
    itemCount: whole('itemCount', 'INVALID_ITEM_COUNT'),
    yearCreated: whole('yearCreated', 'INVALID_YEAR'),
    patentNumbers: splitList(cell('patentNumbers')),
  };
  const checked = validateEntryFields(draft, currentYear);
  if (!checked.ok) {
    for (const p of checked.problems)
      problems.push({
        column: header(p.field as ImportColumnKey),
        reason: p.reason,
        message: p.message,
      });
  }
  return {
    rowNumber: row.rowNumber,
    entrant: { creditCode, name },
    categoryCode,
    fields: checked.ok ? checked.value : null,
    problems,
  };
}

export function splitList(text: string): string[] {
  return text
    .split(LIST_SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** A later row with the same entrant, category and title as an earlier one is a duplicate. */
export function findDuplicateRows(
  rows: readonly ImportRow[],
): Array<{ rowNumber: number; problem: RowProblem }> {
  const firstSeen = new Map<string, number>();
  const duplicates: Array<{ rowNumber: number; problem: RowProblem }> = [];
  for (const row of rows) {
    if (!row.fields || !row.categoryCode) continue;
    const key = JSON.stringify([
      row.entrant.creditCode ?? `name:${row.entrant.name}`,
      row.categoryCode,
      row.fields.title,
    ]);
    const earlier = firstSeen.get(key);
    if (earlier === undefined) firstSeen.set(key, row.rowNumber);
    else {
      duplicates.push({
        rowNumber: row.rowNumber,
        problem: {
          column: header('title'),
          reason: 'DUPLICATE_ROW',
          message: `the same entry as row ${earlier}`,
        },
      });
    }
  }
  return duplicates;
}

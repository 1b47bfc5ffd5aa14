import { normalisePatentNumber, patentNumberProblem } from '@app/validators';
import { EntriesReason } from '../entries.errors';

/**
 * The rules of an entry's fields, as a pure function shared by the GraphQL mutations and the
 * bulk import: the same input gets the same problems wherever it comes from. No clock: the
 * caller passes the current year.
 */

export const ENTRY_LIMITS = {
  title: 200,
  description: 5_000,
  shortText: 500,
  creatorName: 100,
  creators: 20,
  patentNumbers: 20,
  itemCount: 100_000,
  earliestYear: 1900,
} as const;

export interface EntryFields {
  title: string;
  description?: string | null;
  materials?: string | null;
  techniques?: string | null;
  dimensions?: string | null;
  creators?: readonly string[] | null;
  itemCount?: number | null;
  yearCreated?: number | null;
  patentNumbers?: readonly string[] | null;
}

export interface NormalisedEntryFields {
  title: string;
  description: string | null;
  materials: string | null;
  techniques: string | null;
  dimensions: string | null;
  creators: string[];
  itemCount: number;
  yearCreated: number | null;
  patentNumbers: string[];
}

export interface FieldProblem {
  field: keyof EntryFields;
  reason: EntriesReason;
  message: string;
  /** the offending value, when it helps (a patent number, a creator's name) */
  value?: string | number;
}

export type EntryFieldsResult =
  { ok: true; value: NormalisedEntryFields } | { ok: false; problems: FieldProblem[] };

/** Letters of any script, marks, spaces and the punctuation real names use (· for 阿依古丽·买买提). */
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .·'’-]*$/u;
/** Control characters (other than line breaks and tabs in long text) never belong in a field. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

function length(text: string): number {
  return [...text].length; // code points: 𠮷 is one character
}

export function validateEntryFields(input: EntryFields, currentYear: number): EntryFieldsResult {
  const problems: FieldProblem[] = [];

  const title = (input.title ?? '').trim().replace(/\s+/gu, ' ');
  if (title === '') {
    problems.push({
      field: 'title',
      reason: EntriesReason.TITLE_REQUIRED,
      message: 'the title is required',
    });
  }
  checkText('title', title, ENTRY_LIMITS.title, problems, false);

  const description = optionalText(
    'description',
    input.description,
    ENTRY_LIMITS.description,
    problems,
    true,
  );
  const materials = optionalText(
    'materials',
    input.materials,
    ENTRY_LIMITS.shortText,
    problems,
    false,
  );
  const techniques = optionalText(
    'techniques',
    input.techniques,
    ENTRY_LIMITS.shortText,
    problems,
    false,
  );
  const dimensions = optionalText(
    'dimensions',
    input.dimensions,
    ENTRY_LIMITS.shortText,
    problems,
    false,
  );

  const creators = creatorsOf(input.creators ?? [], problems);

  const itemCount = input.itemCount ?? 1;
  if (!Number.isInteger(itemCount) || itemCount < 1 || itemCount > ENTRY_LIMITS.itemCount) {
    problems.push({
      field: 'itemCount',
      reason: EntriesReason.INVALID_ITEM_COUNT,
      message: `the number of items must be a whole number from 1 to ${ENTRY_LIMITS.itemCount}`,
      value: itemCount,
    });
  }

  const yearCreated = input.yearCreated ?? null;
  if (
    yearCreated !== null &&
    (!Number.isInteger(yearCreated) ||
      yearCreated < ENTRY_LIMITS.earliestYear ||
      yearCreated > currentYear)
  ) {
    problems.push({
      field: 'yearCreated',
      reason: EntriesReason.INVALID_YEAR,
      message: `the year made must be from ${ENTRY_LIMITS.earliestYear} to ${currentYear}`,
      value: yearCreated,
    });
  }

  const patentNumbers = patentNumbersOf(input.patentNumbers ?? [], problems);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      title,
      description,
      materials,
      techniques,
      dimensions,
      creators,
      itemCount,
      yearCreated,
      patentNumbers,
    },
  };
}

function checkText(
  field: keyof EntryFields,
  text: string,
  max: number,
  problems: FieldProblem[],
  multiline: boolean,
): void {
  if (length(text) > max) {
    problems.push({
      field,
      reason: EntriesReason.TEXT_TOO_LONG,
      message: `${field} is longer than ${max} characters`,
    });
  }
  if (CONTROL.test(text) || (!multiline && /[\r\n\t]/u.test(text))) {
    problems.push({
      field,
      reason: EntriesReason.INVALID_TEXT,
      message: `${field} contains control characters`,
    });
  }
}

function optionalText(
  field: keyof EntryFields,
  value: string | null | undefined,
  max: number,
  problems: FieldProblem[],
  multiline: boolean,
): string | null {
  if (value === null || value === undefined) return null;
  const text = multiline ? value.trim() : value.trim().replace(/[ \u3000]+/gu, ' ');
  if (text === '') return null;
  checkText(field, text, max, problems, multiline);
  return text;
}

function creatorsOf(values: readonly string[], problems: FieldProblem[]): string[] {
  const creators: string[] = [];
  for (const raw of values) {
    const name = raw.trim().replace(/\s+/gu, ' ');
    if (name === '' || length(name) > ENTRY_LIMITS.creatorName || !NAME.test(name)) {
      problems.push({
        field: 'creators',
        reason: EntriesReason.INVALID_CREATOR_NAME,
        message: `"${raw}" is not a person's name`,
        value: raw,
      });
    } else if (creators.includes(name)) {
      problems.push({
        field: 'creators',
        reason: EntriesReason.DUPLICATE_CREATOR,
        message: `${name} is listed twice`,
        value: name,
      });
    } else {
      creators.push(name);
    }
  }
  if (values.length > ENTRY_LIMITS.creators) {
    problems.push({
      field: 'creators',
      reason: EntriesReason.TOO_MANY_CREATORS,
      message: `at most ${ENTRY_LIMITS.creators} creators`,
    });
  }
  return creators;
}

function patentNumbersOf(values: readonly string[], problems: FieldProblem[]): string[] {
  const numbers: string[] = [];
  for (const raw of values) {
    const number = normalisePatentNumber(raw);
    const problem = patentNumberProblem(number);
    if (problem !== null) {
      problems.push({
        field: 'patentNumbers',
        reason: EntriesReason.INVALID_PATENT_NUMBER,
        message: `"${raw}" is not a valid Chinese patent number (${problem.toLowerCase().replace(/_/g, ' ')})`,
        value: raw,
      });
    } else if (numbers.includes(number)) {
      problems.push({
        field: 'patentNumbers',
        reason: EntriesReason.DUPLICATE_PATENT_NUMBER,
        message: `${number} is listed twice`,
        value: number,
      });
    } else {
      numbers.push(number);
    }
  }
  if (values.length > ENTRY_LIMITS.patentNumbers) {
    problems.push({
      field: 'patentNumbers',
      reason: EntriesReason.TOO_MANY_PATENT_NUMBERS,
      message: `at most ${ENTRY_LIMITS.patentNumbers} patent numbers`,
    });
  }
  return numbers;
}

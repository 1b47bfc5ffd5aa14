import { registerEnumType } from '@nestjs/graphql';
import { BadUserInput } from '@app/core';
import { EntriesReason } from '../entries.errors';
import { EntryStatus } from './entry-status';
import type { EntryEntity } from './entry.entity';

/**
 * The orders an entry list can take. Each is a keyset order (the key, then the id), so a page
 * stays right while entries are screened or filed meanwhile. There is no order by entrant name:
 * the name is the identity domain's, and sorting by it would put its table into this query; the
 * search finds an entrant's entries instead.
 */
export enum EntrySortKey {
  /** the order they were filed in (the default) */
  FILED = 'FILED',
  /** time of submission; drafts (none yet) first */
  SUBMITTED = 'SUBMITTED',
  /** exhibit code; entries without one (not accepted) first */
  CODE = 'CODE',
  TITLE = 'TITLE',
  /** along the lifecycle: draft, submitted, accepted, rejected, withdrawn, disqualified */
  STATUS = 'STATUS',
}
registerEnumType(EntrySortKey, { name: 'EntrySortKey' });

export interface EntrySort {
  key: EntrySortKey;
  descending?: boolean | null;
}

const LIFECYCLE: readonly EntryStatus[] = [
  EntryStatus.DRAFT,
  EntryStatus.SUBMITTED,
  EntryStatus.ACCEPTED,
  EntryStatus.REJECTED,
  EntryStatus.WITHDRAWN,
  EntryStatus.DISQUALIFIED,
];

type KeyValue = string | number | null;

interface KeyColumn {
  /** the SQL expression ordered by (alias `e` is the entries table) */
  sql: string;
  nullable: boolean;
  /** the key's value for a row, as the cursor keeps it (JSON) */
  valueOf(entry: EntryEntity): KeyValue;
  /** the cursor's value as an SQL parameter */
  param(value: string | number): unknown;
  /** whether a non-null value read from a cursor can be this key's */
  accepts(value: string | number): boolean;
}

const asDate = (value: string | number): Date => new Date(value);
const same = (value: string | number): string | number => value;
const isDate = (value: string | number) =>
  typeof value === 'string' && !Number.isNaN(new Date(value).getTime());
const isText = (value: string | number) => typeof value === 'string';

const KEYS: Record<EntrySortKey, KeyColumn> = {
  FILED: {
    sql: 'e.created_at',
    nullable: false,
    valueOf: (e) => e.createdAt.toISOString(),
    param: asDate,
    accepts: isDate,
  },
  SUBMITTED: {
    sql: 'e.submitted_at',
    nullable: true,
    valueOf: (e) => e.submittedAt?.toISOString() ?? null,
    param: asDate,
    accepts: isDate,
  },
  CODE: { sql: 'e.code', nullable: true, valueOf: (e) => e.code, param: same, accepts: isText },
  TITLE: { sql: 'e.title', nullable: false, valueOf: (e) => e.title, param: same, accepts: isText },
  STATUS: {
    sql: `FIELD(e.status, ${LIFECYCLE.map((s) => `'${s}'`).join(', ')})`,
    nullable: false,
    valueOf: (e) => LIFECYCLE.indexOf(e.status) + 1,
    param: same,
    accepts: (value) => Number.isInteger(value) && Number(value) >= 1,
  },
};

/** The default order keeps the cursors given out before sorting existed: [createdAt, id]. */
export function isFilingOrder(sort: EntrySort | null | undefined): boolean {
  return !sort || (sort.key === EntrySortKey.FILED && !sort.descending);
}

/** ORDER BY for a sort; MariaDB puts NULLs first ascending and last descending. */
export function orderBySql(sort: EntrySort): string {
  const dir = sort.descending ? 'DESC' : 'ASC';
  return `${KEYS[sort.key].sql} ${dir}, e.id ${dir}`;
}

export interface SortCursor {
  key: EntrySortKey;
  descending: boolean;
  value: KeyValue;
  id: string;
}

/** The rows after the cursor in the sort's order (the cursor's sort must be the page's). */
export function afterCursorSql(
  sort: EntrySort,
  cursor: SortCursor,
): { sql: string; params: unknown[] } {
  const column = KEYS[sort.key];
  const k = column.sql;
  if (cursor.key !== sort.key || cursor.descending !== Boolean(sort.descending)) {
    throw new BadUserInput(EntriesReason.INVALID_CURSOR, 'after was given for another order');
  }
  if (cursor.value === null) {
    // Inside the NULL group: first ascending (then every non-null), last descending.
    return sort.descending
      ? { sql: `(${k} IS NULL AND e.id < ?)`, params: [cursor.id] }
      : { sql: `(${k} IS NOT NULL OR e.id > ?)`, params: [cursor.id] };
  }
  const value = column.param(cursor.value);
  const [cmp, idCmp] = sort.descending ? ['<', '<'] : ['>', '>'];
  const nullsAfter = sort.descending && column.nullable ? ` OR ${k} IS NULL` : '';
  return {
    sql: `(${k} ${cmp} ? OR (${k} = ? AND e.id ${idCmp} ?)${nullsAfter})`,
    params: [value, value, cursor.id],
  };
}

export function encodeSortCursor(entry: EntryEntity, sort: EntrySort): string {
  const value = KEYS[sort.key].valueOf(entry);
  return Buffer.from(JSON.stringify([sort.key, sort.descending ? 1 : 0, value, entry.id])).toString(
    'base64url',
  );
}

export function decodeSortCursor(text: string): SortCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 4) {
      const [key, descending, value, id] = parsed as unknown[];
      const column =
        typeof key === 'string' && Object.hasOwn(KEYS, key) ? KEYS[key as EntrySortKey] : undefined;
      const valueOk =
        value === null
          ? column?.nullable
          : (typeof value === 'string' || typeof value === 'number') && column?.accepts(value);
      if (
        column &&
        (descending === 0 || descending === 1) &&
        valueOk &&
        typeof id === 'string' &&
        /^[0-9a-f-]{36}$/.test(id)
      ) {
        return {
          key: key as EntrySortKey,
          descending: descending === 1,
          value: value as KeyValue,
          id,
        };
      }
    }
  } catch {
    // falls through to the error below
  }
  throw new BadUserInput(EntriesReason.INVALID_CURSOR, 'after is not a cursor this API gave out');
}

import { DomainError } from '@app/core';
import {
  afterCursorSql,
  decodeSortCursor,
  encodeSortCursor,
  EntrySortKey,
  isFilingOrder,
  orderBySql,
} from './entry-sort';
import { EntryStatus } from './entry-status';
import type { EntryEntity } from './entry.entity';

const ID = '0b6f4c1e-8d2a-4f7e-9a51-3c2d1e0f9a8b';
const entry = (extra: Partial<EntryEntity>) =>
  ({ id: ID, title: '茶具', code: null, status: EntryStatus.DRAFT, ...extra }) as EntryEntity;
const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.reason : 'not a DomainError';
  }
  return 'no error';
};

describe('entry list orders', () => {
  it('the filing order, oldest first, is the default and keeps its old cursors', () => {
    expect(isFilingOrder(null)).toBe(true);
    expect(isFilingOrder({ key: EntrySortKey.FILED })).toBe(true);
    expect(isFilingOrder({ key: EntrySortKey.FILED, descending: true })).toBe(false);
    expect(isFilingOrder({ key: EntrySortKey.TITLE })).toBe(false);
  });

  it('orders by the key, then the id, both the same way', () => {
    expect(orderBySql({ key: EntrySortKey.TITLE })).toBe('e.title ASC, e.id ASC');
    expect(orderBySql({ key: EntrySortKey.CODE, descending: true })).toBe('e.code DESC, e.id DESC');
    expect(orderBySql({ key: EntrySortKey.STATUS })).toMatch(
      /^FIELD\(e\.status, 'DRAFT', 'SUBMITTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'DISQUALIFIED'\) ASC/,
    );
  });

  it('a cursor says its order, and reads back what was written', () => {
    const sort = { key: EntrySortKey.STATUS, descending: true };
    const cursor = decodeSortCursor(
      encodeSortCursor(entry({ status: EntryStatus.ACCEPTED }), sort),
    );
    expect(cursor).toEqual({ key: 'STATUS', descending: true, value: 3, id: ID });
    const submitted = new Date('2026-03-01T08:00:00.123Z');
    expect(
      decodeSortCursor(
        encodeSortCursor(entry({ submittedAt: submitted }), { key: EntrySortKey.SUBMITTED }),
      ).value,
    ).toBe('2026-03-01T08:00:00.123Z');
  });

  it('refuses forged cursors as INVALID_CURSOR', () => {
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const text of [
      'nope',
      forge(['TITLE', 0, 'x', 'not-an-id']),
      forge(['toString', 0, 'x', ID]),
      forge(['TITLE', 0, null, ID]), // a title is never null
      forge(['SUBMITTED', 0, 'yesterday', ID]),
      forge(['STATUS', 0, 'ACCEPTED', ID]),
      forge(['CODE', 2, 'A', ID]),
    ]) {
      expect(reason(() => decodeSortCursor(text))).toBe('INVALID_CURSOR');
    }
    const byTitle = decodeSortCursor(forge(['TITLE', 0, 'x', ID]));
    expect(reason(() => afterCursorSql({ key: EntrySortKey.CODE }, byTitle))).toBe(
      'INVALID_CURSOR',
    );
    expect(
      reason(() => afterCursorSql({ key: EntrySortKey.TITLE, descending: true }, byTitle)),
    ).toBe('INVALID_CURSOR');
  });

  it('the rows after a cursor: NULLs first ascending, last descending', () => {
    const code = (descending: boolean, value: string | null) =>
      afterCursorSql(
        { key: EntrySortKey.CODE, descending },
        { key: EntrySortKey.CODE, descending, value, id: ID },
      );
    expect(code(false, 'TC-01-0001')).toEqual({
      sql: '(e.code > ? OR (e.code = ? AND e.id > ?))',
      params: ['TC-01-0001', 'TC-01-0001', ID],
    });
    expect(code(true, 'TC-01-0001')).toEqual({
      sql: '(e.code < ? OR (e.code = ? AND e.id < ?) OR e.code IS NULL)',
      params: ['TC-01-0001', 'TC-01-0001', ID],
    });
    expect(code(false, null)).toEqual({ sql: '(e.code IS NOT NULL OR e.id > ?)', params: [ID] });
    expect(code(true, null)).toEqual({ sql: '(e.code IS NULL AND e.id < ?)', params: [ID] });
    // a key that is never NULL has no NULL group to add
    const title = afterCursorSql(
      { key: EntrySortKey.TITLE, descending: true },
      { key: EntrySortKey.TITLE, descending: true, value: '茶具', id: ID },
    );
    expect(title.sql).toBe('(e.title < ? OR (e.title = ? AND e.id < ?))');
    const submitted = afterCursorSql(
      { key: EntrySortKey.SUBMITTED },
      { key: EntrySortKey.SUBMITTED, descending: false, value: '2026-03-01T08:00:00.000Z', id: ID },
    );
    expect(submitted.params[0]).toEqual(new Date('2026-03-01T08:00:00.000Z'));
  });
});

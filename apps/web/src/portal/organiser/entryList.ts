import type { EntryFilter, EntrySort, EntrySortKey, EntryStatus } from '../../gql/app';
import { Locale, translator } from '../../i18n';
import { labelOf } from '../labelOf';
import { describeRefusal } from '../refusal';

/** What the organiser chose above the entry list. Empty strings: no filter. */
export interface EntryListChoice {
  search: string;
  categoryId: string;
  regionCode: string;
  status: EntryStatus | '';
  sortKey: EntrySortKey;
  descending: boolean;
}

export const NO_CHOICE: EntryListChoice = {
  search: '',
  categoryId: '',
  regionCode: '',
  status: '',
  sortKey: 'FILED',
  descending: false,
};

export const SORT_KEYS: readonly EntrySortKey[] = ['FILED', 'SUBMITTED', 'CODE', 'TITLE', 'STATUS'];

/** The choice as the query's `filter` and `sort`, leaving out what was not chosen. */
export function listVariables(choice: EntryListChoice): { filter: EntryFilter; sort: EntrySort } {
  const filter: EntryFilter = {};
  const search = choice.search.trim();
  if (search) filter.search = search;
  if (choice.categoryId) filter.categoryId = choice.categoryId;
  if (choice.regionCode) filter.regionCode = choice.regionCode;
  if (choice.status) filter.status = choice.status;
  return { filter, sort: { key: choice.sortKey, descending: choice.descending } };
}

/** The selection with `id` added or taken out. */
export function toggled(selection: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selection);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/**
 * Whether an entry can be screened (accepted or rejected) at all: only a submitted one can; the
 * list marks the others instead of letting them be selected only to come back refused.
 */
export function screenable(entry: { status: EntryStatus }): boolean {
  return entry.status === 'SUBMITTED';
}

/** The page's entries all selected (on) or all taken out (off); others stay as they were. */
export function withPage(
  selection: ReadonlySet<string>,
  pageIds: readonly string[],
  on: boolean,
): Set<string> {
  const next = new Set(selection);
  for (const id of pageIds) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}

export interface Refused {
  entryId: string;
  code: string;
  reason: string;
  status: EntryStatus | null;
}

/**
 * One line per entry a bulk screening left, in the user's words: the entry (its code or title)
 * and why, with its status when that is why. Never the server's codes.
 */
export function refusalLines(
  locale: Locale,
  refused: readonly Refused[],
  nameOf: (entryId: string) => string,
): string[] {
  const t = translator(locale);
  return refused.map((r) => {
    // The list shows each entry's status already: "reload to see the latest" would mislead.
    let why = describeRefusal(
      locale,
      { code: r.code, reason: r.reason },
      { INVALID_TRANSITION: 'bulkNotScreenable' },
    );
    if (r.status) why += t('bulkRefusedStatus', { status: labelOf(t, 'EntryStatus', r.status) });
    return t('bulkRefusedLine', { entry: nameOf(r.entryId), why });
  });
}

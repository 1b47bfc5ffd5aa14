import { useCallback, useEffect, useRef, useState } from 'react';
import type { EntryFilter } from '../gql/app';
import { useI18n } from '../i18n';
import { ENTRIES, PortalEntry } from './ops';
import { describeError } from './describeError';
import { useGqlClient } from './useGql';

/** The API's largest page (contract: `entries(first)` at most 100). */
export const PAGE_SIZE = 100;

interface Loaded {
  entries: PortalEntry[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * `entries(...)` page after page: the first page on mount (and whenever the filter changes),
 * the next one on `loadMore`, following the cursor. The cursor is keyset (an entry decided or
 * added meanwhile neither repeats nor makes another one skipped), so pages simply append.
 */
export function useEntryPages(
  eventId: string,
  filter: EntryFilter,
  options: { pageSize?: number; skip?: boolean } = {},
) {
  const client = useGqlClient();
  const i18n = useI18n();
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const key = JSON.stringify({ eventId, filter, pageSize });
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A page of an older filter that answers late is dropped.
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (after: string | null): Promise<Loaded> => {
      const variables = JSON.parse(key) as {
        eventId: string;
        filter: EntryFilter;
        pageSize: number;
      };
      const { entries } = await client(ENTRIES, {
        eventId: variables.eventId,
        filter: variables.filter,
        first: variables.pageSize,
        after,
      });
      return {
        entries: entries.edges.map((e) => e.node),
        totalCount: entries.totalCount,
        hasNextPage: entries.pageInfo.hasNextPage,
        endCursor: entries.pageInfo.endCursor,
      };
    },
    [client, key],
  );

  useEffect(() => {
    const mine = ++generation.current;
    setLoaded(null);
    setError(null);
    if (options.skip) return;
    fetchPage(null).then(
      (page) => mine === generation.current && setLoaded(page),
      (caught) => mine === generation.current && setError(describeError(i18n, caught)),
    );
  }, [fetchPage, options.skip, i18n]);

  const loadMore = useCallback(async () => {
    if (!loaded?.hasNextPage || busy) return;
    const mine = generation.current;
    setBusy(true);
    try {
      const page = await fetchPage(loaded.endCursor);
      if (mine !== generation.current) return;
      const seen = new Set(loaded.entries.map((e) => e.id));
      setLoaded({
        ...page,
        entries: [...loaded.entries, ...page.entries.filter((e) => !seen.has(e.id))],
      });
      setError(null);
    } catch (caught) {
      if (mine === generation.current) setError(describeError(i18n, caught));
    } finally {
      setBusy(false);
    }
  }, [loaded, busy, fetchPage, i18n]);

  return {
    entries: loaded?.entries ?? [],
    totalCount: loaded?.totalCount ?? 0,
    hasNextPage: loaded?.hasNextPage ?? false,
    loaded: loaded !== null,
    error,
    busy,
    loadMore,
  };
}

export type EntryPages = ReturnType<typeof useEntryPages>;

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, gql, NetworkError } from '../api';
import type { TypedDocumentString } from '../gql/app';
import { keyOf, MessageKey, Translate, useI18n } from '../i18n';
import { useServices } from '../services';

/** A refusal as the person reads it: the reason's own words when the table has them. */
export function describeError(t: Translate, error: unknown): string {
  if (error instanceof NetworkError) return t('networkDown');
  if (error instanceof ApiError) {
    const key = keyOf('why_', error.reason ?? error.code, 'errorGeneric');
    return key === 'errorGeneric' ? t('errorGeneric', { message: error.message }) : t(key);
  }
  return t('errorGeneric', { message: (error as Error)?.message ?? String(error) });
}

/** Runs GraphQL with the signed-in token; an expired session signs out. */
export function useGqlClient() {
  const { session } = useServices();
  return useCallback(
    async <T, V>(query: TypedDocumentString<T, V>, variables: V): Promise<T> => {
      try {
        return await gql(query, variables, session.token());
      } catch (error) {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') session.forget();
        throw error;
      }
    },
    [session],
  );
}

interface QueryOptions {
  pollMs?: number;
  skip?: boolean;
}

/** The variables of a document and the options after them; none to give when none is required. */
type QueryArgs<V> =
  Record<string, never> extends V
    ? [variables?: V, options?: QueryOptions]
    : [variables: V, options?: QueryOptions];

/**
 * A query (a generated document: the answer is typed by it) loaded on mount and whenever its
 * variables change; `reload` fetches it again and `pollMs` keeps it fresh (live progress,
 * photos being processed).
 */
export function useQuery<T, V>(query: TypedDocumentString<T, V>, ...args: QueryArgs<V>) {
  const variables = args[0] ?? ({} as V);
  const options: QueryOptions = args[1] ?? {};
  const client = useGqlClient();
  const { t } = useI18n();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(variables);
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const answer = await client(query, JSON.parse(key) as V);
      if (mine === generation.current) {
        setData(answer);
        setError(null);
      }
    } catch (caught) {
      if (mine === generation.current) setError(describeError(t, caught));
    }
  }, [client, query, key, t]);

  useEffect(() => {
    if (options.skip) return;
    void reload();
    if (!options.pollMs) return;
    const timer = window.setInterval(() => void reload(), options.pollMs);
    return () => window.clearInterval(timer);
  }, [reload, options.pollMs, options.skip]);

  return { data, error, reload, setData };
}

/**
 * A mutation with its busy flag and its refusal, shown next to the button that ran it.
 * `explain` words a reason for this action where the shared words say too little (e.g. an
 * INVALID_TRANSITION of a disqualification).
 */
export function useMutation(explain: Partial<Record<string, MessageKey>> = {}) {
  const client = useGqlClient();
  const { t } = useI18n();
  const explained = useRef(explain);
  explained.current = explain;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async <T, V>(query: TypedDocumentString<T, V>, variables: V): Promise<T | null> => {
      setBusy(true);
      setError(null);
      try {
        return await client(query, variables);
      } catch (caught) {
        const own = caught instanceof ApiError ? explained.current[caught.reason ?? ''] : undefined;
        setError(own ? t(own) : describeError(t, caught));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [client, t],
  );
  return { run, busy, error, setError };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, gql } from '../api';
import type { TypedDocumentString } from '../gql/app';
import { useI18n } from '../i18n';
import { useServices } from '../services';
import { describeError } from './describeError';
import { refusalOf, type OwnWords, type Refusal } from './refusal';

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
  const i18n = useI18n();
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
      if (mine === generation.current) setError(describeError(i18n, caught));
    }
  }, [client, query, key, i18n]);

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
export function useMutation(explain: OwnWords = {}) {
  const client = useGqlClient();
  const i18n = useI18n();
  const explained = useRef(explain);
  explained.current = explain;
  const [busy, setBusy] = useState(false);
  const [error, setErrorText] = useState<string | null>(null);
  // The refusal behind `error`, so a form can tell which field it concerned (and clear it when
  // that field is edited); null for a sentence set by the form itself.
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const setError = useCallback((text: string | null) => {
    setErrorText(text);
    setRefusal(null);
  }, []);
  const run = useCallback(
    async <T, V>(query: TypedDocumentString<T, V>, variables: V): Promise<T | null> => {
      setBusy(true);
      setError(null);
      try {
        return await client(query, variables);
      } catch (caught) {
        setErrorText(describeError(i18n, caught, explained.current));
        setRefusal(refusalOf(caught));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [client, i18n, setError],
  );
  return { run, busy, error, setError, refusal };
}

import { useCallback, useEffect, useState } from 'react';
import { usePublicI18n } from './publicI18n';
import { describePublicError } from './describePublicError';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  reload: () => void;
}

/** Runs a public query when its key changes; a failure becomes a sentence for the visitor. */
export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const { t, locale } = usePublicI18n();
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null }>({
    key: '',
    data: null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ key, data, error: null }),
      (error: unknown) =>
        void describePublicError(locale, t, error).then(
          (sentence) => live && setState({ key, data: null, error: sentence }),
        ),
    );
    return () => {
      live = false;
    };
    // load is a new closure each render; the key says when to load again.
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const current = state.key === key;
  return { data: current ? state.data : null, error: current ? state.error : null, reload };
}

import { useEffect, useState } from 'react';
import { ApiError } from '../api';
import { JudgeData } from '../session';
import { useServices, useStore } from '../services';

/** The judge's rounds and assignments, loaded once per sign-in (or the copy on the tablet). */
export function useJudgeData(): { data: JudgeData | null; error: string | null } {
  const { session } = useServices();
  const data = useStore(session.data);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (data || session.loading.get()) return;
    session.load().catch((caught: unknown) => {
      if (caught instanceof ApiError && caught.code === 'UNAUTHENTICATED') session.forget();
      else setError((caught as Error).message);
    });
  }, [data, session]);
  return { data, error };
}

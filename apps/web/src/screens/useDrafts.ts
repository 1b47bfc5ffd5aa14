import { useEffect, useState } from 'react';
import { drafts } from '../drafts';
import { useServices, useStore } from '../services';

/** Loads the signed-in judge's drafts from the tablet; true once they are there. */
export function useDrafts(): boolean {
  const { session } = useServices();
  const judgeId = useStore(session.session)?.user.id ?? null;
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  useEffect(() => {
    if (!judgeId) return;
    let current = true;
    void drafts
      .load(judgeId)
      .catch(() => undefined)
      .then(() => {
        if (current) setLoadedFor(judgeId);
      });
    return () => {
      current = false;
    };
  }, [judgeId]);
  return judgeId !== null && loadedFor === judgeId;
}

import { useEffect } from 'react';
import { Assignment } from '../api';
import { useI18n } from '../i18n';
import { photoKeeper } from '../offline/photo-cache';
import { useServices, useStore } from '../services';

/**
 * "Ready offline: N of M entries" for a round, and the download that makes it so: opened
 * online, the round's photos are fetched ahead (offline/photo-cache.ts); offline, what is kept
 * is only counted.
 */
export function OfflineReadiness({
  roundId,
  assignments,
  live,
}: {
  roundId: string;
  assignments: Assignment[];
  /** the assignments came from the server now, not from the tablet's copy */
  live: boolean;
}) {
  const { t } = useI18n();
  const { online } = useServices();
  const isOnline = useStore(online);
  const readiness = useStore(photoKeeper.readiness(roundId));
  // A new list (loaded, or a recusal) or the network coming back counts and fetches again.
  const key = assignments.map((a) => `${a.id}:${a.status}`).join(',');
  useEffect(() => {
    void photoKeeper.keep(roundId, assignments, live && isOnline);
    // key stands for the assignments (their ids and statuses): the array is new at each render.
  }, [roundId, key, live, isOnline]);
  if (!readiness.supported) return <p className="note">{t('offlineUnsupported')}</p>;
  return (
    <p className="offline-ready" data-testid="offline-ready" aria-live="polite">
      <span>{t('offlineReady', { n: readiness.ready, m: readiness.total })}</span>
      {readiness.running && <small> {t('offlineReadyFetching')}</small>}
    </p>
  );
}

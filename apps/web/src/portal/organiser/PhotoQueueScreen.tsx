import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { useServices } from '../../services';
import { describeError } from '../describeError';
import { ErrorLine, Loading } from '../ui';
import { usePageTitle } from '../usePageTitle';
import { bulkPhotoApi, PhotoQueue } from './bulkPhotoApi';
import { etaKey } from './bulkPhotoMessages';

/** The page asks again this often while it is open (one cheap request, never per photo). */
const POLL_MS = 10_000;

/**
 * 照片处理进度: per event, the photos waiting for their renditions and when they should be done,
 * at the rate the workers reached over the last 10 minutes (docs/http.md, "Photo queue").
 */
export function PhotoQueueScreen() {
  const i18n = useI18n();
  const { t, formatTime } = i18n;
  const { session } = useServices();
  const api = useMemo(() => bulkPhotoApi(() => session.token()), [session]);
  const [queue, setQueue] = useState<PhotoQueue | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  usePageTitle(t('photoQueue'));

  useEffect(() => {
    let timer: number | undefined;
    let live = true;
    const look = () =>
      api.queue().then(
        (next) => {
          if (!live) return;
          setQueue(next);
          setFailure(null);
          timer = window.setTimeout(() => void look(), POLL_MS);
        },
        (e: unknown) => {
          if (!live) return;
          setFailure(e);
          timer = window.setTimeout(() => void look(), POLL_MS);
        },
      );
    void look();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [api]);

  const error = failure === null ? null : describeError(i18n, failure);
  const waiting =
    queue?.events.filter((e) => e.pending + e.processing + e.failedRecently > 0) ?? [];
  return (
    <section aria-labelledby="photo-queue-title">
      <h1 id="photo-queue-title">{t('photoQueue')}</h1>
      <p>{t('photoQueueHelp')}</p>
      {!queue && <Loading error={error} />}
      {queue && (
        <div className="card section" data-testid="photo-queue">
          <p role="status">
            {queue.photosPerMinute === null
              ? t('photoQueueNoRate')
              : t('photoQueueRate', { n: queue.photosPerMinute })}{' '}
            <small className="note">{formatTime(queue.measuredAt)}</small>
          </p>
          {waiting.length === 0 ? (
            <p>{t('photoQueueEmpty')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('event')}</th>
                  <th scope="col">{t('photoQueueWaiting')}</th>
                  <th scope="col">{t('photoQueueProcessing')}</th>
                  <th scope="col">{t('photoQueueFailed')}</th>
                  <th scope="col">{t('photoQueueEta')}</th>
                </tr>
              </thead>
              <tbody>
                {waiting.map((line) => (
                  <tr key={line.eventId} data-testid="photo-queue-event">
                    <th scope="row">
                      <Link href={`/org/event/${line.eventId}/photos`}>{line.eventName}</Link>
                    </th>
                    <td>{line.pending}</td>
                    <td>{line.processing}</td>
                    <td>{line.failedRecently}</td>
                    <td>{t(...etaKey(line.etaSeconds))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <ErrorLine error={queue ? error : null} />
        </div>
      )}
    </section>
  );
}

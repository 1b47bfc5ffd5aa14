import { KeyboardEvent as ReactKeyboardEvent, useEffect, useRef, useState } from 'react';
import { rendition } from '../../api';
import { useI18n } from '../../i18n';
import { SCREEN_ENTRY } from '../ops';
import { EventNav } from '../EventNav';
import { ErrorLine, Loading, LoadMore } from '../ui';
import { useEntryPages } from '../useEntryPages';
import { useMutation } from '../useGql';
import { EntryDetails } from './EntryDetails';
import { usePageTitle } from '../usePageTitle';

/**
 * The screening queue: the submitted entries one at a time with large photos. Keys: A accepts,
 * R goes to the reason (Enter there rejects), ←/→ the photos, J/K the next/previous entry.
 * The queue is loaded a page at a time: J past the last loaded entry loads the next page.
 */
export function ScreeningScreen({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const queue = useEntryPages(eventId, { status: 'SUBMITTED' });
  const decide = useMutation();
  const [done, setDone] = useState<Set<string>>(new Set());
  const [index, setIndex] = useState(0);
  const [photo, setPhoto] = useState(0);
  const [reason, setReason] = useState('');
  const [last, setLast] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  usePageTitle(t('screening'));

  const list = queue.entries.filter((e) => !done.has(e.id));
  // Waiting: the loaded ones not decided here, and those on pages not loaded yet.
  const waiting = list.length + queue.totalCount - queue.entries.length;
  const at = Math.min(index, list.length - 1);
  const entry = list[at] ?? null;
  const { hasNextPage, loadMore } = queue;
  // Every loaded entry decided: the next page comes without a key press.
  useEffect(() => {
    if (queue.loaded && list.length === 0 && hasNextPage) void loadMore();
  }, [queue.loaded, list.length, hasNextPage, loadMore]);
  const images = entry ? [...entry.images].sort((a, b) => a.position - b.position) : [];
  const large = images[photo] ? rendition(images[photo], 'LARGE') : undefined;

  const screen = async (decision: 'ACCEPT' | 'REJECT') => {
    if (!entry || decide.busy) return;
    if (decision === 'REJECT' && !reason.trim()) {
      decide.setError(t('reasonRequired'));
      reasonRef.current?.focus();
      return;
    }
    const ok = await decide.run(SCREEN_ENTRY, {
      id: entry.id,
      d: decision,
      reason: decision === 'REJECT' ? reason.trim() : null,
    });
    if (!ok) return;
    setLast(
      t(decision === 'ACCEPT' ? 'acceptedEntry' : 'rejectedEntry', {
        code: entry.code ?? entry.title,
      }),
    );
    setDone((d) => new Set(d).add(entry.id));
    setReason('');
    setPhoto(0);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (
        target.closest('input, textarea, select') ||
        event.ctrlKey ||
        event.metaKey ||
        event.altKey
      )
        return;
      const key = event.key.toLowerCase();
      if (key === 'a') void screen('ACCEPT');
      else if (key === 'r') {
        event.preventDefault();
        reasonRef.current?.focus();
      } else if (key === 'arrowright')
        setPhoto((p) => Math.min(p + 1, Math.max(images.length - 1, 0)));
      else if (key === 'arrowleft') setPhoto((p) => Math.max(p - 1, 0));
      else if (key === 'j') {
        // At the last loaded entry, one step past it: shown once the next page has come.
        if (at >= list.length - 1 && hasNextPage) void loadMore();
        setIndex(Math.min(at + 1, Math.max(list.length - (hasNextPage ? 0 : 1), 0)));
        setPhoto(0);
      } else if (key === 'k') {
        setIndex(Math.max(at - 1, 0));
        setPhoto(0);
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const onReasonKey = (event: ReactKeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void screen('REJECT');
    } else if (event.key === 'Escape') reasonRef.current?.blur();
  };

  return (
    <section aria-labelledby="screening-title">
      <h1 id="screening-title">{t('screening')}</h1>
      <EventNav eventId={eventId} />
      <p className="note">{t('screeningKeys')}</p>
      {last && (
        <p className="ok" role="status">
          {last}
        </p>
      )}
      {!queue.loaded && <Loading error={queue.error} />}
      {queue.loaded && !entry && !hasNextPage && <p>{t('screeningEmpty')}</p>}
      {entry && (
        <div className="screening">
          <div className="screening-photo">
            {large ? (
              <img
                src={large.url}
                alt={t('photoOf', { n: photo + 1, total: images.length })}
                data-size={large.size}
              />
            ) : (
              <p>{t('noPhotos')}</p>
            )}
            <div className="photo-strip">
              {images.map((image, i) => {
                const thumb = rendition(image, 'THUMB');
                return (
                  <button
                    key={image.id}
                    type="button"
                    className="thumb-button"
                    aria-pressed={i === photo}
                    aria-label={t('photoOf', { n: i + 1, total: images.length })}
                    onClick={() => setPhoto(i)}
                  >
                    {thumb ? (
                      <img src={thumb.url} alt="" />
                    ) : (
                      t(`imageStatus_${image.status as 'PENDING'}`)
                    )}
                  </button>
                );
              })}
            </div>
          </div>
          <div className="screening-side card">
            <p className="note">{t('queuePosition', { n: at + 1, total: waiting })}</p>
            <h2>
              <span className="code">{entry.code}</span> {entry.title}
            </h2>
            <EntryDetails entry={entry} />
            <button
              type="button"
              className="button primary"
              aria-keyshortcuts="A"
              disabled={decide.busy}
              onClick={() => void screen('ACCEPT')}
            >
              {t('accept')} (A)
            </button>
            <label className="field">
              <span>{t('rejectReason')} (R)</span>
              <textarea
                ref={reasonRef}
                rows={2}
                value={reason}
                aria-keyshortcuts="R"
                onChange={(e) => setReason(e.target.value)}
                onKeyDown={onReasonKey}
              />
            </label>
            <button
              type="button"
              className="button danger"
              disabled={decide.busy}
              onClick={() => void screen('REJECT')}
            >
              {t('reject')}
            </button>
            <ErrorLine error={decide.error} />
          </div>
        </div>
      )}
      <LoadMore pages={queue} />
    </section>
  );
}

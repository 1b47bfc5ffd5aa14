import { KeyboardEvent as ReactKeyboardEvent, useEffect, useRef, useState } from 'react';
import { rendition } from '../../api';
import { useI18n } from '../../i18n';
import { ENTRIES, PortalEntry, SCREEN_ENTRY } from '../ops';
import { EventNav } from '../routes';
import { ErrorLine, Loading } from '../ui';
import { useMutation, useQuery } from '../useGql';

interface Page {
  entries: { totalCount: number; edges: { node: PortalEntry }[] };
}

/**
 * The screening queue: the submitted entries one at a time with large photos. Keys: A accepts,
 * R goes to the reason (Enter there rejects), ←/→ the photos, J/K the next/previous entry.
 */
export function ScreeningScreen({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const queue = useQuery<Page>(ENTRIES, { eventId, filter: { status: 'SUBMITTED' }, first: 100 });
  const decide = useMutation();
  const [done, setDone] = useState<Set<string>>(new Set());
  const [index, setIndex] = useState(0);
  const [photo, setPhoto] = useState(0);
  const [reason, setReason] = useState('');
  const [last, setLast] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  const list = (queue.data?.entries.edges ?? []).map((e) => e.node).filter((e) => !done.has(e.id));
  const entry = list[Math.min(index, list.length - 1)] ?? null;
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
        setIndex((i) => Math.min(i + 1, Math.max(list.length - 1, 0)));
        setPhoto(0);
      } else if (key === 'k') {
        setIndex((i) => Math.max(i - 1, 0));
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
      {!queue.data && <Loading error={queue.error} />}
      {queue.data && !entry && <p>{t('screeningEmpty')}</p>}
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
            <p className="note">
              {t('queuePosition', { n: Math.min(index, list.length - 1) + 1, total: list.length })}
            </p>
            <h2>
              <span className="code">{entry.code}</span> {entry.title}
            </h2>
            <dl className="details">
              <dt>{t('category')}</dt>
              <dd>
                {entry.category.code} {entry.category.name}
              </dd>
              <dt>{t('entrant')}</dt>
              <dd>{entry.entrant?.name}</dd>
              <dt>{t('creators')}</dt>
              <dd>{entry.creators.join('、')}</dd>
              <dt>{t('materials')}</dt>
              <dd>{entry.materials}</dd>
              <dt>{t('dimensions')}</dt>
              <dd>{entry.dimensions}</dd>
              {entry.patentNumbers.length > 0 && (
                <>
                  <dt>{t('patentNumbers')}</dt>
                  <dd>{entry.patentNumbers.join(', ')}</dd>
                </>
              )}
              <dt>{t('description')}</dt>
              <dd>{entry.description}</dd>
            </dl>
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
    </section>
  );
}

import { useState } from 'react';
import type { OpenObjectionsQuery } from '../../gql/app';
import { useI18n } from '../../i18n';
import { Publication, RESOLVE_OBJECTION } from '../ops';
import { ErrorLine } from '../ui';
import { useMutation } from '../useGql';

type Objection = Publication['objections'][number];
type OpenObjection = OpenObjectionsQuery['openObjections'][number];

/**
 * The round's objections nobody has answered yet, oldest first, each with the time it was
 * filed and the version it is about (a superseded one's still holds finalising back), and the
 * organiser's answer: upheld or dismissed, with a response.
 */
export function OpenObjectionsList({
  objections,
  versions,
  onAnswered,
}: {
  objections: readonly OpenObjection[];
  /** the version of each publication listed (a superseded one is not); null while loading */
  versions: ReadonlyMap<string, number> | null;
  onAnswered: () => void;
}) {
  const { t } = useI18n();
  if (objections.length === 0) return null;
  return (
    <section
      className="open-objections"
      aria-labelledby="open-objections-title"
      data-testid="open-objections"
    >
      <h3 id="open-objections-title">{t('openObjectionsTitle', { n: objections.length })}</h3>
      {objections.map((o) => (
        <ObjectionCard
          key={o.id}
          objection={o}
          version={versions ? (versions.get(o.publicationId) ?? 'superseded') : null}
          onAnswered={onAnswered}
        />
      ))}
    </section>
  );
}

/** One objection: what, when, about which version; and, while OPEN, the answer form. */
export function ObjectionCard({
  objection: o,
  version,
  onAnswered,
}: {
  objection: Objection;
  /** the version it is about, 'superseded' for one no longer listed, null when not known yet */
  version: number | 'superseded' | null;
  onAnswered: () => void;
}) {
  const { t, formatTime } = useI18n();
  const resolve = useMutation();
  const [response, setResponse] = useState('');
  const answer = (upheld: boolean) =>
    void resolve
      .run(RESOLVE_OBJECTION, { id: o.id, response: response.trim(), upheld })
      .then((ok) => ok && onAnswered());
  return (
    <div className="objection card" data-testid="objection" data-status={o.status}>
      <p>
        <span className="code">{t('objectionAbout', { code: o.entryCode })}</span> ·{' '}
        <time dateTime={o.createdAt}>{t('objectionFiledAt', { at: formatTime(o.createdAt) })}</time>
        {o.status === 'OPEN' && version !== null && (
          <>
            {' '}
            ·{' '}
            {version === 'superseded'
              ? t('objectionAgainstEarlier')
              : t('objectionAgainstVersion', { version })}
          </>
        )}{' '}
        · <span className="badge">{t(`objection_${o.status}`)}</span>
      </p>
      <p>{o.reason}</p>
      {o.response && <p className="note">{o.response}</p>}
      {o.status === 'OPEN' && (
        <>
          <label className="field">
            <span>{t('objectionResponse')}</span>
            <textarea rows={2} value={response} onChange={(e) => setResponse(e.target.value)} />
          </label>
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={resolve.busy}
              onClick={() => answer(true)}
            >
              {t('uphold')}
            </button>
            <button
              type="button"
              className="button"
              disabled={resolve.busy}
              onClick={() => answer(false)}
            >
              {t('dismiss')}
            </button>
          </div>
          <ErrorLine error={resolve.error} />
        </>
      )}
    </div>
  );
}

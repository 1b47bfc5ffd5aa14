import { FormEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import { useServices } from '../../services';
import { download } from '../files';
import { FINALISE, PortalRound, PUBLISH, Publication, RESOLVE_OBJECTION } from '../ops';
import { describeError } from '../describeError';
import { ErrorLine, Section } from '../ui';
import { useMutation } from '../useGql';
import type { RoundPublications } from './useRoundPublications';

/** A datetime-local value (to the second) a week from now. */
function inAWeek(): string {
  const date = new Date(Date.now() + 7 * 86_400_000);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
}

/**
 * Publishing the round's list for public notice, its objections, finalising, the documents.
 * The versions published come first once there are any (finalising is then the next step);
 * a new version can be published until one is FINAL, which never changes.
 */
export function PublicationsSection({
  round,
  published,
}: {
  round: PortalRound;
  published: RoundPublications;
}) {
  const { t } = useI18n();
  const publish = useMutation();
  const [ends, setEnds] = useState(inAWeek);
  const [scores, setScores] = useState(false);
  const mine = published.list ?? [];
  const final = mine.some((p) => p.status === 'FINAL');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await publish.run(PUBLISH, {
      id: round.id,
      ends: new Date(ends).toISOString(),
      scores,
    });
    if (done) published.reload();
  };
  const form = round.status === 'TABULATED' && !final && (
    <form className="form-grid" onSubmit={(e) => void submit(e)} aria-label={t('publish')}>
      {mine.length > 0 && <h3 className="form-title">{t('publishNewVersion')}</h3>}
      <label className="field">
        <span>{t('noticeEndsAt')}</span>
        <input
          type="datetime-local"
          step={1}
          required
          value={ends}
          onChange={(e) => setEnds(e.target.value)}
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={scores} onChange={(e) => setScores(e.target.checked)} />
        {t('showScores')}
      </label>
      <ErrorLine error={publish.error} />
      <button type="submit" className="button primary" disabled={publish.busy}>
        {t('publish')}
      </button>
    </form>
  );
  return (
    <Section title={t('publications')} id="publications">
      {mine.length === 0 && form}
      <ErrorLine error={published.error} />
      {mine.length === 0 && <p>{t('noPublications')}</p>}
      {mine.map((p) => (
        <PublicationCard key={p.id} publication={p} onChanged={published.reload} />
      ))}
      {mine.length > 0 && form}
    </Section>
  );
}

function PublicationCard({
  publication: p,
  onChanged,
}: {
  publication: Publication;
  onChanged: () => void;
}) {
  const i18n = useI18n();
  const { t, formatTime } = i18n;
  const { session } = useServices();
  const finalise = useMutation();
  const files = useMutation();
  const get = (path: string, name: string) =>
    download(`/api/publications/${p.id}${path}`, session.token(), name).catch((e: unknown) =>
      files.setError(describeError(i18n, e)),
    );
  return (
    <article
      className="card publication"
      data-testid={`publication-${p.version}`}
      aria-label={t('publicationVersion', { version: p.version })}
    >
      <h3>
        {t('publicationVersion', { version: p.version })}{' '}
        <span className={`badge pub-${p.status}`} data-status={p.status}>
          {t(`publication_${p.status}`)}
        </span>
      </h3>
      <p className="note">
        {t('publishedAt', { at: formatTime(p.publishedAt) })} ·{' '}
        {t('noticeUntil', { at: formatTime(p.noticeEndsAt) })} ·{' '}
        <span className="code" title={p.hash}>
          {p.hash.slice(0, 16)}…
        </span>
      </p>
      <div className="actions">
        {p.status === 'NOTICE' && (
          <button
            type="button"
            className="button primary"
            disabled={finalise.busy}
            onClick={() =>
              void finalise.run(FINALISE, { id: p.id }).then((ok) => ok && onChanged())
            }
          >
            {t('finalise')}
          </button>
        )}
        <button
          type="button"
          className="button"
          onClick={() => void get('.csv', 'publication.csv')}
        >
          {t('exportCsv')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void get('.pdf', 'publication.pdf')}
        >
          {t('exportPdf')}
        </button>
        {p.status === 'FINAL' && (
          <button
            type="button"
            className="button"
            onClick={() => void get('/certificates.zip', 'certificates.zip')}
          >
            {t('certificatesZip')}
          </button>
        )}
      </div>
      <ErrorLine error={finalise.error ?? files.error} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('code')}</th>
            <th scope="col">{t('title')}</th>
            <th scope="col">{t('entrant')}</th>
            <th scope="col">{t('award')}</th>
            <th scope="col">{t('certificate')}</th>
          </tr>
        </thead>
        <tbody>
          {p.items.map((item) => (
            <tr key={item.entryCode}>
              <td className="code">{item.entryCode}</td>
              <td>{item.title}</td>
              <td>{item.entrantName}</td>
              <td>{item.award?.name ?? t('advancedOnly')}</td>
              <td>
                {item.certificateCode && p.status === 'FINAL' && (
                  <button
                    type="button"
                    className="button quiet"
                    onClick={() =>
                      void get(
                        `/certificates/${encodeURIComponent(item.entryCode)}.pdf`,
                        `${item.entryCode}.pdf`,
                      )
                    }
                  >
                    {item.certificateCode}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.objections.length > 0 && <h4>{t('objections')}</h4>}
      {p.objections.map((o) => (
        <Objection key={o.id} objection={o} onChanged={onChanged} />
      ))}
    </article>
  );
}

function Objection({
  objection: o,
  onChanged,
}: {
  objection: Publication['objections'][number];
  onChanged: () => void;
}) {
  const { t, formatTime } = useI18n();
  const resolve = useMutation();
  const [response, setResponse] = useState('');
  const answer = (upheld: boolean) =>
    void resolve
      .run(RESOLVE_OBJECTION, { id: o.id, response: response.trim(), upheld })
      .then((ok) => ok && onChanged());
  return (
    <div className="objection card">
      <p>
        <span className="code">{o.entryCode}</span> · {formatTime(o.createdAt)} ·{' '}
        <span className="badge">{t(`objection_${o.status}`)}</span>
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

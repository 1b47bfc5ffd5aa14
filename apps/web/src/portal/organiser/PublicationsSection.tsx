import { FormEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { useServices } from '../../services';
import { download } from '../files';
import { OPEN_OBJECTIONS, PortalRound, PUBLISH, Publication } from '../ops';
import { describeError } from '../describeError';
import { ErrorLine, Section } from '../ui';
import { useMutation, useQuery } from '../useGql';
import { FinaliseButton } from './FinaliseButton';
import { refreshObjectionFlag, useOpenObjectionCounts } from './objectionWatch';
import { ObjectionCard, OpenObjectionsList } from './OpenObjectionsList';
import { PublicResultsLink } from './PublicResultsLink';
import type { RoundPublications } from './useRoundPublications';
import './publication.css';

/** A datetime-local value (to the second) a week from now. */
function inAWeek(): string {
  const date = new Date(Date.now() + 7 * 86_400_000);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
}

/**
 * Publishing the round's list for public notice, its objections, finalising, the documents.
 * The link to the public page and the objections waiting for an answer come first (they
 * follow the objection flag, so a new one appears without a reload); then the versions
 * published (finalising is then the next step). A new version can be published until one is
 * FINAL, which never changes: the form then gives way to a line saying so.
 */
export function PublicationsSection({
  round,
  published,
}: {
  round: PortalRound;
  published: RoundPublications;
}) {
  const { t, formatTime } = useI18n();
  const publish = useMutation();
  const [ends, setEnds] = useState(inAWeek);
  const [scores, setScores] = useState(false);
  const mine = published.list ?? [];
  const final = mine.find((p) => p.status === 'FINAL') ?? null;
  const open = useQuery(OPEN_OBJECTIONS, { roundId: round.id });
  const waiting = open.data?.openObjections ?? [];
  // The flag's count for this round: when it moves (an objection filed, or answered in another
  // tab), the objections and the versions are read again.
  const flag = useOpenObjectionCounts()?.find((c) => c.roundId === round.id);
  const flagKey = flag ? `${flag.open}@${flag.newestFiledAt}` : '';
  const seen = useRef(flagKey);
  const follow = useRef<() => void>(() => undefined);
  follow.current = () => {
    void open.reload();
    published.reload();
  };
  useEffect(() => {
    if (seen.current === flagKey) return;
    seen.current = flagKey;
    follow.current();
  }, [flagKey]);
  const answered = () => {
    void open.reload();
    published.reload();
    refreshObjectionFlag();
  };
  const versions = published.list && new Map(published.list.map((p) => [p.id, p.version]));

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
      {published.slug && (
        <div className="actions">
          <PublicResultsLink slug={published.slug} />
        </div>
      )}
      {final && (
        <p className="final-note" data-testid="list-final">
          {t('listIsFinal', {
            at: formatTime(final.finalisedAt ?? final.publishedAt),
            version: final.version,
          })}
        </p>
      )}
      <OpenObjectionsList objections={waiting} versions={versions} onAnswered={answered} />
      <ErrorLine error={open.error} />
      {mine.length === 0 && form}
      <ErrorLine error={published.error} />
      {mine.length === 0 && <p>{t('noPublications')}</p>}
      {mine.map((p) => (
        <PublicationCard
          key={p.id}
          publication={p}
          openObjections={waiting.length}
          onChanged={answered}
        />
      ))}
      {mine.length > 0 && form}
    </Section>
  );
}

function PublicationCard({
  publication: p,
  openObjections,
  onChanged,
}: {
  publication: Publication;
  openObjections: number;
  onChanged: () => void;
}) {
  const i18n = useI18n();
  const { t, formatTime } = i18n;
  const { session } = useServices();
  const files = useMutation();
  // the open ones are listed above the versions, with those of superseded versions
  const answered = p.objections.filter((o) => o.status !== 'OPEN');
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
          <FinaliseButton publication={p} openObjections={openObjections} onFinalised={onChanged} />
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
      <ErrorLine error={files.error} />
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
      {answered.length > 0 && <h4>{t('objectionsAnswered')}</h4>}
      {answered.map((o) => (
        <ObjectionCard key={o.id} objection={o} version={p.version} onAnswered={onChanged} />
      ))}
    </article>
  );
}

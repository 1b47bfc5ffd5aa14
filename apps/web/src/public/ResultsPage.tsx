import { useEffect } from 'react';
import { publicKeyOf, usePublicI18n } from './publicI18n';
import { Link } from '../router';
import { groupByTier, latestPerRound, objectionsOpen, TierGroup } from './grouping';
import { HashCheck } from './HashCheck';
import { LoadFailed } from './LoadFailed';
import { Publication, PublishedItem, publicGql, RESULTS, servedHere } from './publicApi';
import { RevocationNote } from './RevocationNote';
import { formatScore } from './score';
import { useLoad } from './useLoad';

/** `/results/{eventSlug}`: the latest NOTICE or FINAL list of each round, newest first. */
export function ResultsPage({ slug }: { slug: string }) {
  const { t } = usePublicI18n();
  const { data, error, reload } = useLoad(slug, () => publicGql(RESULTS, { s: slug }));
  const eventName = data?.event?.name ?? slug;
  useEffect(() => {
    document.title = `${t('publicResultsOf', { event: eventName })} · ${t('publicTitle')}`;
  }, [t, eventName]);

  if (error) return <LoadFailed error={error} retry={reload} />;
  if (!data) return <p aria-busy="true">{t('publicLoading')}</p>;
  const publications = latestPerRound(data.publishedResults);
  return (
    <>
      <h1>{t('publicResultsOf', { event: eventName })}</h1>
      {publications.length === 0 && <p>{t('publicNoResults')}</p>}
      {publications.map((publication) => (
        <PublicationView key={publication.id} slug={slug} publication={publication} />
      ))}
    </>
  );
}

function PublicationView({ slug, publication }: { slug: string; publication: Publication }) {
  const { t, formatTime } = usePublicI18n();
  const open = objectionsOpen(publication);
  const headingId = `pub-${publication.id}`;
  return (
    <section
      className="pub-publication"
      aria-labelledby={headingId}
      data-testid="publication"
      data-status={publication.status}
    >
      <h2 id={headingId}>{t('publicPublication', { version: publication.version })}</h2>
      <p className="pub-meta">
        <span className={`pub-status pub-status-${publication.status}`}>
          {t(publicKeyOf('publicStatus_', publication.status, 'publicStatus_NOTICE'))}
        </span>{' '}
        {publication.status === 'NOTICE' &&
          (open
            ? t('publicNoticeUntil', { at: formatTime(publication.noticeEndsAt) })
            : t('publicNoticeEnded', { at: formatTime(publication.noticeEndsAt) }))}
      </p>
      <p className="pub-meta">
        {t('publicVersion')} {publication.version} ·{' '}
        {t('publicPublishedAt', { at: formatTime(publication.publishedAt) })}
      </p>
      {groupByTier(publication.items).map((group) => (
        <TierSection
          key={group.key ?? '-'}
          group={group}
          showScores={publication.showScores}
          objectHref={
            open
              ? (code) =>
                  `/results/${encodeURIComponent(slug)}/objection/${publication.id}?entry=${encodeURIComponent(code)}`
              : null
          }
        />
      ))}
      {/* After the list: on a phone the awards come first, the proof below them. */}
      <HashCheck hash={publication.hash} items={publication.items} />
    </section>
  );
}

function TierSection({
  group,
  showScores,
  objectHref,
}: {
  group: TierGroup;
  /** the organiser chose to publish the scores: only then is any shown */
  showScores: boolean;
  objectHref: ((code: string) => string) | null;
}) {
  const { t } = usePublicI18n();
  const name = group.name ?? t('publicTierAdvanced');
  return (
    <section className="pub-tier" data-testid="tier" data-tier={group.key ?? ''}>
      <h3>
        {name} <span className="pub-count">{t('publicTierCount', { n: group.items.length })}</span>
      </h3>
      <ol className="pub-items">
        {group.items.map((item) => (
          <ItemCard
            key={item.entryCode}
            item={item}
            score={showScores ? item.score : null}
            objectHref={objectHref}
          />
        ))}
      </ol>
    </section>
  );
}

/** THUMB renditions are at most 320 px; shown in a fixed square, so nothing moves as they load. */
const THUMB_BOX = 88;

function ItemCard({
  item,
  score,
  objectHref,
}: {
  item: PublishedItem;
  /** the published aggregate, or null where scores are not published */
  score: number | null;
  objectHref: ((code: string) => string) | null;
}) {
  const { t } = usePublicI18n();
  const revoked = item.revocation ?? null;
  return (
    <li
      className={revoked ? 'pub-item pub-item-revoked' : 'pub-item'}
      data-testid="item"
      data-code={item.entryCode}
      data-revoked={revoked ? 'yes' : undefined}
    >
      <div className="pub-thumb">
        {item.thumbnailUrl ? (
          <img
            src={servedHere(item.thumbnailUrl)}
            width={THUMB_BOX}
            height={THUMB_BOX}
            loading="lazy"
            decoding="async"
            alt={item.title}
          />
        ) : (
          <span className="pub-nophoto">{t('publicNoPhoto')}</span>
        )}
      </div>
      <div className="pub-facts">
        <p className="pub-title">{item.title}</p>
        {revoked && (
          <>
            <span className="pub-status pub-status-REVOKED">{t('publicRevokedBadge')}</span>
            <RevocationNote revocation={revoked} />
          </>
        )}
        <dl>
          <dt>{t('publicEntryCode')}</dt>
          <dd className="pub-code">{item.entryCode}</dd>
          <dt>{t('publicEntrant')}</dt>
          <dd>{item.entrantName}</dd>
          <dt>{t('publicRegion')}</dt>
          <dd>{item.regionName}</dd>
          <dt>{t('publicCategory')}</dt>
          <dd>{item.categoryName}</dd>
        </dl>
        <div className="pub-actions">
          {item.rank !== null && (
            <span className="pub-rank">{t('publicRank', { rank: item.rank })}</span>
          )}
          {score !== null && (
            <span className="pub-score" data-testid="score">
              {t('publicScore')} <strong>{formatScore(score)}</strong>
            </span>
          )}
          {objectHref && (
            <Link
              href={objectHref(item.entryCode)}
              className="pub-button quiet"
              aria-label={t('publicObjectAbout', { code: item.entryCode })}
            >
              {t('publicObject')}
            </Link>
          )}
        </div>
      </div>
    </li>
  );
}

import { useState } from 'react';
import { rendition } from '../../api';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { useServices } from '../../services';
import { download } from '../files';
import { EventInfo, EVENTS, MY_ENTRIES, PortalEntry, PUBLISHED } from '../ops';
import { describeError } from '../describeError';
import { EntryStatusBadge, ErrorLine, Loading } from '../ui';
import { useQuery } from '../useGql';
import { usePageTitle } from '../usePageTitle';
import './entrant.css';

/** The entrant's events, each with their entries, their status and, once published, awards. */
export function EntrantHome() {
  const { t } = useI18n();
  usePageTitle(t('myEntries'));
  const events = useQuery(EVENTS);
  return (
    <section aria-labelledby="entrant-title">
      <h1 id="entrant-title">{t('myEntries')}</h1>
      {!events.data && <Loading error={events.error} />}
      {events.data?.events.length === 0 && <p>{t('noEvents')}</p>}
      {events.data?.events.map((event) => (
        <EventEntries key={event.id} event={event} />
      ))}
    </section>
  );
}

function EventEntries({ event }: { event: EventInfo }) {
  const { t, formatTime } = useI18n();
  const mine = useQuery(MY_ENTRIES, { eventId: event.id });
  const entries = mine.data?.myEntries ?? [];
  return (
    <article className="card section" aria-labelledby={`event-${event.id}`}>
      <h2 id={`event-${event.id}`}>{event.name}</h2>
      <p className="note">
        {event.submissionClosesAt
          ? t('submissionCloses', { at: formatTime(event.submissionClosesAt) })
          : t(`eventStatus_${event.status}`)}{' '}
        · {t('entriesOfLimit', { n: entries.length, max: event.maxEntriesPerEntrant })}
      </p>
      {!mine.data && <Loading error={mine.error} />}
      <ul className="entry-cards">
        {entries.map((entry) => (
          <li key={entry.id}>
            <EntryCard entry={entry} />
          </li>
        ))}
      </ul>
      {event.status === 'OPEN' && entries.length < event.maxEntriesPerEntrant && (
        <Link href={`/entrant/event/${event.id}/new`} className="button primary">
          {t('newEntry')}
        </Link>
      )}
      <MyAwards slug={event.slug} entries={entries} />
    </article>
  );
}

/**
 * One entry as a card that reads on a 390 px phone: its cover (the first photo), the title on
 * lines of its own, then the code, category and status; the screening reason under them.
 */
function EntryCard({ entry }: { entry: PortalEntry }) {
  const { t } = useI18n();
  const cover = [...entry.images].sort((a, b) => a.position - b.position)[0];
  const thumb = cover ? rendition(cover, 'THUMB') : undefined;
  return (
    <Link href={`/entrant/entry/${entry.id}`} className="entry-card" data-testid="entry-card">
      {thumb ? (
        <img className="entry-cover" src={thumb.url} alt={t('entryCover')} />
      ) : (
        <span className="entry-cover empty">{cover ? t('entryCover') : t('entryNoCover')}</span>
      )}
      <span className="entry-card-text">
        <strong className="entry-card-title">{entry.title}</strong>
        <span className="entry-card-meta">
          <span className="code">{entry.code ?? t('entryCodePending')}</span>
          <span>{entry.category.name}</span>
          <EntryStatusBadge status={entry.status} />
        </span>
        {entry.screeningReason && <span className="note">{entry.screeningReason}</span>}
      </span>
    </Link>
  );
}

/** The entrant's entries in the event's published lists (NOTICE or FINAL), with certificates. */
function MyAwards({ slug, entries }: { slug: string; entries: PortalEntry[] }) {
  const { t } = useI18n();
  const codes = new Set(entries.map((e) => e.code).filter(Boolean));
  const published = useQuery(PUBLISHED, { slug }, { skip: codes.size === 0 });
  const rows = (published.data?.publishedResults ?? []).flatMap((p) =>
    p.items.filter((item) => codes.has(item.entryCode)).map((item) => ({ p, item })),
  );
  if (rows.length === 0) return null;
  return (
    <div className="awards">
      <h3>{t('myAwards')}</h3>
      <ul className="rows">
        {rows.map(({ p, item }) => (
          <li key={`${p.id}-${item.entryCode}`} className="row">
            <span className="code">{item.entryCode}</span>
            <span>{item.title}</span>
            <span className="badge award">{item.award?.name ?? t('advancedOnly')}</span>
            <span className={`badge pub-${p.status}`}>{t(`publication_${p.status}`)}</span>
            {item.certificateCode && (
              <span>{t('certificateCode', { code: item.certificateCode })}</span>
            )}
            {item.certificateCode && p.status === 'FINAL' && (
              <CertificateDownload publicationId={p.id} entryCode={item.entryCode} />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The entry's certificate PDF (the API gives it to its own entrant once the list is FINAL). */
function CertificateDownload({
  publicationId,
  entryCode,
}: {
  publicationId: string;
  entryCode: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { session } = useServices();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const get = async () => {
    setBusy(true);
    setError(null);
    await download(
      `/api/publications/${publicationId}/certificates/${encodeURIComponent(entryCode)}.pdf`,
      session.token(),
      `certificate-${entryCode}.pdf`,
    )
      .catch((caught: unknown) => setError(describeError(i18n, caught)))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy}
        aria-label={t('downloadCertificateOf', { code: entryCode })}
        onClick={() => void get()}
      >
        {t('downloadCertificate')}
      </button>
      <ErrorLine error={error} />
    </>
  );
}

import { useState } from 'react';
import { rendition } from '../../api';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { ENTRY } from '../ops';
import { EventNav } from '../EventNav';
import { EntryStatusBadge, Loading, Section } from '../ui';
import { useQuery } from '../useGql';
import { DisqualifyForm } from './DisqualifyForm';
import { EntryDetails } from './EntryDetails';
import { usePageTitle } from '../usePageTitle';

/** An entry as an organiser sees it: status, screening note, details, photos; disqualifying. */
export function OrgEntryScreen({ entryId }: { entryId: string }) {
  const { t } = useI18n();
  const entry = useQuery(ENTRY, { id: entryId });
  const [disqualified, setDisqualified] = useState(false);
  const shown = entry.data?.entry;
  usePageTitle(shown && (shown.code ? `${shown.code} ${shown.title}` : shown.title));
  if (!shown) return <Loading error={entry.error} />;
  const label = shown.code ?? shown.title;
  return (
    <section aria-labelledby="org-entry-title">
      <h1 id="org-entry-title">
        {shown.code && <span className="code">{shown.code} </span>}
        {shown.title}
      </h1>
      <EventNav eventId={shown.eventId} />
      <p className="status-line">
        <EntryStatusBadge status={shown.status} />
      </p>
      {shown.screeningReason && (
        <p className="reason">{t('screeningReason', { reason: shown.screeningReason })}</p>
      )}
      {disqualified && (
        <p className="ok" role="status">
          {t('disqualifiedEntry', { code: label })}{' '}
          <Link href={`/org/event/${shown.eventId}/rounds`}>{t('retabulateInRounds')}</Link>
        </p>
      )}
      <Section title={t('entryDetails')} id="org-entry-details">
        <EntryDetails entry={shown} />
        <ul className="photo-grid">
          {shown.images.map((image, i) => {
            const medium = rendition(image, 'MEDIUM');
            return (
              medium && (
                <li key={image.id}>
                  <img
                    src={medium.url}
                    alt={t('photoOf', { n: i + 1, total: shown.images.length })}
                  />
                </li>
              )
            );
          })}
        </ul>
      </Section>
      {shown.status === 'ACCEPTED' && (
        <Section title={t('disqualify')} id="org-entry-disqualify">
          <DisqualifyForm
            entry={shown}
            onDone={() => {
              setDisqualified(true);
              void entry.reload();
            }}
          />
        </Section>
      )}
    </section>
  );
}

import { useState } from 'react';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { MyRegionDocument } from '../../gql/app';
import { ENTRY_SUMMARY, EVENTS, PortalEntry } from '../ops';
import { EntryStatusBadge, Loading, LoadMore, Section } from '../ui';
import { useEntryPages } from '../useEntryPages';
import { useQuery } from '../useGql';
import { RegionExport } from './RegionExport';
import { SummaryTable } from './SummaryTable';
import { usePageTitle } from '../usePageTitle';

/**
 * A coordinator's region, by its city's name (南宁市, never its code): counts by status and
 * category, its entrants and entries, the drafts, and the region's entries as a spreadsheet.
 */
export function CoordinatorScreen() {
  const { t } = useI18n();
  const mine = useQuery(MyRegionDocument);
  const events = useQuery(EVENTS);
  const [chosen, setChosen] = useState('');
  const eventId = chosen || events.data?.events[0]?.id || '';
  const region = mine.data?.me?.region ?? null;
  const regionCode = region?.code ?? null;
  usePageTitle(region ? t('myRegion', { region: region.name }) : null);
  return (
    <section aria-labelledby="region-title">
      <h1 id="region-title">{t('myRegion', { region: region?.name ?? '…' })}</h1>
      {!events.data && <Loading error={events.error ?? mine.error} />}
      {events.data && (
        <label className="field inline">
          <span>{t('event')}</span>
          <select value={eventId} onChange={(e) => setChosen(e.target.value)}>
            {events.data.events.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {eventId && (
        <div className="actions">
          <Link href={`/region/event/${eventId}/photos`} className="button">
            {t('bulkOpenRegion')}
          </Link>
        </div>
      )}
      {eventId && region && <RegionExport eventId={eventId} regionName={region.name} />}
      {eventId && regionCode && <RegionEvent eventId={eventId} regionCode={regionCode} />}
    </section>
  );
}

function RegionEvent({ eventId, regionCode }: { eventId: string; regionCode: string }) {
  const { t } = useI18n();
  const summary = useQuery(ENTRY_SUMMARY, { eventId, regionCode });
  const all = useEntryPages(eventId, { regionCode });
  const drafts = useEntryPages(eventId, { regionCode, status: 'DRAFT' });
  const byEntrant = new Map<string, { name: string; entries: PortalEntry[] }>();
  for (const entry of all.entries) {
    const id = entry.entrant?.id ?? '?';
    const group = byEntrant.get(id) ?? { name: entry.entrant?.name ?? '?', entries: [] };
    group.entries.push(entry);
    byEntrant.set(id, group);
  }
  const waiting = new Map<string, PortalEntry[]>();
  for (const node of drafts.entries) {
    const name = node.entrant?.name ?? '?';
    waiting.set(name, [...(waiting.get(name) ?? []), node]);
  }
  return (
    <>
      <Section title={t('entryCounts')} id="region-counts">
        {summary.data ? (
          <SummaryTable summary={summary.data.entrySummary} />
        ) : (
          <Loading error={summary.error} />
        )}
      </Section>
      <Section title={t('notSubmittedYet', { n: drafts.totalCount })} id="region-drafts">
        {!drafts.loaded && <Loading error={drafts.error} />}
        {drafts.loaded && waiting.size === 0 && <p>{t('everyoneSubmitted')}</p>}
        <ul className="rows" data-testid="not-submitted">
          {[...waiting].map(([name, list]) => (
            <li key={name} className="row">
              <strong>{name}</strong>
              <span>{list.map((e) => e.title).join('、')}</span>
            </li>
          ))}
        </ul>
        <LoadMore pages={drafts} />
      </Section>
      <Section title={t('regionEntrants', { n: byEntrant.size })} id="region-entrants">
        {!all.loaded && <Loading error={all.error} />}
        {[...byEntrant].map(([id, group]) => (
          <div key={id} className="entrant-group">
            <h3>{group.name}</h3>
            <ul className="rows">
              {group.entries.map((entry) => (
                <li key={entry.id} className="row">
                  <span className="code">{entry.code ?? '—'}</span>
                  <span>{entry.title}</span>
                  <span>{entry.category.name}</span>
                  <EntryStatusBadge status={entry.status} />
                </li>
              ))}
            </ul>
          </div>
        ))}
        <LoadMore pages={all} />
      </Section>
    </>
  );
}

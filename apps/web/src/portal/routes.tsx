import { MouseEvent, ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Link, match } from '../router';
import { useServices } from '../services';
import { CoordinatorScreen } from './coordinator/CoordinatorScreen';
import { EntrantHome } from './entrant/EntrantHome';
import { EntryScreen, NewEntryScreen } from './entrant/EntryScreen';
import { AuditScreen } from './organiser/AuditScreen';
import { BulkPhotosScreen } from './organiser/BulkPhotosScreen';
import { EntriesScreen } from './organiser/EntriesScreen';
import { EventScreen } from './organiser/EventScreen';
import { ImportScreen } from './organiser/ImportScreen';
import { AreaObjectionFlag } from './organiser/ObjectionFlag';
import { OrgEntryScreen } from './organiser/OrgEntryScreen';
import { OrgHome } from './organiser/OrgHome';
import { PhotoQueueScreen } from './organiser/PhotoQueueScreen';
import { RoundScreen } from './organiser/RoundScreen';
import { RoundsScreen } from './organiser/RoundsScreen';
import { ScreeningScreen } from './organiser/ScreeningScreen';
import { WhatIfScreen } from './organiser/WhatIfScreen';
import { PeopleScreen } from './people/PeopleScreen';
import { usePageTitle } from './usePageTitle';

/** The screen of a portal path (organisers, coordinators, entrants), or null for the judges'. */
export function portalRoute(path: string): ReactNode | null {
  let p: Record<string, string> | null;
  if ((p = match('/entrant/entry/:id', path))) return <EntryScreen entryId={p.id} />;
  if ((p = match('/entrant/event/:id/new', path))) return <NewEntryScreen eventId={p.id} />;
  if (match('/entrant', path)) return <EntrantHome />;
  if (match('/region', path)) return <CoordinatorScreen />;
  if ((p = match('/region/event/:id/photos', path)))
    return <BulkPhotosScreen eventId={p.id} region />;
  if ((p = match('/org/event/:id/entries', path))) return <EntriesScreen eventId={p.id} />;
  if ((p = match('/org/event/:id/screening', path))) return <ScreeningScreen eventId={p.id} />;
  if ((p = match('/org/event/:id/import', path))) return <ImportScreen eventId={p.id} />;
  if ((p = match('/org/event/:id/photos', path))) return <BulkPhotosScreen eventId={p.id} />;
  if ((p = match('/org/event/:id/rounds', path))) return <RoundsScreen eventId={p.id} />;
  if ((p = match('/org/event/:id/audit', path))) return <AuditScreen eventId={p.id} />;
  if ((p = match('/org/event/:id', path))) return <EventScreen eventId={p.id} />;
  if ((p = match('/org/round/:id/what-if', path))) return <WhatIfScreen roundId={p.id} />;
  if ((p = match('/org/round/:id', path))) return <RoundScreen roundId={p.id} />;
  if ((p = match('/org/entry/:id', path))) return <OrgEntryScreen entryId={p.id} />;
  if (match('/org/photo-queue', path)) return <PhotoQueueScreen />;
  if (match('/org/people', path)) return <PeopleScreen />;
  if (match('/org', path)) return <OrgHome />;
  return null;
}

/** The links of the signed-in person's area in the top bar. */
export function AreaNav({ role }: { role: string }) {
  const { t } = useI18n();
  if (role !== 'ADMIN' && role !== 'ORGANISER') return null;
  return (
    <nav className="area-nav" aria-label={t('areaNav')}>
      <Link href="/org">{t('events')}</Link>
      <AreaObjectionFlag />
      <Link href="/org/people">{t('people')}</Link>
      <Link href="/org/photo-queue">{t('photoQueue')}</Link>
      <QueueMonitorLink />
    </nav>
  );
}

/**
 * Bull Board is a page of the API, not of this app: the token goes first to its session
 * endpoint (a page load cannot send the header), then the browser loads the board.
 */
function QueueMonitorLink() {
  const { t } = useI18n();
  const { session } = useServices();
  const open = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    const response = await fetch('/admin/queues/session', {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token() ?? ''}` },
    }).catch(() => null);
    if (response?.ok) window.location.assign('/admin/queues');
  };
  return (
    <a href="/admin/queues" onClick={(e) => void open(e)}>
      {t('queueMonitor')}
    </a>
  );
}

export function NotYours() {
  const { t } = useI18n();
  usePageTitle(t('notYourArea'));
  return (
    <p className="error" role="alert">
      {t('notYourArea')}
    </p>
  );
}

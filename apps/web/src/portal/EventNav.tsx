import { useI18n } from '../i18n';
import { Link } from '../router';

/** The links between an event's organiser screens. */
export function EventNav({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const here = window.location.pathname;
  const links: [string, string][] = [
    [`/org/event/${eventId}`, t('eventSetup')],
    [`/org/event/${eventId}/entries`, t('entryList')],
    [`/org/event/${eventId}/screening`, t('screening')],
    [`/org/event/${eventId}/import`, t('bulkImport')],
    [`/org/event/${eventId}/photos`, t('bulkPhotos')],
    [`/org/event/${eventId}/rounds`, t('rounds')],
    [`/org/event/${eventId}/audit`, t('auditLog')],
  ];
  return (
    <nav className="tabs" aria-label={t('eventNav')}>
      {links.map(([href, label]) => (
        <Link key={href} href={href} aria-current={here === href ? 'page' : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}

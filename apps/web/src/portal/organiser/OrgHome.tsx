import { useI18n } from '../../i18n';
import { Link, navigate } from '../../router';
import { CREATE_EVENT, EVENTS } from '../ops';
import { Loading, Section } from '../ui';
import { useMutation, useQuery } from '../useGql';
import { EventForm } from './EventForm';
import { EventObjectionBadge } from './ObjectionFlag';
import { usePageTitle } from '../usePageTitle';

/** The organiser's events, and a new one. */
export function OrgHome() {
  const { t } = useI18n();
  usePageTitle(t('events'));
  const events = useQuery(EVENTS);
  const create = useMutation();
  return (
    <section aria-labelledby="org-title">
      <h1 id="org-title">{t('events')}</h1>
      {!events.data && <Loading error={events.error} />}
      <ul className="cards">
        {events.data?.events.map((event) => (
          <li key={event.id} className="card">
            <Link href={`/org/event/${event.id}`} className="card-link">
              <span className="card-title">{event.name}</span>
              <span className="badges">
                <span className={`badge event-${event.status}`}>
                  {t(`eventStatus_${event.status}`)}
                </span>
                <span className="badge">{event.slug}</span>
                <EventObjectionBadge eventId={event.id} />
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <Section title={t('newEvent')} id="new-event">
        <EventForm
          initial={null}
          busy={create.busy}
          error={create.error}
          submitLabel={t('createEvent')}
          onSave={(input) =>
            void create
              .run(CREATE_EVENT, { input })
              .then((done) => done && navigate(`/org/event/${done.createEvent.id}`))
          }
        />
      </Section>
    </section>
  );
}

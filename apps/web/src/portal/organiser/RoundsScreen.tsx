import { useI18n } from '../../i18n';
import { Link, navigate } from '../../router';
import { CREATE_ROUND, EVENT_ROUNDS } from '../ops';
import { EventNav } from '../EventNav';
import { Loading, Section } from '../ui';
import { useMutation, useQuery } from '../useGql';
import { RoundForm } from './RoundForm';
import { usePageTitle } from '../usePageTitle';

/** The event's rounds, and a new one. */
export function RoundsScreen({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const data = useQuery(EVENT_ROUNDS, {
    id: eventId,
  });
  const create = useMutation();
  const rounds = data.data?.event?.rounds ?? [];
  usePageTitle(t('rounds'), data.data?.event?.name);
  return (
    <section aria-labelledby="rounds-admin-title">
      <h1 id="rounds-admin-title">{t('rounds')}</h1>
      <EventNav eventId={eventId} />
      {!data.data && <Loading error={data.error} />}
      <ul className="rows">
        {rounds.map((round) => (
          <li key={round.id}>
            <Link href={`/org/round/${round.id}`} className="row-link">
              <span className="code">#{round.sequence}</span>
              <span>{round.name}</span>
              <span className={`badge status-${round.status}`}>
                {t(`roundStatus_${round.status}`)}
              </span>
              <span>
                {t('progress', {
                  done: round.progress.submitted,
                  total: round.progress.assignments - round.progress.recused,
                })}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <Section title={t('newRound')} id="new-round">
        <RoundForm
          eventId={eventId}
          initial={null}
          rounds={rounds}
          busy={create.busy}
          error={create.error}
          submitLabel={t('createRound')}
          onSave={(input) =>
            void create
              .run(CREATE_ROUND, { input })
              .then((done) => done && navigate(`/org/round/${done.createRound.id}`))
          }
        />
      </Section>
    </section>
  );
}

import { Assignment } from '../api';
import { keyOf, useI18n } from '../i18n';
import { Link } from '../router';
import { useServices, useStore } from '../services';
import { CodeSearch } from '../components/CodeSearch';
import { ConflictList } from '../components/ConflictList';
import { useEventNames } from './useEventNames';
import { useJudgeData } from './useJudgeData';
import type { PendingSheet } from '../outbox';

/** Submitted (on the server, or saved here and waiting) of the assignments not recused. */
export function progressOf(assignments: Assignment[], pending: PendingSheet[]) {
  const active = assignments.filter((a) => a.status !== 'RECUSED');
  const waiting = new Set(pending.filter((p) => p.state === 'waiting').map((p) => p.assignmentId));
  const done = active.filter((a) => a.status === 'SUBMITTED' || waiting.has(a.id)).length;
  return { done, total: active.length };
}

export function RoundsScreen() {
  const { t } = useI18n();
  const { outbox } = useServices();
  const pending = useStore(outbox.sheets);
  const { data, error } = useJudgeData();
  const eventNames = useEventNames(data?.rounds.map((r) => r.eventId) ?? []);

  return (
    <section aria-labelledby="rounds-title">
      <div className="screen-head">
        <h1 id="rounds-title">{t('myRounds')}</h1>
        <CodeSearch />
      </div>
      <ConflictList />
      {error && (
        <p className="error" role="alert">
          {t('errorGeneric', { message: error })}
        </p>
      )}
      {!data && !error && <p>{t('loading')}</p>}
      {data?.fromCache && <p className="note">{t('offlineCached')}</p>}
      {data && data.rounds.length === 0 && <p>{t('noRounds')}</p>}
      <ul className="cards">
        {data?.rounds.map((round) => {
          const { done, total } = progressOf(data.assignments[round.id] ?? [], pending);
          return (
            <li key={round.id} className="card">
              <Link href={`/judge/round/${round.id}`} className="card-link">
                <span className="card-event">{eventNames[round.eventId] ?? ''}</span>
                <span className="card-title">{round.name}</span>
                <span className="badges">
                  <span className={`badge status-${round.status}`}>
                    {t(keyOf('roundStatus_', round.status, 'roundStatus_OPEN'))}
                  </span>
                  {round.blind && <span className="badge">{t('blindRound')}</span>}
                </span>
                {round.status !== 'OPEN' && (
                  <span className="note closed">{t('roundClosedNote')}</span>
                )}
                <progress max={total} value={done} aria-label={t('progressLabel')} />
                <span>{t('progress', { done, total })}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

import { drafts } from '../drafts';
import { keyOf, useI18n } from '../i18n';
import { Link } from '../router';
import { useServices, useStore } from '../services';
import { CodeSearch } from '../components/CodeSearch';
import { OfflineReadiness } from '../components/OfflineReadiness';
import { progressOf } from './RoundsScreen';
import { useDrafts } from './useDrafts';
import { useEventNames } from './useEventNames';
import { useJudgeData } from './useJudgeData';

export function RoundScreen({ roundId }: { roundId: string }) {
  const { t } = useI18n();
  const { outbox } = useServices();
  const pending = useStore(outbox.sheets);
  const { data, error } = useJudgeData();
  useDrafts();
  const draftOf = useStore(drafts.byAssignment);
  const round = data?.rounds.find((r) => r.id === roundId);
  const eventNames = useEventNames(round ? [round.eventId] : []);
  const assignments = data?.assignments[roundId] ?? [];
  const { done, total } = progressOf(assignments, pending);

  return (
    <section aria-labelledby="round-title">
      <Link href="/judge" className="button quiet back">
        ← {t('back')}
      </Link>
      {error && (
        <p className="error" role="alert">
          {t('errorGeneric', { message: error })}
        </p>
      )}
      {!data && !error && <p>{t('loading')}</p>}
      {data?.fromCache && <p className="note">{t('offlineCached')}</p>}
      {round && data && (
        <>
          <div className="screen-head">
            <div>
              <p className="card-event">{eventNames[round.eventId] ?? ''}</p>
              <h1 id="round-title">{round.name}</h1>
            </div>
            <CodeSearch roundId={round.id} />
          </div>
          {round.status !== 'OPEN' && <p className="note closed">{t('roundClosedNote')}</p>}
          <p>
            <progress max={total} value={done} aria-label={t('progressLabel')} />{' '}
            {t('progress', { done, total })}
          </p>
          <OfflineReadiness roundId={round.id} assignments={assignments} live={!data.fromCache} />
          <h2>{t('assignments')}</h2>
          <ul className="rows">
            {assignments.map((a) => {
              const local = pending.find((p) => p.assignmentId === a.id);
              const draft = draftOf[a.id];
              const label = local
                ? t(keyOf('local_', local.state, 'local_waiting'))
                : t(keyOf('status_', a.status, 'status_PENDING'));
              return (
                <li key={a.id}>
                  <Link
                    href={`/judge/entry/${encodeURIComponent(a.entry.code ?? a.entry.id)}?round=${roundId}`}
                    className="row-link"
                  >
                    <span className="code">{a.entry.code}</span>
                    <span className="title">{a.entry.title}</span>
                    <span className="badges">
                      {draft && <span className="badge state-draft">{t('local_draft')}</span>}
                      <span className={`badge state-${local?.state ?? a.status}`}>{label}</span>
                    </span>
                    <span className="total">{a.sheet?.total ?? ''}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

import { keyOf, useI18n } from '../i18n';
import { Link } from '../router';
import { useServices, useStore } from '../services';
import { progressOf } from './RoundsScreen';
import { useJudgeData } from './useJudgeData';

export function RoundScreen({ roundId }: { roundId: string }) {
  const { t } = useI18n();
  const { outbox } = useServices();
  const pending = useStore(outbox.sheets);
  const { data, error } = useJudgeData();
  const round = data?.rounds.find((r) => r.id === roundId);
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
      {round && (
        <>
          <h1 id="round-title">{round.name}</h1>
          <p>
            <progress max={total} value={done} aria-label={t('progressLabel')} />{' '}
            {t('progress', { done, total })}
          </p>
          <h2>{t('assignments')}</h2>
          <ul className="rows">
            {assignments.map((a) => {
              const local = pending.find((p) => p.assignmentId === a.id);
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
                    <span className={`badge state-${local?.state ?? a.status}`}>{label}</span>
                    {a.sheet && <span className="total">{a.sheet.total}</span>}
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

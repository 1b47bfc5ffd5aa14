import { useI18n } from '../../i18n';
import type { PortalRound } from '../ops';
import { Section } from '../ui';
import { CloseRound } from './CloseRound';
import { ActivityFigure } from './charts/ActivityFigure';

/** The judges' sheets as they come in; while the round is open, closing it comes first. */
export function ProgressStage({
  round,
  onRefresh,
  onClosed,
}: {
  round: PortalRound;
  onRefresh: () => Promise<void>;
  onClosed: () => void;
}) {
  return (
    <>
      {round.status === 'OPEN' && (
        <CloseRound round={round} onRefresh={onRefresh} onClosed={onClosed} />
      )}
      <Progress round={round} />
    </>
  );
}

function Progress({ round }: { round: PortalRound }) {
  const { t } = useI18n();
  const p = round.progress;
  return (
    <Section title={t('liveProgress')} id="progress">
      {round.status === 'DRAFT' && <p className="note">{t('progressBeforeOpen')}</p>}
      <p>
        {t('progressSummary', {
          submitted: p.submitted,
          active: p.assignments - p.recused,
          complete: p.entriesComplete,
          entries: p.entriesTotal,
        })}
      </p>
      <progress
        max={Math.max(p.assignments - p.recused, 1)}
        value={p.submitted}
        aria-label={t('progressLabel')}
      />
      {round.status !== 'DRAFT' && <ActivityFigure round={round} />}
      <table className="table" data-testid="judge-progress">
        <thead>
          <tr>
            <th scope="col">{t('judge')}</th>
            <th scope="col">{t('assigned')}</th>
            <th scope="col">{t('status_SUBMITTED')}</th>
            <th scope="col">{t('status_RECUSED')}</th>
            <th scope="col">{t('progressLabel')}</th>
          </tr>
        </thead>
        <tbody>
          {round.judgeProgress.map((j) => (
            <tr key={j.judge.id}>
              <th scope="row">{j.judge.name}</th>
              <td>{j.assigned}</td>
              <td>{j.submitted}</td>
              <td>{j.recused}</td>
              <td>
                <progress
                  max={Math.max(j.assigned - j.recused, 1)}
                  value={j.submitted}
                  aria-label={j.judge.name}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

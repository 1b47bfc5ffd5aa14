import { useEffect, useState } from 'react';
import type { AssignJudgesMutation, TypedDocumentString } from '../../gql/app';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import {
  ASSIGN,
  CLOSE_ROUND,
  EVENT_ROUNDS,
  OPEN_ROUND,
  PortalRound,
  REOPEN_ROUND,
  ROUND,
  UPDATE_ROUND,
} from '../ops';
import { ErrorLine, Loading, Section } from '../ui';
import { useMutation, useQuery } from '../useGql';
import { PanelsSection } from './PanelsSection';
import { PublicationsSection } from './PublicationsSection';
import { ResultsSection } from './ResultsSection';
import { RoundForm } from './RoundForm';
import { usePageTitle } from '../usePageTitle';

type AssignmentReport = AssignJudgesMutation['assignJudges'];

/** One round: settings, panels, assignment, opening and closing, live progress, results. */
export function RoundScreen({ roundId }: { roundId: string }) {
  const { t } = useI18n();
  const [live, setLive] = useState(false);
  const round = useQuery(ROUND, { id: roundId }, { pollMs: live ? 5000 : undefined });
  const current = round.data?.round;
  // Judges' progress is live while the round is open: polled every 5 s.
  const open = current?.status === 'OPEN';
  useEffect(() => setLive(open), [open]);
  usePageTitle(current?.name, t('rounds'));
  if (!current) return <Loading error={round.error} />;
  const reload = () => void round.reload();
  return (
    <section aria-labelledby="round-title">
      <Link href={`/org/event/${current.eventId}/rounds`} className="button quiet back">
        {t('back')}
      </Link>
      <h1 id="round-title">
        {current.name}{' '}
        <span className={`badge status-${current.status}`} data-testid="round-status">
          {t(`roundStatus_${current.status}`)}
        </span>
      </h1>
      <Lifecycle round={current} onChanged={reload} />
      <Progress round={current} />
      {current.status === 'DRAFT' && <Settings round={current} onChanged={reload} />}
      <PanelsSection round={current} onChanged={reload} />
      {current.status === 'DRAFT' && <Assign round={current} onChanged={reload} />}
      <ResultsSection round={current} onChanged={reload} />
      <PublicationsSection round={current} />
    </section>
  );
}

function Settings({ round, onChanged }: { round: PortalRound; onChanged: () => void }) {
  const { t } = useI18n();
  const rounds = useQuery(EVENT_ROUNDS, {
    id: round.eventId,
  });
  const save = useMutation();
  return (
    <Section title={t('roundSettings')} id="round-settings">
      <RoundForm
        key={round.id}
        eventId={round.eventId}
        initial={round}
        rounds={rounds.data?.event?.rounds ?? []}
        busy={save.busy}
        error={save.error}
        submitLabel={t('saveChanges')}
        onSave={(input) =>
          void save.run(UPDATE_ROUND, { id: round.id, input }).then((ok) => ok && onChanged())
        }
      />
    </Section>
  );
}

function Assign({ round, onChanged }: { round: PortalRound; onChanged: () => void }) {
  const { t } = useI18n();
  const assign = useMutation();
  const [seed, setSeed] = useState('');
  const [report, setReport] = useState<AssignmentReport | null>(null);
  const run = async () => {
    const done = await assign.run(ASSIGN, {
      id: round.id,
      seed: seed ? Number(seed) : null,
    });
    if (done) {
      setReport(done.assignJudges);
      onChanged();
    }
  };
  return (
    <Section title={t('assignJudges')} id="assign">
      <div className="actions">
        <label className="field inline">
          <span>{t('assignSeed')}</span>
          <input
            type="number"
            step={1}
            value={seed}
            aria-describedby="seed-hint"
            onChange={(e) => setSeed(e.target.value)}
          />
        </label>
        <button
          type="button"
          className="button primary"
          disabled={assign.busy}
          onClick={() => void run()}
        >
          {t('assignJudges')}
        </button>
      </div>
      <p id="seed-hint" className="note">
        {t('seedHint')}
      </p>
      <ErrorLine error={assign.error} />
      {report && (
        <div role="status" data-testid="assign-report">
          <p>
            {t('assignReport', { n: report.assignments, min: report.minLoad, max: report.maxLoad })}
          </p>
          {report.unassignableEntryIds.length > 0 ? (
            <p className="error">{t('unassignable', { n: report.unassignableEntryIds.length })}</p>
          ) : (
            <p className="ok">{t('allAssigned')}</p>
          )}
        </div>
      )}
    </Section>
  );
}

function Lifecycle({ round, onChanged }: { round: PortalRound; onChanged: () => void }) {
  const { t } = useI18n();
  const act = useMutation();
  const [reason, setReason] = useState('');
  const run = <T, V>(query: TypedDocumentString<T, V>, variables: V) =>
    void act.run(query, variables).then((ok) => ok && onChanged());
  return (
    <div className="actions lifecycle">
      {round.status === 'DRAFT' && (
        <button
          type="button"
          className="button primary"
          disabled={act.busy}
          onClick={() => run(OPEN_ROUND, { id: round.id })}
        >
          {t('openRound')}
        </button>
      )}
      {round.status === 'OPEN' && (
        <button
          type="button"
          className="button primary"
          disabled={act.busy}
          onClick={() => window.confirm(t('confirmClose')) && run(CLOSE_ROUND, { id: round.id })}
        >
          {t('closeRound')}
        </button>
      )}
      {(round.status === 'CLOSED' || round.status === 'TABULATED') && (
        <>
          <label className="field inline">
            <span>{t('reopenReason')}</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button
            type="button"
            className="button"
            disabled={act.busy || !reason.trim()}
            onClick={() => run(REOPEN_ROUND, { id: round.id, r: reason.trim() })}
          >
            {t('reopenRound')}
          </button>
        </>
      )}
      <ErrorLine error={act.error} />
    </div>
  );
}

function Progress({ round }: { round: PortalRound }) {
  const { t } = useI18n();
  const p = round.progress;
  return (
    <Section title={t('liveProgress')} id="progress">
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

import { useState } from 'react';
import type { AssignJudgesMutation } from '../../gql/app';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { ASSIGN, OPEN_ROUND, PortalRound } from '../ops';
import { ErrorLine, Section } from '../ui';
import { useMutation } from '../useGql';
import { MoveAssignments } from './MoveAssignments';
import { openingShortfall } from './roundStages';

type AssignmentReport = AssignJudgesMutation['assignJudges'];

/**
 * Assigning the judges and opening the round. In a draft, what is next comes first: the
 * assignment while there is none, then opening (with what it needs, ticked off). Once open,
 * entries accepted since can still be given judges (a top-up; what is assigned stays), and an
 * unscored assignment can be moved to another judge (./MoveAssignments.tsx). The report of
 * the assignment made here is kept by the stage, so opening can warn of the entries it left
 * short of judges.
 */
export function AssignmentStage({
  round,
  onChanged,
  onOpened,
}: {
  round: PortalRound;
  onChanged: () => void;
  onOpened: () => void;
}) {
  const { t } = useI18n();
  const [report, setReport] = useState<AssignmentReport | null>(null);
  const assigned = round.progress.assignments > 0;
  const made = (done: AssignmentReport) => {
    setReport(done);
    onChanged();
  };
  const assignProps = { round, report, onAssigned: made };
  if (round.status === 'DRAFT') {
    // keyed, so the report of an assignment just made stays when the two change places
    const open = (
      <OpenRound key="open" round={round} report={report} ready={assigned} onOpened={onOpened} />
    );
    const assign = <Assign key="assign" {...assignProps} primary={!assigned} />;
    const move = <MoveAssignments key="move" round={round} onChanged={onChanged} />;
    return <>{assigned ? [open, assign, move] : [assign, open]}</>;
  }
  return (
    <>
      <Section title={t('assignJudges')} id="assign">
        <p>{t('assignmentsMade', { n: round.progress.assignments })}</p>
      </Section>
      {round.status === 'OPEN' && <Assign {...assignProps} primary={false} />}
      {round.status === 'OPEN' && <MoveAssignments round={round} onChanged={onChanged} />}
    </>
  );
}

/**
 * What opening needs (a panel, the assignment), ticked off; the button; its refusal. When the
 * assignment leaves entries short of judges, the list says so and the button asks first: open
 * anyway, or not yet (nothing changes).
 */
function OpenRound({
  round,
  report,
  ready,
  onOpened,
}: {
  round: PortalRound;
  report: AssignmentReport | null;
  ready: boolean;
  onOpened: () => void;
}) {
  const { t } = useI18n();
  const act = useMutation();
  const [asking, setAsking] = useState(false);
  const short = round.progress.assignments > 0 ? openingShortfall(round, report) : null;
  const shortText =
    short &&
    (short.kind === 'entries'
      ? t('openShortEntries', { n: short.n, per: short.per })
      : t('openShortPlaces', { n: short.n, per: short.per }));
  const open = () =>
    void act.run(OPEN_ROUND, { id: round.id }).then((ok) => {
      if (!ok) return;
      setAsking(false);
      onOpened();
    });
  const checks: [boolean, string][] = [
    [
      round.panels.length > 0,
      round.panels.length > 0 ? t('checkPanels', { n: round.panels.length }) : t('checkNoPanels'),
    ],
    [
      round.progress.assignments > 0,
      round.progress.assignments > 0
        ? t('checkAssigned', { n: round.progress.assignments })
        : t('checkNotAssigned'),
    ],
  ];
  if (shortText) checks.push([false, shortText]);
  return (
    <Section title={t('openRound')} id="open-round">
      <ul className="checklist" data-testid="open-checklist">
        {checks.map(([ok, text]) => (
          <li key={text} className={ok ? 'ok' : 'missing'}>
            <span aria-hidden="true">{ok ? '✓' : '✗'}</span> {text}
          </li>
        ))}
      </ul>
      {round.panels.length === 0 && (
        <Link href="?stage=panels" className="text-link">
          {t('goToStage', { stage: t('stage_panels') })}
        </Link>
      )}
      <p className="note">{t('openNote')}</p>
      {asking && shortText ? (
        <div
          className="close-warning missing"
          role="group"
          aria-labelledby="open-warning-title"
          data-testid="open-warning"
        >
          <h3 id="open-warning-title">{shortText}</h3>
          <p>{t('openShortEffect')}</p>
          <div className="actions">
            <button type="button" className="button primary" disabled={act.busy} onClick={open}>
              {t('openAnyway')}
            </button>
            <button
              type="button"
              className="button"
              disabled={act.busy}
              onClick={() => {
                act.setError(null);
                setAsking(false);
              }}
            >
              {t('notOpenYet')}
            </button>
          </div>
          <ErrorLine error={act.error} />
        </div>
      ) : (
        <div className="actions lifecycle">
          <button
            type="button"
            className={ready ? 'button primary' : 'button'}
            disabled={act.busy}
            onClick={shortText ? () => setAsking(true) : open}
          >
            {t('openRound')}
          </button>
          <ErrorLine error={act.error} />
        </div>
      )}
    </Section>
  );
}

/** The assignment (a draft's, replacing any before it) or an open round's top-up. */
function Assign({
  round,
  report,
  primary,
  onAssigned,
}: {
  round: PortalRound;
  /** the report of the last assignment made on this page */
  report: AssignmentReport | null;
  primary: boolean;
  onAssigned: (report: AssignmentReport) => void;
}) {
  const { t } = useI18n();
  const assign = useMutation();
  const [seed, setSeed] = useState('');
  const topUp = round.status === 'OPEN';
  const again = !topUp && round.progress.assignments > 0;
  const label = topUp ? t('topUpJudges') : again ? t('reassignJudges') : t('assignJudges');
  const run = async () => {
    const done = await assign.run(ASSIGN, {
      id: round.id,
      seed: seed ? Number(seed) : null,
    });
    if (done) onAssigned(done.assignJudges);
  };
  return (
    <Section title={topUp ? t('topUpJudges') : t('assignJudges')} id="assign">
      {topUp && <p className="note">{t('topUpNote')}</p>}
      {again && <p className="note">{t('reassignNote', { n: round.progress.assignments })}</p>}
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
          className={primary ? 'button primary' : 'button'}
          disabled={assign.busy}
          onClick={() => void run()}
        >
          {label}
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

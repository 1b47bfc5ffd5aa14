import { useState } from 'react';
import { useI18n } from '../../i18n';
import { Link, navigate, useLocation } from '../../router';
import { ROUND } from '../ops';
import { Loading } from '../ui';
import { useQuery } from '../useGql';
import { usePageTitle } from '../usePageTitle';
import { AssignmentStage } from './AssignmentStage';
import { RoundObjectionFlag } from './ObjectionFlag';
import { PanelsSection } from './PanelsSection';
import { ProgressStage } from './ProgressStage';
import { PublicationsSection } from './PublicationsSection';
import { ResultsStage } from './ResultsStage';
import { RoundStageNav } from './RoundStageNav';
import { roundPlace, StageId, stageOf } from './roundStages';
import { SettingsStage } from './SettingsStage';
import { useRoundPublications } from './useRoundPublications';
import './round.css';

/**
 * How often the round is read again while something else moves it: judges' sheets come in
 * while it is OPEN; the worker tabulates it while it is CLOSED (a few seconds), and the page
 * follows it to TABULATED without a reload.
 */
const POLL_MS: Partial<Record<string, number>> = { OPEN: 5000, CLOSED: 2000 };

/**
 * One round as the stages of its work (./roundStages.ts): the steps at the top say where the
 * round is and what comes next; one stage is shown at a time, the one the address names
 * (`?stage=`) or, by default, the one where the round's next step is taken.
 */
export function RoundScreen({ roundId }: { roundId: string }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const [status, setStatus] = useState<string | null>(null);
  const round = useQuery(ROUND, { id: roundId }, { pollMs: POLL_MS[status ?? ''] });
  const current = round.data?.round ?? null;
  if (current && current.status !== status) setStatus(current.status);
  const publications = useRoundPublications({ id: roundId, eventId: current?.eventId ?? '' });
  // The stage the page opened on stays shown while the organiser works in it (a panel made
  // does not move the page on); moving the round itself goes to the stage that follows.
  const [opened, setOpened] = useState<{ roundId: string; stage: StageId } | null>(null);
  const place = current ? roundPlace(current, publications.list) : null;
  // A tabulated round's place depends on its publications: wait for them before pinning.
  const known =
    current?.status !== 'TABULATED' || publications.list !== null || !!publications.error;
  if (place && known && current?.id === roundId && opened?.roundId !== roundId) {
    setOpened({ roundId, stage: place.stage });
  }
  usePageTitle(current?.name, t('rounds'));
  if (!current || !place) return <Loading error={round.error} />;

  const shown = stageOf(query.get('stage')) ?? opened?.stage ?? place.stage;
  const reload = () => void round.reload();
  const goTo = (stage: StageId) => navigate(`?stage=${stage}`);
  const moved = (stage: StageId) => {
    reload();
    goTo(stage);
  };
  return (
    <section aria-labelledby="round-title" className="round-screen">
      <Link href={`/org/event/${current.eventId}/rounds`} className="button quiet back">
        {t('back')}
      </Link>
      <h1 id="round-title">
        {current.name}{' '}
        <span className={`badge status-${current.status}`} data-testid="round-status">
          {t(`roundStatus_${current.status}`)}
        </span>
      </h1>
      <RoundObjectionFlag roundId={current.id} />
      <RoundStageNav place={place} shown={shown} />
      <div
        className="stage-panel"
        data-testid="stage-panel"
        data-stage={shown}
        role="region"
        aria-label={t(`stage_${shown}`)}
      >
        {shown === 'settings' && <SettingsStage round={current} onChanged={reload} />}
        {shown === 'panels' && <PanelsSection round={current} onChanged={reload} />}
        {shown === 'assignment' && (
          <AssignmentStage round={current} onChanged={reload} onOpened={() => moved('progress')} />
        )}
        {shown === 'progress' && (
          <ProgressStage
            round={current}
            onRefresh={() => round.reload()}
            onClosed={() => moved('results')}
          />
        )}
        {shown === 'results' && (
          <ResultsStage
            round={current}
            next={place.next}
            onChanged={reload}
            onReopened={() => moved('progress')}
          />
        )}
        {shown === 'publication' && (
          <PublicationsSection round={current} published={publications} />
        )}
      </div>
    </section>
  );
}

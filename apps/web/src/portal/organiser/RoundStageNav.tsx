import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { RoundPlace, StageId, stageStates, STAGES } from './roundStages';

/**
 * The round's stages as numbered steps (done, where the round is, ahead), each a link to its
 * stage, and under them the one next thing to do, with the way to its stage when another
 * stage is shown.
 */
export function RoundStageNav({ place, shown }: { place: RoundPlace; shown: StageId }) {
  const { t } = useI18n();
  const states = stageStates(place);
  return (
    <>
      <nav className="round-stages" aria-label={t('roundStages')}>
        <ol>
          {STAGES.map((stage, i) => (
            <li key={stage} className={`stage-${states[stage]}`} data-state={states[stage]}>
              <Link
                href={`?stage=${stage}`}
                aria-current={stage === shown ? 'page' : undefined}
                data-testid={`stage-link-${stage}`}
              >
                <span className="stage-number" aria-hidden="true">
                  {states[stage] === 'done' ? '✓' : i + 1}
                </span>
                <span className="stage-name">{t(`stage_${stage}`)}</span>
                <small className="stage-state">{t(`stageState_${states[stage]}`)}</small>
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      <p className="next-step" data-testid="next-step" data-next={place.next}>
        <strong>{t(`nextStep_${place.next}`)}</strong>
        {shown !== place.stage && (
          <>
            {' '}
            <Link href={`?stage=${place.stage}`} className="text-link">
              {t('goToStage', { stage: t(`stage_${place.stage}`) })}
            </Link>
          </>
        )}
      </p>
    </>
  );
}

import { useState } from 'react';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { PortalRound, REOPEN_ROUND } from '../ops';
import { ErrorLine } from '../ui';
import { useMutation } from '../useGql';
import { ResultsSection } from './ResultsSection';
import type { NextStep } from './roundStages';

/**
 * The results: while the worker tabulates a closed round, a line that says so (the page reads
 * the round again every few seconds and shows the results when they are there); once
 * tabulated, publishing is the next step and comes first. Reopening, a step back, is last and
 * folded away.
 */
export function ResultsStage({
  round,
  next,
  onChanged,
  onReopened,
}: {
  round: PortalRound;
  next: NextStep;
  onChanged: () => void;
  onReopened: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      {round.status === 'CLOSED' && (
        <p className="notice tabulating" role="status" data-testid="tabulating">
          <span className="spinner" aria-hidden="true" /> {t('tabulatingNow')}
        </p>
      )}
      {next === 'publish' && (
        <div className="notice actions" data-testid="results-next">
          <span>{t('publishWhenChecked')}</span>
          <Link href="?stage=publication" className="button primary">
            {t('goPublish')}
          </Link>
        </div>
      )}
      {(round.status === 'CLOSED' || round.status === 'TABULATED') && (
        <nav className="actions see-also" aria-label={t('resultsSeeAlso')}>
          {/* the judge-quality figures are at the end of the results; the what-if has its own page */}
          <a href="#quality" className="text-link">
            {t('judgeQuality')}
          </a>
          <Link href={`/org/round/${round.id}/what-if`} className="text-link">
            {t('whatIfTitle')}
          </Link>
        </nav>
      )}
      <ResultsSection round={round} onChanged={onChanged} />
      {(round.status === 'CLOSED' || round.status === 'TABULATED') && (
        <Reopen round={round} onReopened={onReopened} />
      )}
    </>
  );
}

function Reopen({ round, onReopened }: { round: PortalRound; onReopened: () => void }) {
  const { t } = useI18n();
  const act = useMutation();
  const [reason, setReason] = useState('');
  return (
    <details className="card section reopen" data-testid="reopen">
      <summary>{t('reopenRound')}</summary>
      <p className="note">{t('reopenNote')}</p>
      <div className="actions">
        <label className="field inline">
          <span>{t('reopenReason')}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button
          type="button"
          className="button"
          disabled={act.busy || !reason.trim()}
          onClick={() =>
            void act
              .run(REOPEN_ROUND, { id: round.id, r: reason.trim() })
              .then((ok) => ok && onReopened())
          }
        >
          {t('reopenRound')}
        </button>
      </div>
      <ErrorLine error={act.error} />
    </details>
  );
}

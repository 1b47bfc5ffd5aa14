import { useState } from 'react';
import { useI18n } from '../../i18n';
import { CLOSE_ROUND, PortalRound } from '../ops';
import { ErrorLine, Section } from '../ui';
import { useMutation } from '../useGql';
import { missingSheets } from './roundStages';

/**
 * Closing a round, said before it is done: the round is read again, then the sheets still
 * missing are counted, with the judges who owe them and the entries that will be left short
 * (no rank, no award), and the organiser closes anyway or waits. The app sends no reminders
 * yet, and says so rather than offering a button that does nothing.
 */
export function CloseRound({
  round,
  onRefresh,
  onClosed,
}: {
  round: PortalRound;
  onRefresh: () => Promise<void>;
  onClosed: () => void;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [reading, setReading] = useState(false);
  const act = useMutation();
  const missing = missingSheets(round);

  const ask = async () => {
    setReading(true);
    await onRefresh();
    setReading(false);
    setAsking(true);
  };
  const close = () =>
    void act.run(CLOSE_ROUND, { id: round.id }).then((ok) => {
      if (!ok) return;
      setAsking(false);
      onClosed();
    });

  return (
    <Section title={t('closeRound')} id="close-round">
      {!asking && (
        <div className="actions lifecycle">
          <button
            type="button"
            className="button primary"
            disabled={reading}
            onClick={() => void ask()}
          >
            {t('closeRound')}
          </button>
          <span className="note">{t('closeNote')}</span>
        </div>
      )}
      {asking && (
        <div
          className={missing.sheets > 0 ? 'close-warning missing' : 'close-warning'}
          role="group"
          aria-labelledby="close-warning-title"
          data-testid="close-warning"
        >
          <h3 id="close-warning-title">
            {missing.sheets > 0
              ? t('closeMissingTitle', { n: missing.sheets })
              : t('closeAllInTitle', { n: round.progress.submitted })}
          </h3>
          {missing.sheets > 0 && (
            <>
              <p>
                {missing.entriesShort > 0
                  ? t('closeEntriesShort', { n: missing.entriesShort, min: round.minSheets })
                  : t('closeNoEntryShort', { min: round.minSheets })}
              </p>
              <ul className="owing" data-testid="owing-judges">
                {missing.owing.map((j) => (
                  <li key={j.judge.id}>
                    {t('judgeOwes', { name: j.judge.name, owed: j.owed, of: j.of })}
                  </li>
                ))}
              </ul>
              <p className="note">{t('noReminders')}</p>
            </>
          )}
          <p className="note">{t('closeEffect')}</p>
          <div className="actions">
            <button
              type="button"
              className={missing.sheets > 0 ? 'button danger' : 'button primary'}
              disabled={act.busy}
              onClick={close}
            >
              {missing.sheets > 0 ? t('closeAnyway') : t('confirmCloseRound')}
            </button>
            <button
              type="button"
              className="button"
              disabled={act.busy}
              onClick={() => setAsking(false)}
            >
              {t('keepOpen')}
            </button>
          </div>
          <ErrorLine error={act.error} />
        </div>
      )}
    </Section>
  );
}

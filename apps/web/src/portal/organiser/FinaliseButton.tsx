import { useState } from 'react';
import { useI18n } from '../../i18n';
import { FINALISE, Publication } from '../ops';
import { ErrorLine } from '../ui';
import { useMutation } from '../useGql';
import { useNoticeRunning } from './noticeClock';

/**
 * Making a version final, said before it is done: what it means (the list can no longer
 * change, certificates are drawn, objections close), and any objection still unanswered. Only
 * the confirmation finalises; "not yet" changes nothing. A refusal (the notice still running,
 * an objection open) stays in the confirmation, in words. While the notice runs the button is
 * held back with the time it ends, and offered when that time comes, without a reload.
 */
export function FinaliseButton({
  publication,
  openObjections,
  onFinalised,
}: {
  publication: Pick<Publication, 'id' | 'version' | 'noticeEndsAt'>;
  /** OPEN objections of the round, any version */
  openObjections: number;
  onFinalised: () => void;
}) {
  const { t, formatTime } = useI18n();
  const [asking, setAsking] = useState(false);
  const finalise = useMutation();
  const noticeRunning = useNoticeRunning(publication.noticeEndsAt);
  const titleId = `finalise-title-${publication.id}`;
  const waitId = `finalise-wait-${publication.id}`;
  if (noticeRunning) {
    return (
      <>
        <button type="button" className="button primary" disabled aria-describedby={waitId}>
          {t('finalise')}
        </button>
        <span className="note" id={waitId} data-testid="finalise-wait">
          {t('finaliseAfterNotice', { at: formatTime(publication.noticeEndsAt) })}
        </span>
      </>
    );
  }
  if (!asking) {
    return (
      <button type="button" className="button primary" onClick={() => setAsking(true)}>
        {t('finalise')}
      </button>
    );
  }
  const confirm = () =>
    void finalise.run(FINALISE, { id: publication.id }).then((ok) => {
      if (!ok) return;
      setAsking(false);
      onFinalised();
    });
  return (
    <div
      className="finalise-confirm"
      role="group"
      aria-labelledby={titleId}
      data-testid="finalise-confirm"
    >
      <h4 id={titleId}>{t('finaliseConfirmTitle', { version: publication.version })}</h4>
      <ul>
        <li>{t('finaliseConfirmList')}</li>
        <li>{t('finaliseConfirmCertificates')}</li>
        <li>{t('finaliseConfirmObjections')}</li>
      </ul>
      {openObjections > 0 && (
        <p className="reason">{t('finaliseConfirmOpen', { n: openObjections })}</p>
      )}
      <div className="actions">
        <button type="button" className="button primary" disabled={finalise.busy} onClick={confirm}>
          {t('finaliseConfirm')}
        </button>
        <button
          type="button"
          className="button"
          disabled={finalise.busy}
          onClick={() => {
            finalise.setError(null);
            setAsking(false);
          }}
        >
          {t('finaliseCancel')}
        </button>
      </div>
      <ErrorLine error={finalise.error} />
    </div>
  );
}

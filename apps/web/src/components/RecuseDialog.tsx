import { FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, gql, NetworkError, RECUSE } from '../api';
import { keyOf, useI18n } from '../i18n';
import { useServices } from '../services';

/**
 * Stepping aside from an entry (a student's work, a former employer's): the judge gives a
 * reason, which the organisers see, and the assignment is RECUSED on the server at once. It
 * needs the server: a recusal is never queued, so the judge knows whether it happened.
 */
export function RecuseDialog(props: {
  roundId: string;
  assignmentId: string;
  onClose: () => void;
  onRecused: () => void;
}) {
  const { roundId, assignmentId, onClose, onRecused } = props;
  const { session } = useServices();
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) return;
    setBusy(true);
    setError(null);
    try {
      await gql(RECUSE, { id: assignmentId, r: text }, session.token());
      session.markRecused(roundId, assignmentId);
      onRecused();
    } catch (caught) {
      if (caught instanceof NetworkError) setError(t('recuseNeedsServer'));
      else if (caught instanceof ApiError && caught.reason === 'ROUND_NOT_OPEN')
        setError(t('roundClosedNote'));
      else if (caught instanceof ApiError)
        setError(
          t(keyOf('recuse_', caught.reason ?? '', 'recuseRefused'), {
            message: caught.reason ?? caught.code,
          }),
        );
      else setError(t('errorGeneric', { message: (caught as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="recuse-dialog"
      aria-labelledby="recuse-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="recuse-title">{t('recuseTitle')}</h2>
        <p className="note">{t('recuseHint')}</p>
        <label className="field">
          <span>{t('recuseReason')}</span>
          <textarea
            rows={3}
            maxLength={1000}
            value={reason}
            autoFocus
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy || !reason.trim()}>
            {t('recuseConfirm')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('recuseCancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

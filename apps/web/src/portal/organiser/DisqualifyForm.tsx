import { FormEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import { DISQUALIFY_ENTRY } from '../ops';
import { ErrorLine } from '../ui';
import { useMutation } from '../useGql';

/**
 * Disqualifying an accepted entry, with the reason the entrant will read. Used on the entry's
 * page and from the results; a refusal is worded for this action (an entry no longer ACCEPTED
 * was most likely decided meanwhile in another window).
 */
export function DisqualifyForm({
  entry,
  onDone,
  onCancel,
}: {
  entry: { id: string; code: string | null; title: string };
  onDone: () => void;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const act = useMutation({
    INVALID_TRANSITION: 'disqualifyOnlyAccepted',
    REASON_REQUIRED: 'reasonRequired',
  });
  const [reason, setReason] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Checked here too, so an empty reason never makes a round trip.
    if (!reason.trim()) return act.setError(t('reasonRequired'));
    const done = await act.run(DISQUALIFY_ENTRY, { id: entry.id, reason: reason.trim() });
    if (done) onDone();
  };
  return (
    <form
      className="form-card disqualify"
      aria-label={t('disqualifyEntry', { code: entry.code ?? entry.title })}
      onSubmit={(e) => void submit(e)}
    >
      <p className="note">
        <strong>{t('disqualifyEntry', { code: entry.code ?? entry.title })}</strong> ·{' '}
        {t('disqualifyNote')}
      </p>
      <label className="field">
        <span>{t('disqualifyReason')}</span>
        <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <ErrorLine error={act.error} />
      <div className="actions">
        <button type="submit" className="button danger" disabled={act.busy}>
          {t('disqualify')}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('keepEntry')}
          </button>
        )}
      </div>
    </form>
  );
}

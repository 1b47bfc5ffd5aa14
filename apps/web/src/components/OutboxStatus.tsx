import { useI18n } from '../i18n';
import { useServices, useStore } from '../services';

/** "3 waiting to send", and whether the tablet is online; announced to screen readers. */
export function OutboxStatus() {
  const { outbox, online } = useServices();
  const { t } = useI18n();
  const sheets = useStore(outbox.sheets);
  const isOnline = useStore(online);
  const waiting = sheets.filter((s) => s.state === 'waiting').length;
  return (
    <div className="outbox-status" role="status" aria-live="polite">
      <span className={`dot ${isOnline ? 'on' : 'off'}`} aria-hidden="true" />
      <span className="connection">{isOnline ? t('online') : t('offline')}</span>
      <span className="waiting" data-testid="waiting-count">
        {waiting > 0 ? t('waitingToSend', { n: waiting }) : t('allSent')}
      </span>
      {waiting > 0 && isOnline && (
        <button type="button" className="button quiet" onClick={() => void outbox.flush()}>
          {t('sendNow')}
        </button>
      )}
    </div>
  );
}

import { useI18n } from '../i18n';
import { Link } from '../router';
import { serverReach } from '../offline/reachability';
import { useServices, useStore } from '../services';

/**
 * The header's account of the tablet, true at every moment: offline (the browser has no
 * network), server unreachable (it has, but the API does not answer), or online; how many
 * sheets wait to be sent; whether a conflict waits for the judge. "All sent" only when nothing
 * is left on the tablet. Announced to screen readers.
 */
export function OutboxStatus() {
  const { outbox, online } = useServices();
  const { t } = useI18n();
  const sheets = useStore(outbox.sheets);
  const isOnline = useStore(online);
  const reach = useStore(serverReach);
  const waiting = sheets.filter((s) => s.state === 'waiting').length;
  const conflicts = sheets.length - waiting;
  const connection = !isOnline ? 'offline' : reach === 'unreachable' ? 'unreachable' : 'online';
  const label = {
    offline: t('offline'),
    unreachable: t('serverUnreachable'),
    online: t('online'),
  }[connection];
  return (
    <div className="outbox-status" role="status" aria-live="polite">
      <span className={`dot ${connection}`} aria-hidden="true" />
      <span className="connection" data-testid="connection">
        {label}
      </span>
      {(waiting > 0 || conflicts === 0) && (
        <span className="waiting" data-testid="waiting-count">
          {waiting > 0 ? t('waitingToSend', { n: waiting }) : t('allSent')}
        </span>
      )}
      {conflicts > 0 && (
        <Link href="/judge" className="conflict-count" data-testid="conflict-count">
          {t('conflictsPending', { n: conflicts })}
        </Link>
      )}
      {waiting > 0 && connection === 'online' && (
        <button type="button" className="button quiet" onClick={() => void outbox.flush()}>
          {t('sendNow')}
        </button>
      )}
    </div>
  );
}

import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { applyUpdate, startServiceWorker, updateWaiting } from '../offline/app-update';
import { useServices, useStore } from '../services';

/**
 * A new version of the app is installed and waiting. It takes over only when the judge says so
 * and only while the outbox is empty (every judge's sheets on the tablet): a sheet waiting to be
 * sent or in conflict keeps the running version, the one that saved it, until it is settled.
 * The outbox and the drafts are in IndexedDB, which a new version reads as it is, so even a
 * tablet restarted meanwhile loses nothing; drafts do not hold the update back, or one
 * abandoned sheet would hold it forever. The banner floats over the page, so nothing under the
 * judge's finger moves when it appears.
 */
export function UpdateBanner() {
  const { outbox } = useServices();
  const { t } = useI18n();
  const waiting = useStore(updateWaiting);
  const { waiting: unsent, unsettled } = useStore(outbox.onTablet);
  const [later, setLater] = useState(false);
  useEffect(() => startServiceWorker(), []);
  if (!waiting || later) return null;
  return (
    <div className="update-banner" role="status" data-testid="update-banner">
      {unsent > 0 ? (
        <span>{t('updateWaits', { n: unsent })}</span>
      ) : unsettled > 0 ? (
        <span>{t('updateWaitsConflict')}</span>
      ) : (
        <>
          <span>{t('updateReady')}</span>
          <button type="button" className="button primary" onClick={() => void applyUpdate()}>
            {t('updateNow')}
          </button>
        </>
      )}
      <button type="button" className="button quiet" onClick={() => setLater(true)}>
        {t('updateLater')}
      </button>
    </div>
  );
}

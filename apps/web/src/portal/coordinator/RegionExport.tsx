import { useState } from 'react';
import { useI18n } from '../../i18n';
import { useServices } from '../../services';
import { describeError } from '../describeError';
import { download } from '../files';
import { ErrorLine } from '../ui';

/**
 * The coordinator's download of its region's entries as an Excel workbook (docs/http.md,
 * `GET /api/events/{eventId}/entries.xlsx`): the API answers a coordinator its own region only,
 * so the screen sends no region at all.
 */
export function RegionExport({ eventId, regionName }: { eventId: string; regionName: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { session } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const get = async () => {
    setBusy(true);
    setError(null);
    await download(
      `/api/events/${encodeURIComponent(eventId)}/entries.xlsx`,
      session.token(),
      'entries.xlsx',
    )
      .catch((caught: unknown) => setError(describeError(i18n, caught)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="section">
      <button type="button" className="button" disabled={busy} onClick={() => void get()}>
        {busy ? t('regionExporting') : t('regionExport')}
      </button>
      <p className="note">{t('regionExportHint', { region: regionName })}</p>
      <ErrorLine error={error} />
    </div>
  );
}

import { useState } from 'react';
import { useI18n } from '../i18n';
import { useServices } from '../services';
import { describeError } from './describeError';
import { download } from './files';
import { ErrorLine } from './ui';

/**
 * A download of an event's entries as an Excel workbook (docs/http.md,
 * `GET /api/events/{eventId}/entries.xlsx`). The API decides whose entries: a coordinator gets its
 * own region whatever it sends; an organiser every region, or the one in `regionCode`.
 */
export function EntriesWorkbook({
  eventId,
  regionCode = null,
  label,
  hint,
}: {
  eventId: string;
  regionCode?: string | null;
  label: string;
  hint: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { session } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const query = regionCode ? `?regionCode=${encodeURIComponent(regionCode)}` : '';
  const get = async () => {
    setBusy(true);
    setError(null);
    await download(
      `/api/events/${encodeURIComponent(eventId)}/entries.xlsx${query}`,
      session.token(),
      'entries.xlsx',
    )
      .catch((caught: unknown) => setError(describeError(i18n, caught)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="section">
      <button type="button" className="button" disabled={busy} onClick={() => void get()}>
        {busy ? t('regionExporting') : label}
      </button>
      <p className="note">{hint}</p>
      <ErrorLine error={error} />
    </div>
  );
}

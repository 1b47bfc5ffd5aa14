import { useI18n } from '../../i18n';
import { EntriesWorkbook } from '../EntriesWorkbook';

/** The coordinator's workbook of its region's entries: the API answers it its own region only. */
export function RegionExport({ eventId, regionName }: { eventId: string; regionName: string }) {
  const { t } = useI18n();
  return (
    <EntriesWorkbook
      eventId={eventId}
      label={t('regionExport')}
      hint={t('regionExportHint', { region: regionName })}
    />
  );
}

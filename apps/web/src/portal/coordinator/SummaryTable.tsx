import { useI18n } from '../../i18n';
import type { EntryStatus, EntrySummary } from '../ops';
import './coordinator.css';

const COLUMNS: EntryStatus[] = [
  'DRAFT',
  'SUBMITTED',
  'ACCEPTED',
  'REJECTED',
  'DISQUALIFIED',
  'WITHDRAWN',
];

/**
 * Counts by category (rows) and status (columns), with the totals. On a phone each row is a
 * card of labelled counts (./coordinator.css): eight columns of 390 px left a letter a line.
 */
export function SummaryTable({ summary }: { summary: EntrySummary }) {
  const { t } = useI18n();
  const count = (list: { status: EntryStatus; count: number }[], status: EntryStatus) =>
    list.find((s) => s.status === status)?.count ?? 0;
  return (
    <div className="table-wrap">
      <table className="table summary-table" data-testid="summary-table">
        <thead>
          <tr>
            <th scope="col">{t('category')}</th>
            {COLUMNS.map((s) => (
              <th key={s} scope="col">
                {t(`entryStatus_${s}`)}
              </th>
            ))}
            <th scope="col">{t('totalCount')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.byCategory.map((row) => (
            <tr key={row.categoryId}>
              <th scope="row">
                <span className="code">{row.categoryCode}</span> {row.categoryName}
              </th>
              {COLUMNS.map((s) => (
                <td key={s} data-label={t(`entryStatus_${s}`)}>
                  {count(row.byStatus, s)}
                </td>
              ))}
              <td data-label={t('totalCount')}>{row.total}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('totalCount')}</th>
            {COLUMNS.map((s) => (
              <td key={s} data-label={t(`entryStatus_${s}`)}>
                {count(summary.byStatus, s)}
              </td>
            ))}
            <td data-label={t('totalCount')}>{summary.total}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

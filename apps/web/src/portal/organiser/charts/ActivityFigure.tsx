import { useEffect, useMemo, useRef } from 'react';
import { RoundActivityDocument } from '../../../gql/app';
import { useI18n } from '../../../i18n';
import type { PortalRound } from '../../ops';
import { ErrorLine } from '../../ui';
import { useQuery } from '../../useGql';
import { activityTable, hourLabel } from './activity';
import { ChartFigure } from './ChartFigure';
import { activityOption } from './chartOptions';

/** Hours shown at most: two days of judging, still readable at 1366 px. */
const MAX_HOURS = 48;

/**
 * The sheets submitted per hour and per panel (Round.activity, issue 21), read again whenever
 * the round's count of submitted sheets changes (the page reads the round as it goes).
 */
export function ActivityFigure({ round }: { round: PortalRound }) {
  const { t } = useI18n();
  const activity = useQuery(RoundActivityDocument, { id: round.id });
  // read again when the count changes, not on the first render (useQuery has just read it)
  const submitted = round.progress.submitted;
  const seen = useRef(submitted);
  const { reload } = activity;
  useEffect(() => {
    if (seen.current === submitted) return;
    seen.current = submitted;
    void reload();
  }, [submitted, reload]);
  const rows = activity.data?.round?.activity;
  const table = useMemo(() => activityTable(rows ?? [], MAX_HOURS), [rows]);
  const option = useMemo(() => (table.hours.length ? activityOption(t, table) : null), [t, table]);
  if (!rows) return <ErrorLine error={activity.error} />;
  const total = table.totals.reduce((a, b) => a + b, 0);
  const earlier = table.earlier.reduce((a, b) => a + b, 0);
  const summary = [
    table.hours.length
      ? t('chartActivitySummary', {
          total,
          from: hourLabel(table.hours[0]),
          to: hourLabel(table.hours[table.hours.length - 1]),
        })
      : t('chartActivityNone'),
    earlier ? t('chartActivityEarlier', { hours: MAX_HOURS, n: earlier }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <ChartFigure
      id="activity"
      title={t('chartActivityTitle')}
      summary={summary}
      option={option}
      height={340}
      table={
        <table className="table" data-testid="activity-table">
          <thead>
            <tr>
              <th scope="col">{t('chartActivityHour')}</th>
              {table.panels.map((p) => (
                <th scope="col" key={p.id}>
                  {p.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.hours.map((hour, h) => (
              <tr key={hour}>
                <th scope="row">{hourLabel(hour)}</th>
                {table.counts.map((counts, p) => (
                  <td key={table.panels[p].id}>{counts[h]}</td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">{t('chartTotal')}</th>
              {table.totals.map((n, p) => (
                <td key={table.panels[p].id}>{n}</td>
              ))}
            </tr>
          </tbody>
        </table>
      }
    />
  );
}

import { useMemo } from 'react';
import { useI18n } from '../../../i18n';
import type { RoundQuality } from '../../ops';
import { ChartFigure } from './ChartFigure';
import { leniencyOption } from './chartOptions';
import { leniencyChartData, signedPoints } from './leniency';

/**
 * Each judge's mean against the co-judges' on the same entries (JudgeQuality.leniency), by
 * name, as bars from a 0 line (issue 21).
 */
export function LeniencyFigure({ quality }: { quality: RoundQuality }) {
  const { t } = useI18n();
  const data = useMemo(() => leniencyChartData(quality.judges), [quality.judges]);
  const option = useMemo(() => (data.charted.length ? leniencyOption(t, data) : null), [t, data]);
  const summary = [
    data.charted.length
      ? t('chartLeniencySummary', { n: data.charted.length })
      : t('chartLeniencyNone'),
    data.without.length ? t('chartLeniencyWithout', { names: data.without.join('、') }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <ChartFigure
      id="leniency"
      title={t('chartLeniencyTitle')}
      summary={summary}
      option={option}
      height={96 + data.charted.length * 36}
      table={
        <table className="table" data-testid="leniency-table">
          <thead>
            <tr>
              <th scope="col">{t('chartLeniencyAxisY')}</th>
              <th scope="col">{t('chartLeniencyValue')}</th>
              <th scope="col">{t('chartCoJudged')}</th>
            </tr>
          </thead>
          <tbody>
            {data.charted.map((j) => (
              <tr key={j.id}>
                <th scope="row">{j.name}</th>
                <td>{signedPoints(j.leniency)}</td>
                <td>{j.coJudgedEntries}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

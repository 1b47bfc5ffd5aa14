import { lazy, ReactNode, Suspense } from 'react';
import { useI18n } from '../../../i18n';
import { Loading } from '../../ui';
import type { ChartOption } from './chartOptions';
import './charts.css';

// echarts comes with the first chart an organiser opens, never with the app's own bundle.
const EChart = lazy(() => import('./EChart'));

/**
 * A chart with its title, a sentence that says what it shows and, folded away, the table of its
 * figures: the text alternative for screen readers (and for the browser tests). Without data
 * the sentence stands alone and no chart is drawn.
 */
export function ChartFigure({
  id,
  title,
  summary,
  option,
  height,
  table,
}: {
  id: string;
  title: string;
  summary: ReactNode;
  option: ChartOption | null;
  height: number;
  table: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <figure className="chart-figure" data-testid={id} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {option && (
        <Suspense fallback={<Loading error={null} />}>
          <EChart option={option} height={height} label={title} testId={`${id}-chart`} />
        </Suspense>
      )}
      <figcaption className="note" data-testid={`${id}-summary`}>
        {summary}
      </figcaption>
      {option && (
        <details className="chart-data">
          <summary>{t('chartDataTable')}</summary>
          <div className="table-wrap">{table}</div>
        </details>
      )}
    </figure>
  );
}

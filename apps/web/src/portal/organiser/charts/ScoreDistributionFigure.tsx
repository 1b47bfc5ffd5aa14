import { useMemo } from 'react';
import { useI18n } from '../../../i18n';
import type { EntryResult } from '../../ops';
import { ChartFigure } from './ChartFigure';
import { scoreOption } from './chartOptions';
import { scoreHistogram, ScoredEntry } from './histogram';

/** The entries' scores once each (an entry ranked in more than one scope counts once). */
export function scoredEntries(results: readonly EntryResult[]): ScoredEntry[] {
  const seen = new Map<string, ScoredEntry>();
  for (const r of results) {
    if (seen.has(r.entry.id)) continue;
    seen.set(r.entry.id, {
      score: r.score,
      scoreExact: r.scoreExact,
      categoryCode: r.entry.category.code,
      categoryName: r.entry.category.name,
    });
  }
  return [...seen.values()];
}

/** The round's score distribution, each bar split by category (issue 21). */
export function ScoreDistributionFigure({ results }: { results: readonly EntryResult[] }) {
  const { t } = useI18n();
  const histogram = useMemo(() => scoreHistogram(scoredEntries(results)), [results]);
  const option = useMemo(
    () => (histogram.bins.length ? scoreOption(t, histogram) : null),
    [t, histogram],
  );
  const { bins, categories } = histogram;
  const summary = [
    bins.length
      ? t('chartScoreSummary', { scored: histogram.scored, bins: bins.length })
      : t('chartScoreNone'),
    histogram.unscored ? t('chartScoreUnscored', { n: histogram.unscored }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <ChartFigure
      id="score-distribution"
      title={t('chartScoreTitle')}
      summary={summary}
      option={option}
      height={340}
      table={
        <table className="table" data-testid="score-distribution-table">
          <thead>
            <tr>
              <th scope="col">{t('chartScoreRange')}</th>
              {categories.map((c) => (
                <th scope="col" key={c.code}>
                  {c.name}（{c.code}）
                </th>
              ))}
              <th scope="col">{t('chartTotal')}</th>
            </tr>
          </thead>
          <tbody>
            {bins.map((b) => (
              <tr key={b.from}>
                <th scope="row">
                  {b.from}–{b.to}
                </th>
                {b.byCategory.map((n, i) => (
                  <td key={categories[i].code}>{n}</td>
                ))}
                <td>{b.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

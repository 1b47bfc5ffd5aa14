import { lazy, Suspense } from 'react';
import { keyOf, useI18n } from '../../i18n';
import { Link } from '../../router';
import { useServices } from '../../services';
import { describeError } from '../describeError';
import { download } from '../files';
import { AwardTier, ROUND, ROUND_WHAT_IF, RoundWhatIf, WhatIfMethod } from '../ops';
import { ErrorLine, Loading, Section } from '../ui';
import { usePageTitle } from '../usePageTitle';
import { useMutation, useQuery } from '../useGql';
import { awardGrid, CHART_ROWS, outcomeText } from './whatIf';

// echarts is loaded with this screen only, never with the rest of the portal or the tablet.
const WhatIfChart = lazy(() => import('./WhatIfChart'));

/**
 * What-if of a closed round (issue 23): its results under every scoring method beside its own,
 * which awards depend on the method (a chart and a table), how far each method's ranking is from
 * the round's (Kendall's τ), the judges' fitted biases, and the comparison as CSV. Read-only.
 */
export function WhatIfScreen({ roundId }: { roundId: string }) {
  const { t } = useI18n();
  const round = useQuery(ROUND, { id: roundId });
  // Only the entries whose award or advancement changes: the CSV has every entry.
  const whatIf = useQuery(ROUND_WHAT_IF, { id: roundId, changesOnly: true });
  const current = round.data?.round;
  usePageTitle(t('whatIfTitle'), current?.name, t('rounds'));
  if (!current) return <Loading error={round.error} />;
  const report = whatIf.data?.roundWhatIf;
  return (
    <section aria-labelledby="what-if-title">
      <Link href={`/org/round/${roundId}`} className="button quiet back">
        {t('back')}
      </Link>
      <h1 id="what-if-title">
        {t('whatIfTitle')} · {current.name}
      </h1>
      <p className="note">{t('whatIfIntro')}</p>
      {!report && <Loading error={whatIf.error} />}
      {report && <Comparison report={report} tiers={current.awardTiers} roundId={roundId} />}
      {whatIf.error && report && <ErrorLine error={whatIf.error} />}
    </section>
  );
}

function Comparison({
  report,
  tiers,
  roundId,
}: {
  report: RoundWhatIf;
  tiers: readonly AwardTier[];
  roundId: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { session } = useServices();
  const exportError = useMutation();
  const methodName = (m: WhatIfMethod) => t(keyOf('whatIfMethod_', m, 'unknownValue'));
  const grid = awardGrid(report, tiers, t('whatIfNoAward'));
  const own = report.methods.find((m) => m.own)?.method;
  const save = () =>
    download(`/api/rounds/${roundId}/what-if.csv`, session.token(), 'what-if.csv').catch(
      (e: unknown) => exportError.setError(describeError(i18n, e)),
    );
  return (
    <>
      <div className="actions">
        <button type="button" className="button" onClick={() => void save()}>
          {t('whatIfExport')}
        </button>
      </div>
      <ErrorLine error={exportError.error} />
      {!report.matchesStoredTabulation && (
        <p className="notice" role="status">
          {t(report.tabulationVersion === null ? 'whatIfNotTabulated' : 'whatIfStale')}
        </p>
      )}
      <p className="what-if-summary" data-testid="what-if-summary">
        <strong>
          {report.entriesDependingOnMethod > 0
            ? t('whatIfDepends', { n: report.entriesDependingOnMethod })
            : t('whatIfNoneDepends')}
        </strong>
      </p>

      <Section title={t('whatIfMethods')} id="what-if-methods">
        <div className="table-wrap">
          <table className="table" data-testid="what-if-methods">
            <thead>
              <tr>
                <th scope="col">{t('whatIfMethod')}</th>
                <th scope="col">{t('whatIfTau')}</th>
                <th scope="col">{t('whatIfAwardsChanged')}</th>
                <th scope="col">{t('whatIfAdvancementChanged')}</th>
              </tr>
            </thead>
            <tbody>
              {report.methods.map((m) => (
                <tr key={m.method} data-method={m.method}>
                  <th scope="row">
                    {methodName(m.method)}
                    {m.own && <span className="badge">{t('whatIfOwn')}</span>}
                  </th>
                  <td>{m.kendallTau ?? '—'}</td>
                  <td>{m.awardsComparable ? m.entriesChangingAward : t('whatIfNotComparable')}</td>
                  <td>{m.awardsComparable ? m.entriesChangingAdvancement : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      {grid.codes.length > 0 && (
        <Section title={t('whatIfChart')} id="what-if-chart">
          <Suspense fallback={<Loading error={null} />}>
            <WhatIfChart
              grid={grid}
              methodNames={grid.methods.map(methodName)}
              label={t('whatIfChartLabel', { n: grid.codes.length })}
            />
          </Suspense>
          {grid.more > 0 && (
            <p className="note">{t('whatIfChartMore', { shown: CHART_ROWS, more: grid.more })}</p>
          )}
        </Section>
      )}

      {report.entries.length > 0 && (
        <Section title={t('whatIfEntries')} id="what-if-entries">
          <div className="table-wrap">
            <table className="table" data-testid="what-if-entries">
              <thead>
                <tr>
                  <th scope="col">{t('code')}</th>
                  <th scope="col">{t('title')}</th>
                  {report.methods.map((m) => (
                    <th scope="col" key={m.method}>
                      {methodName(m.method)}
                      {m.own && <span className="badge">{t('whatIfOwn')}</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.entries.map((e) => (
                  <tr
                    key={e.entry.id}
                    data-code={e.entry.code}
                    className={e.awardDependsOnMethod ? 'depends' : undefined}
                  >
                    <th scope="row" className="code">
                      <Link href={`/org/entry/${e.entry.id}`}>{e.entry.code}</Link>
                    </th>
                    <td>{e.entry.title}</td>
                    {e.outcomes.map((o) => {
                      const comparable = report.methods.find(
                        (m) => m.method === o.method,
                      )?.awardsComparable;
                      return (
                        <td key={o.method} data-method={o.method}>
                          {comparable ? outcomeText(t, o, o.method === own) : '—'}
                          {/* a space between the marks: read as two words, not 金奖晋级 */}
                          {o.advanced && (
                            <>
                              {' '}
                              <span className="badge">{t('advanced')}</span>
                            </>
                          )}
                          {o.rank !== null && <small> #{o.rank}</small>}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      )}

      <Section title={t('whatIfBiases')} id="what-if-biases">
        <p className="note">{t('whatIfBiasNote')}</p>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('judge')}</th>
                <th scope="col">{t('sheets')}</th>
                <th scope="col">{t('whatIfBias')}</th>
              </tr>
            </thead>
            <tbody>
              {report.judgeBiases.map((b) => (
                <tr key={b.judge.id}>
                  <th scope="row">{b.judge.name}</th>
                  <td>{b.sheets}</td>
                  <td>{b.bias > 0 ? `+${b.bias}` : b.bias}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </>
  );
}

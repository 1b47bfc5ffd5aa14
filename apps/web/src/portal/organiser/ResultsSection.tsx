import { useState } from 'react';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { useServices } from '../../services';
import { download } from '../files';
import {
  EntryResult,
  EVENT_BY_ID,
  JUDGE_QUALITY,
  PortalRound,
  RETABULATE,
  ROUND_RESULTS,
} from '../ops';
import { describeError } from '../describeError';
import { ErrorLine, Loading, Section } from '../ui';
import { useMutation, useQuery } from '../useGql';
import { DisqualifyForm } from './DisqualifyForm';
import { JudgeQualitySection } from './JudgeQualitySection';
import { ScoreDistributionFigure } from './charts/ScoreDistributionFigure';
import { byScope, tiedEntryIds } from './quality';
import { boundaryName, categoryNames, scopeName } from './roundWords';

/**
 * Results per scope with ties, cusp entries (near an award or advancement boundary) and
 * incomplete entries marked; the judge-quality figures; the exports; retabulation; an entry
 * disqualified from its row, after which the results offer to be tabulated again (the stored
 * tabulation still ranks it until then).
 */
export function ResultsSection({
  round,
  onChanged,
}: {
  round: PortalRound;
  onChanged: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { session } = useServices();
  const tabulated = round.status === 'TABULATED' || round.tabulation !== null;
  const results = useQuery(ROUND_RESULTS, { id: round.id }, { skip: !tabulated });
  const quality = useQuery(JUDGE_QUALITY, { id: round.id }, { skip: !tabulated });
  // the categories' names, for the scopes the results are ranked in
  const event = useQuery(EVENT_BY_ID, { id: round.eventId }, { skip: !tabulated });
  const retab = useMutation();
  const exportError = useMutation();
  const [target, setTarget] = useState<EntryResult['entry'] | null>(null);
  const [disqualified, setDisqualified] = useState<string[]>([]);

  if (!tabulated) {
    return (
      <Section title={t('results')} id="results">
        <p>{t('notTabulated')}</p>
      </Section>
    );
  }
  const list = results.data?.roundResults ?? [];
  const q = quality.data?.judgeQuality;
  const ties = tiedEntryIds(list);
  const cusps = new Map<string, string[]>();
  for (const c of q?.cusps ?? [])
    cusps.set(c.entry.id, [
      ...(cusps.get(c.entry.id) ?? []),
      t('cuspNote', { boundary: boundaryName(t, round, c.boundary), distance: c.distance }),
    ]);
  const categories = categoryNames(event.data?.event?.categories ?? []);
  const retabulate = () =>
    void retab.run(RETABULATE, { id: round.id }).then((ok) => {
      if (!ok) return;
      setDisqualified([]);
      onChanged();
      void results.reload();
      void quality.reload();
    });
  const save = (ext: 'csv' | 'xlsx') =>
    download(`/api/rounds/${round.id}/results.${ext}`, session.token(), `results.${ext}`).catch(
      (e: unknown) => exportError.setError(describeError(i18n, e)),
    );

  return (
    <>
      <Section title={t('results')} id="results">
        <div className="actions">
          <button type="button" className="button" onClick={() => void save('csv')}>
            {t('exportCsv')}
          </button>
          <button type="button" className="button" onClick={() => void save('xlsx')}>
            {t('exportXlsx')}
          </button>
          {(round.status === 'CLOSED' || round.status === 'TABULATED') && (
            <button type="button" className="button" disabled={retab.busy} onClick={retabulate}>
              {t('retabulate')}
            </button>
          )}
        </div>
        {round.tabulation && (
          <p className="note">
            {t('tabulationInfo', {
              version: round.tabulation.version,
              hash: round.tabulation.hash.slice(0, 16),
            })}
          </p>
        )}
        <p className="legend">
          <span className="mark tie">{t('legendTie')}</span>{' '}
          <span className="mark cusp">{t('legendCusp')}</span>{' '}
          <span className="mark incomplete">{t('legendIncomplete')}</span>
        </p>
        {disqualified.length > 0 && (
          <div className="notice actions" role="status" data-testid="retabulate-offer">
            <span>{t('disqualifiedRetabulate', { codes: disqualified.join('、') })}</span>
            <button
              type="button"
              className="button primary"
              disabled={retab.busy}
              onClick={retabulate}
            >
              {t('retabulate')}
            </button>
          </div>
        )}
        {target && (
          <DisqualifyForm
            key={target.id}
            entry={target}
            onCancel={() => setTarget(null)}
            onDone={() => {
              setDisqualified((list) => [...list, target.code ?? target.title]);
              setTarget(null);
            }}
          />
        )}
        <ErrorLine error={retab.error ?? exportError.error ?? results.error} />
        {!results.data && <Loading error={results.error} />}
        {results.data && <ScoreDistributionFigure results={list} />}
        {byScope(list).map(([scope, rows]) => (
          <div key={scope} className="table-wrap">
            <h3>{t('scopeHeading', { scope: scopeName(t, scope, categories) })}</h3>
            <table className="table results" data-testid={`results-${scope}`}>
              <thead>
                <tr>
                  <th scope="col">{t('rank')}</th>
                  <th scope="col">{t('code')}</th>
                  <th scope="col">{t('title')}</th>
                  <th scope="col">{t('score')}</th>
                  <th scope="col">{t('sheets')}</th>
                  <th scope="col">{t('award')}</th>
                  <th scope="col">{t('notes')}</th>
                  <th scope="col">{t('actionsCol')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const marks = [
                    ties.has(r.entry.id) ? 'tie' : '',
                    cusps.has(r.entry.id) ? 'cusp' : '',
                    r.complete ? '' : 'incomplete',
                  ].filter(Boolean);
                  return (
                    <tr key={r.entry.id} className={marks.join(' ')} data-marks={marks.join(' ')}>
                      <td>{r.rank ?? '—'}</td>
                      <td className="code">
                        <Link href={`/org/entry/${r.entry.id}`}>{r.entry.code}</Link>
                      </td>
                      <td>{r.entry.title}</td>
                      <td title={r.scoreExact ?? undefined}>{r.score ?? '—'}</td>
                      <td>{r.sheetCount}</td>
                      <td>
                        {/* two marks, two words: "金奖 晋级", never "金奖晋级" read as one */}
                        {r.award?.name}
                        {r.award && r.advanced && ' '}
                        {r.advanced && <span className="badge">{t('advanced')}</span>}
                      </td>
                      <td>
                        {ties.has(r.entry.id) && <span className="mark tie">{t('legendTie')}</span>}
                        {cusps.get(r.entry.id)?.map((note) => (
                          <span key={note} className="mark cusp">
                            {note}
                          </span>
                        ))}
                        {!r.complete && (
                          <span className="mark incomplete">{t('legendIncomplete')}</span>
                        )}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="button danger"
                          aria-label={t('disqualifyEntry', { code: r.entry.code ?? r.entry.title })}
                          onClick={() => setTarget(r.entry)}
                        >
                          {t('disqualify')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
      </Section>
      <JudgeQualitySection round={round} quality={q} error={quality.error} />
    </>
  );
}

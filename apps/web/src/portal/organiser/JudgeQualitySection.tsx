import { useI18n } from '../../i18n';
import { Link } from '../../router';
import type { PortalRound, RoundQuality } from '../ops';
import { Loading, Section } from '../ui';
import { LeniencyFigure } from './charts/LeniencyFigure';
import {
  AgreementFigures,
  agreementMeaning,
  agreementSentence,
  LOW_AGREEMENT,
  leniencyWords,
  outlierJudgeIds,
  pValueText,
} from './quality';

type Kendall = RoundQuality['agreement']['kendall'];

/**
 * The judge-quality figures of a round, said in words (issue 23): per panel and for the whole
 * round, how far the judges agree by the headline figure (ICC(3,k) for a crossed panel, ICC(1,k)
 * otherwise) and what that figure measures; per judge, leniency against the co-judges and rank
 * correlation. A panel whose headline is below 0.5 is marked poor. Links to the what-if screen
 * once the round is closed.
 */
export function JudgeQualitySection({
  round,
  quality,
  error,
}: {
  round: PortalRound;
  quality: RoundQuality | null | undefined;
  error: string | null;
}) {
  const { t } = useI18n();
  const closed = round.status === 'CLOSED' || round.status === 'TABULATED';
  return (
    <Section title={t('judgeQuality')} id="quality">
      {closed && (
        <div className="actions">
          <Link href={`/org/round/${round.id}/what-if`} className="button">
            {t('whatIfLink')}
          </Link>
        </div>
      )}
      {!quality && <Loading error={error} />}
      {quality && <QualityFigures quality={quality} />}
      {quality && <LeniencyFigure quality={quality} />}
    </Section>
  );
}

function QualityFigures({ quality }: { quality: RoundQuality }) {
  const { t } = useI18n();
  const outliers = outlierJudgeIds(quality);
  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid="panel-agreement">
          <thead>
            <tr>
              <th scope="col">{t('panel')}</th>
              <th scope="col">{t('agreement')}</th>
              <th scope="col">{t('entriesUsed')}</th>
            </tr>
          </thead>
          <tbody>
            {quality.panels.map((p) => (
              <AgreementRow
                key={p.panel.id}
                name={p.panel.name}
                figures={p}
                kendall={p.kendall}
                used={p.entriesUsed}
                leftOut={p.entriesLeftOut}
              />
            ))}
            {quality.panels.length !== 1 && (
              <AgreementRow
                name={t('roundAgreement')}
                figures={quality.agreement}
                kendall={quality.agreement.kendall}
                used={quality.agreement.entriesUsed}
                leftOut={quality.agreement.entriesLeftOut}
              />
            )}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table className="table" data-testid="judge-quality">
          <thead>
            <tr>
              <th scope="col">{t('judge')}</th>
              <th scope="col">{t('sheets')}</th>
              <th scope="col">{t('meanTotal')}</th>
              <th scope="col">{t('sdTotal')}</th>
              <th scope="col">{t('leniency')}</th>
              <th scope="col">{t('spearman')}</th>
            </tr>
          </thead>
          <tbody>
            {quality.judges.map((j) => (
              <tr key={j.judge.id} className={outliers.has(j.judge.id) ? 'outlier' : undefined}>
                <th scope="row">
                  {j.judge.name}
                  {outliers.has(j.judge.id) && (
                    <span className="mark cusp">{t('outlierJudge')}</span>
                  )}
                </th>
                <td>{j.sheets}</td>
                <td>{j.meanTotal}</td>
                <td>{j.sdTotal}</td>
                <td title={j.leniency === null ? undefined : String(j.leniency)}>
                  {leniencyWords(t, j.leniency)}
                  {j.coJudgedEntries > 0 && (
                    <small>{t('leniencyEntries', { n: j.coJudgedEntries })}</small>
                  )}
                </td>
                <td>{j.spearman ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** One panel (or the round): the sentence, what it means, Kendall's W, every ICC on request. */
function AgreementRow({
  name,
  figures,
  kendall,
  used,
  leftOut,
}: {
  name: string;
  figures: AgreementFigures;
  kendall: Kendall;
  used: number;
  leftOut: number;
}) {
  const { t } = useI18n();
  const value = figures.headline.value;
  const poor = value !== null && value < LOW_AGREEMENT;
  return (
    <tr className={poor ? 'outlier' : undefined} data-poor={poor ? 'true' : undefined}>
      <th scope="row">{name}</th>
      <td>
        <p className="agreement-sentence">
          {agreementSentence(t, figures)}
          {poor && <span className="mark cusp">{t('lowAgreement')}</span>}
        </p>
        {value !== null && <p className="note">{agreementMeaning(t, figures)}</p>}
        {kendall && kendall.w !== null && (
          <p className="note">
            {t('kendallSentence', {
              w: kendall.w.toFixed(2),
              chiSquare: kendall.chiSquare?.toFixed(2) ?? '—',
              df: kendall.df,
              p: pValueText(kendall.pValue),
            })}
          </p>
        )}
        <details>
          <summary>{t('allIccFigures')}</summary>
          <ul>
            {figures.icc.map((f) => (
              <li key={f.method} title={f.exact ?? undefined}>
                {t('iccNames', { name: f.name, mcGrawWong: f.mcGrawWong })}: {f.value ?? '—'}
                {f.method === figures.headline.method && (
                  <span className="badge">{t('headlineFigure')}</span>
                )}
              </li>
            ))}
          </ul>
        </details>
      </td>
      <td>
        {used} / {used + leftOut}
      </td>
    </tr>
  );
}

import { ChangeEvent, useState } from 'react';
import { Locale, useI18n } from '../../i18n';
import { useServices } from '../../services';
import { download, postFile } from '../files';
import { EventNav } from '../EventNav';
import { describeError } from '../describeError';
import { describeRefusal, reasonText, refusalWords } from '../refusal';
import { ErrorLine } from '../ui';
import { usePageTitle } from '../usePageTitle';

interface Problem {
  column?: string;
  reason: string;
  message: string;
}

interface ImportAnswer extends Record<string, unknown> {
  dryRun?: boolean;
  rows?: number;
  imported?: number;
  code?: string;
  reason?: string;
  message?: string;
  report?: { row: number; ok: boolean; problems: Problem[] }[];
  problems?: Problem[];
}

/** Bulk import from the event's template (XLSX or CSV): check first, then import, row report. */
export function ImportScreen({ eventId }: { eventId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { session } = useServices();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [answer, setAnswer] = useState<ImportAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/events/${encodeURIComponent(eventId)}/entries`;
  usePageTitle(t('bulkImport'));

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setAnswer(null);
    setError(null);
    setProgress(0);
    try {
      const result = await postFile(
        `${base}/import${dryRun ? '?dryRun=true' : ''}`,
        file,
        session.token(),
        setProgress,
      );
      const body = result.body as ImportAnswer;
      // A refusal without a body of the API's (a proxy's error page) still says what kind it is.
      setAnswer(
        result.status >= 400 && !body.code ? { ...body, code: codeOf(result.status) } : body,
      );
    } catch (caught) {
      setError(describeError(i18n, caught));
    } finally {
      setProgress(null);
    }
  };
  const template = (ext: 'xlsx' | 'csv') =>
    download(`${base}/import-template.${ext}`, session.token(), `import-template.${ext}`).catch(
      (e: unknown) => setError(describeError(i18n, e)),
    );

  const problems = answer?.report?.filter((row) => !row.ok) ?? [];
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{t('bulkImport')}</h1>
      <EventNav eventId={eventId} />
      <div className="card section">
        <p>{t('importHelp')}</p>
        <div className="actions">
          <button type="button" className="button" onClick={() => void template('xlsx')}>
            {t('templateXlsx')}
          </button>
          <button type="button" className="button" onClick={() => void template('csv')}>
            {t('templateCsv')}
          </button>
        </div>
        <label className="field">
          <span>{t('importFile')}</span>
          <input
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(e: ChangeEvent<HTMLInputElement>) => {
              setFile(e.target.files?.[0] ?? null);
              setAnswer(null);
            }}
          />
        </label>
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={!file || progress !== null}
            onClick={() => void send(true)}
          >
            {t('importCheck')}
          </button>
          <button
            type="button"
            className="button primary"
            disabled={!file || progress !== null}
            onClick={() => void send(false)}
          >
            {t('importRun')}
          </button>
        </div>
        {progress !== null && <progress max={1} value={progress} aria-label={t('importFile')} />}
        <ErrorLine error={error} />
      </div>
      {answer && (
        <div className="card section" role="status" data-testid="import-report">
          {answer.code ? (
            <p className="error">
              {t('importNotDone', {
                // the problems are listed below, not in the sentence
                reason: describeRefusal(i18n.locale, {
                  code: answer.code,
                  reason: answer.reason,
                  details: { ...answer, problems: undefined },
                }),
              })}
            </p>
          ) : (
            <p className="ok">
              {answer.dryRun
                ? t('importCheckedOk', { rows: answer.rows ?? 0 })
                : t('importDone', { n: answer.imported ?? 0 })}
            </p>
          )}
          {answer.problems && <ProblemList problems={answer.problems} />}
          {problems.length > 0 && (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('row')}</th>
                  <th scope="col">{t('problemsCol')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((row) => (
                  <tr key={row.row}>
                    <th scope="row">{row.row}</th>
                    <td>
                      <ProblemList problems={row.problems} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}

/** A row's or the header's problems: the column as the file names it, the reason in words. */
function ProblemList({ problems }: { problems: Problem[] }) {
  const { locale } = useI18n();
  const t = refusalWords(locale);
  return (
    <ul className="problems">
      {problems.map((p, i) => (
        <li key={i} data-reason={p.reason}>
          {p.column
            ? t('refusalWithField', { field: p.column, message: problemText(locale, p) })
            : problemText(locale, p)}
        </li>
      ))}
    </ul>
  );
}

function problemText(locale: Locale, problem: Problem): string {
  return reasonText(locale, { code: 'BAD_USER_INPUT', reason: problem.reason });
}

function codeOf(status: number): string {
  return status === 413 || status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR';
}

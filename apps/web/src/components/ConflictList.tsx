import { ScoreSheet } from '../api';
import { keyOf, useI18n } from '../i18n';
import { PendingSheet } from '../outbox';
import { exactTotal, formatHundredths, formatTotal, toHundredths } from '../scores';
import { useServices, useStore } from '../services';

/**
 * Sheets the server refused, each with the judge's version beside the server's; they stay on
 * the tablet until the judge chooses what happens to them.
 */
export function ConflictList({ assignmentId }: { assignmentId?: string }) {
  const { outbox } = useServices();
  const { t } = useI18n();
  const sheets = useStore(outbox.sheets).filter(
    (s) => s.state !== 'waiting' && (!assignmentId || s.assignmentId === assignmentId),
  );
  if (sheets.length === 0) return null;
  return (
    <section className="conflicts" aria-labelledby="conflicts-title" ref={scrollIntoView}>
      <h2 id="conflicts-title">{t('problems')}</h2>
      {sheets.map((sheet) => (
        <ConflictCard key={sheet.clientMutationId} sheet={sheet} />
      ))}
    </section>
  );
}

function ConflictCard({ sheet }: { sheet: PendingSheet }) {
  const { outbox } = useServices();
  const { t, formatTime } = useI18n();
  const reason = sheet.error?.reason ?? '';
  const reasonKey = keyOf('reason_', reason, 'reason_OTHER');
  const server = sheet.server;
  // Sending over the server's version only makes sense while the round takes sheets.
  const canOverwrite = reason === 'VERSION_MISMATCH' && server;
  const titleId = `conflict-${sheet.clientMutationId}`;
  return (
    <article
      className="card conflict"
      role="alert"
      aria-labelledby={titleId}
      data-testid="conflict"
    >
      <h3 id={titleId}>{t('conflictTitle', { code: sheet.entryCode })}</h3>
      <p className="reason">{t(reasonKey, { reason: reason || (sheet.error?.code ?? '') })}</p>
      <div className="versions">
        <VersionTable
          caption={`${t('yourVersion')} · ${t('savedAt', { at: formatTime(sheet.savedAt) })}`}
          testId="version-mine"
          criteria={sheet.criteria}
          scores={sheet.scores}
          comment={sheet.comment}
        />
        {server ? (
          <VersionTable
            caption={t('serverVersion', {
              version: server.version,
              at: formatTime(server.submittedAt),
            })}
            testId="version-server"
            criteria={sheet.criteria}
            scores={serverScores(server)}
            comment={server.comment ?? ''}
          />
        ) : (
          <p className="note">{server === null ? t('noServerVersion') : t('networkDown')}</p>
        )}
      </div>
      <div className="actions">
        {canOverwrite && (
          <button
            type="button"
            className="button primary"
            onClick={() => void outbox.resolve(sheet.clientMutationId, 'keepMine')}
          >
            {t('keepMine')}
          </button>
        )}
        <button
          type="button"
          className="button"
          onClick={() => void outbox.resolve(sheet.clientMutationId, 'discard')}
        >
          {canOverwrite ? t('useServer') : t('keepForRecord')}
        </button>
      </div>
    </article>
  );
}

/** A conflict that appears while the judge looks at the sheet is brought into view. */
function scrollIntoView(element: HTMLElement | null): void {
  element?.scrollIntoView({ block: 'nearest' });
}

function serverScores(sheet: ScoreSheet): Record<string, number> {
  return Object.fromEntries(sheet.scores.map((s) => [s.criterionKey, toHundredths(s.value)]));
}

function VersionTable(props: {
  caption: string;
  testId: string;
  criteria: PendingSheet['criteria'];
  scores: Record<string, number>;
  comment: string;
}) {
  const { t } = useI18n();
  const total = exactTotal(props.criteria, props.scores);
  return (
    <table className="version" data-testid={props.testId}>
      <caption>{props.caption}</caption>
      <tbody>
        {props.criteria.map((c) => (
          <tr key={c.key}>
            <th scope="row">{c.name}</th>
            <td>
              {props.scores[c.key] === undefined ? '—' : formatHundredths(props.scores[c.key])}
            </td>
          </tr>
        ))}
        <tr className="total-row">
          <th scope="row">{t('total')}</th>
          <td>{total ? formatTotal(total) : '—'}</td>
        </tr>
        <tr>
          <th scope="row">{t('comment')}</th>
          <td>{props.comment || '—'}</td>
        </tr>
      </tbody>
    </table>
  );
}

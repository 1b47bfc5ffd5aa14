import { FormEvent, useState } from 'react';
import { Assignment, Round } from '../api';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { exactTotal, formatTotal, toHundredths } from '../scores';
import { useServices, useStore } from '../services';
import { ConflictList } from '../components/ConflictList';
import { CriterionInput } from '../components/CriterionInput';
import { PhotoViewer } from '../components/PhotoViewer';
import { JudgeData } from '../session';
import { useJudgeData } from './useJudgeData';

/**
 * The assignment of an exhibit code: in the round the link names, else an OPEN round first.
 * `/judge/entry/{exhibitCode}` is what the QR code on the exhibit's label opens.
 */
function findAssignment(data: JudgeData, code: string, roundId: string | null) {
  const rounds = [...data.rounds].sort(
    (a, b) =>
      Number(b.id === roundId) - Number(a.id === roundId) ||
      Number(b.status === 'OPEN') - Number(a.status === 'OPEN'),
  );
  for (const round of rounds) {
    const assignment = (data.assignments[round.id] ?? []).find(
      (a) => a.entry.code === code || a.entry.id === code,
    );
    if (assignment) return { round, assignment };
  }
  return null;
}

export function SheetScreen({ code }: { code: string }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const { data, error } = useJudgeData();
  if (error)
    return (
      <p className="error" role="alert">
        {t('errorGeneric', { message: error })}
      </p>
    );
  if (!data) return <p>{t('loading')}</p>;
  const found = findAssignment(data, code, query.get('round'));
  if (!found) {
    return (
      <section>
        <Link href="/judge" className="button quiet back">
          ← {t('back')}
        </Link>
        <p className="error" role="alert">
          {t('entryNotAssigned', { code })}
        </p>
      </section>
    );
  }
  const list = data.assignments[found.round.id] ?? [];
  return (
    <Sheet
      key={found.assignment.id}
      round={found.round}
      assignment={found.assignment}
      list={list}
    />
  );
}

function Sheet({
  round,
  assignment,
  list,
}: {
  round: Round;
  assignment: Assignment;
  list: Assignment[];
}) {
  const { t } = useI18n();
  const { outbox, online } = useServices();
  const pending = useStore(outbox.sheets);
  const isOnline = useStore(online);
  const local = pending.find((p) => p.assignmentId === assignment.id);
  const [scores, setScores] = useState<Record<string, number | undefined>>(() =>
    local
      ? { ...local.scores }
      : Object.fromEntries(
          (assignment.sheet?.scores ?? []).map((s) => [s.criterionKey, toHundredths(s.value)]),
        ),
  );
  const [comment, setComment] = useState(local?.comment ?? assignment.sheet?.comment ?? '');
  const [saved, setSaved] = useState(false);
  const entry = assignment.entry;
  const total = exactTotal(round.criteria, scores);
  const editable = round.status === 'OPEN' && assignment.status !== 'RECUSED';
  const baseVersion = local ? local.baseVersion : (assignment.sheet?.version ?? null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!total) return;
    await outbox.save({
      assignmentId: assignment.id,
      roundId: round.id,
      entryCode: entry.code ?? entry.id,
      criteria: round.criteria.map(({ key, name, weight, maxScore, step }) => ({
        key,
        name,
        weight,
        maxScore,
        step,
      })),
      scores: scores as Record<string, number>,
      comment: comment.trim(),
      baseVersion,
    });
    setSaved(true);
  };

  const next = nextAssignment(
    list,
    assignment,
    pending.map((p) => p.assignmentId),
  );
  const allScored = list.every(
    (a) => a.status !== 'PENDING' || pending.some((p) => p.assignmentId === a.id),
  );
  let status: string | null = null;
  if (saved && local?.state === 'waiting')
    status = isOnline ? t('savedLocally') : t('savedWaiting');
  else if (saved && !local && assignment.sheet)
    status = t('sent', { version: assignment.sheet.version });

  return (
    <article className="sheet" aria-labelledby="entry-title">
      <nav className="sheet-nav">
        <Link href={`/judge/round/${round.id}`} className="button quiet back">
          ← {round.name}
        </Link>
      </nav>
      <h1 id="entry-title">
        <span className="code">{entry.code}</span> {entry.title}
      </h1>
      <div className="sheet-layout">
        <div className="sheet-media">
          <PhotoViewer images={entry.images} title={entry.title} />
        </div>
        <form className="sheet-form" onSubmit={(e) => void submit(e)} aria-label={t('scoring')}>
          <ConflictList assignmentId={assignment.id} />
          <h2>{t('scoring')}</h2>
          {round.criteria.map((criterion) => (
            <CriterionInput
              key={criterion.key}
              criterion={criterion}
              value={scores[criterion.key]}
              disabled={!editable}
              onChange={(value) => {
                setSaved(false);
                setScores((s) => ({ ...s, [criterion.key]: value }));
              }}
            />
          ))}
          <label className="field">
            <span>{t('comment')}</span>
            <textarea
              rows={3}
              value={comment}
              disabled={!editable}
              onChange={(e) => {
                setSaved(false);
                setComment(e.target.value);
              }}
            />
          </label>
          <div className="sheet-footer">
            <p className="total" aria-live="polite">
              <span>{t('total')}</span>{' '}
              <strong data-testid="running-total">{total ? formatTotal(total) : '—'}</strong>
              {!total && <small> {t('totalIncomplete')}</small>}
            </p>
            <div className="actions">
              <button type="submit" className="button primary" disabled={!total || !editable}>
                {assignment.sheet
                  ? t('submitChange', { version: assignment.sheet.version })
                  : t('submit')}
              </button>
              {next ? (
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    navigate(
                      `/judge/entry/${encodeURIComponent(next.entry.code ?? next.entry.id)}?round=${round.id}`,
                    )
                  }
                >
                  {t('nextEntry')} →
                </button>
              ) : (
                allScored && <span className="note">{t('allDone')}</span>
              )}
            </div>
            {status && (
              <p className="saved" role="status" data-testid="sheet-status">
                {status}
              </p>
            )}
          </div>
        </form>
        <Details assignment={assignment} blind={round.blind} />
      </div>
    </article>
  );
}

/** The next assignment after this one still to score, else the next one in the list. */
function nextAssignment(
  list: Assignment[],
  current: Assignment,
  pendingIds: string[],
): Assignment | null {
  const at = list.findIndex((a) => a.id === current.id);
  const after = [...list.slice(at + 1), ...list.slice(0, at)];
  return (
    after.find((a) => a.status === 'PENDING' && !pendingIds.includes(a.id)) ?? list[at + 1] ?? null
  );
}

function Details({ assignment, blind }: { assignment: Assignment; blind: boolean }) {
  const { t } = useI18n();
  const entry = assignment.entry;
  const rows: Array<[string, string | number | null | undefined]> = [
    [t('code'), entry.code],
    [t('category'), `${entry.category.code} ${entry.category.name}`],
    [t('entrant'), entry.entrant?.name],
    [t('creators'), entry.creators.join('、')],
    [t('materials'), entry.materials],
    [t('techniques'), entry.techniques],
    [t('dimensions'), entry.dimensions],
    [t('itemCount'), entry.itemCount],
    [t('yearCreated'), entry.yearCreated],
    [t('description'), entry.description],
  ];
  return (
    <section className="details" aria-labelledby="details-title">
      <h2 id="details-title">{t('details')}</h2>
      {blind && <p className="note">{t('blindHidden')}</p>}
      <dl>
        {rows
          .filter(([, value]) => value !== null && value !== undefined && value !== '')
          .map(([label, value]) => (
            <div key={label} className="detail">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

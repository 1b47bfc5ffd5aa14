import { FormEvent, useState } from 'react';
import { Assignment, Round } from '../api';
import { Draft, drafts } from '../drafts';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { exactTotal, formatTotal, toHundredths } from '../scores';
import { useServices, useStore } from '../services';
import { readTyped, typedText } from '../typed-score';
import { ConflictList } from '../components/ConflictList';
import { CriterionInput } from '../components/CriterionInput';
import { OfflineReadiness } from '../components/OfflineReadiness';
import { PhotoViewer } from '../components/PhotoViewer';
import { RecuseDialog } from '../components/RecuseDialog';
import { JudgeData } from '../session';
import { useDrafts } from './useDrafts';
import { useJudgeData } from './useJudgeData';

/**
 * The assignment of an exhibit code: in the round the link names, else an OPEN round first.
 * `/judge/entry/{exhibitCode}` is what the QR code on the exhibit's label opens; codes are
 * matched whatever their case (a code typed on the keypad).
 */
function findAssignment(data: JudgeData, code: string, roundId: string | null) {
  const wanted = code.trim().toUpperCase();
  const rounds = [...data.rounds].sort(
    (a, b) =>
      Number(b.id === roundId) - Number(a.id === roundId) ||
      Number(b.status === 'OPEN') - Number(a.status === 'OPEN'),
  );
  for (const round of rounds) {
    const assignment = (data.assignments[round.id] ?? []).find(
      (a) => a.entry.code?.toUpperCase() === wanted || a.entry.id === code,
    );
    if (assignment) return { round, assignment };
  }
  return null;
}

export function SheetScreen({ code }: { code: string }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const { data, error } = useJudgeData();
  const draftsLoaded = useDrafts();
  if (error)
    return (
      <p className="error" role="alert">
        {t('errorGeneric', { message: error })}
      </p>
    );
  if (!data || !draftsLoaded) return <p>{t('loading')}</p>;
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
      live={!data.fromCache}
    />
  );
}

interface Fields {
  /** criterion key → the score field's text */
  texts: Record<string, string>;
  comment: string;
}

const sameFields = (a: Fields, b: Fields) =>
  a.comment === b.comment &&
  Object.keys({ ...a.texts, ...b.texts }).every(
    (key) => (a.texts[key] ?? '') === (b.texts[key] ?? ''),
  );

function Sheet({
  round,
  assignment,
  list,
  live,
}: {
  round: Round;
  assignment: Assignment;
  list: Assignment[];
  live: boolean;
}) {
  const { t } = useI18n();
  const { outbox, online, session } = useServices();
  const pending = useStore(outbox.sheets);
  const isOnline = useStore(online);
  const draft: Draft | undefined = useStore(drafts.byAssignment)[assignment.id];
  const local = pending.find((p) => p.assignmentId === assignment.id);
  const judgeId = session.session.get()?.user.id ?? '';

  // What the tablet holds without the draft: the sheet waiting in the outbox, else the server's.
  const [base, setBase] = useState<Fields>(() => ({
    texts: local
      ? Object.fromEntries(Object.entries(local.scores).map(([k, v]) => [k, typedText(v)]))
      : Object.fromEntries(
          (assignment.sheet?.scores ?? []).map((s) => [
            s.criterionKey,
            typedText(toHundredths(s.value)),
          ]),
        ),
    comment: local?.comment ?? assignment.sheet?.comment ?? '',
  }));
  const [fields, setFields] = useState<Fields>(() =>
    draft ? { texts: draft.texts, comment: draft.comment } : base,
  );
  const [saved, setSaved] = useState(false);
  const [recusing, setRecusing] = useState(false);
  const entry = assignment.entry;
  const readings = round.criteria.map((c) => readTyped(c, fields.texts[c.key] ?? ''));
  const scores = Object.fromEntries(
    round.criteria.map((c, i) => {
      const reading = readings[i];
      return [c.key, reading.kind === 'ok' ? reading.hundredths : undefined];
    }),
  );
  const total = exactTotal(round.criteria, scores);
  const open = round.status === 'OPEN';
  const recused = assignment.status === 'RECUSED';
  const editable = open && !recused;
  const baseVersion = local ? local.baseVersion : (assignment.sheet?.version ?? null);
  const mayRecuse = editable && assignment.status === 'PENDING' && !local;

  /** Every change is kept on the tablet at once; back to what was submitted, the draft goes. */
  const change = (next: Fields) => {
    setSaved(false);
    setFields(next);
    if (!judgeId) return;
    if (sameFields(next, base)) void drafts.discard(judgeId, assignment.id);
    else
      void drafts.save({
        judgeId,
        assignmentId: assignment.id,
        roundId: round.id,
        texts: next.texts,
        comment: next.comment,
      });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!total || !editable) return;
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
      comment: fields.comment.trim(),
      baseVersion,
    });
    await drafts.discard(judgeId, assignment.id);
    setBase(fields);
    setSaved(true);
  };

  const next = nextAssignment(
    list,
    assignment,
    pending.map((p) => p.assignmentId),
  );
  const goNext =
    next &&
    (() =>
      navigate(
        `/judge/entry/${encodeURIComponent(next.entry.code ?? next.entry.id)}?round=${round.id}`,
      ));
  const allScored = list.every(
    (a) => a.status !== 'PENDING' || pending.some((p) => p.assignmentId === a.id),
  );
  let status: string | null = null;
  if (saved && local?.state === 'waiting')
    status = isOnline ? t('savedLocally') : t('savedWaiting');
  else if (saved && !local && assignment.sheet)
    status = t('sent', { version: assignment.sheet.version });
  else if (draft) status = t('draftNote');

  return (
    <article className="sheet" aria-labelledby="entry-title">
      <header className="sheet-head">
        <Link href={`/judge/round/${round.id}`} className="button quiet back">
          ← {round.name}
        </Link>
        <h1 id="entry-title">
          <span className="code">{entry.code}</span> {entry.title}
        </h1>
        {draft && (
          <span className="badge state-draft" data-testid="draft-badge">
            {t('draftBadge')}
          </span>
        )}
        {mayRecuse && (
          <button type="button" className="button quiet recuse" onClick={() => setRecusing(true)}>
            {t('recuse')}
          </button>
        )}
      </header>
      <div className="sheet-layout">
        <div className="sheet-media">
          <PhotoViewer images={entry.images} title={entry.title} />
        </div>
        <form className="sheet-form" onSubmit={(e) => void submit(e)} aria-label={t('scoring')}>
          <ConflictList assignmentId={assignment.id} />
          {!open && <p className="note closed">{t('roundClosedNote')}</p>}
          {recused && <p className="note closed">{t('recusedNote')}</p>}
          {round.criteria.map((criterion) => (
            <CriterionInput
              key={criterion.key}
              criterion={criterion}
              text={fields.texts[criterion.key] ?? ''}
              disabled={!editable}
              onText={(text) =>
                change({ ...fields, texts: { ...fields.texts, [criterion.key]: text } })
              }
            />
          ))}
          <textarea
            className="comment"
            rows={2}
            value={fields.comment}
            disabled={!editable}
            aria-label={t('comment')}
            placeholder={t('commentPlaceholder')}
            onChange={(e) => change({ ...fields, comment: e.target.value })}
          />
          <div className="sheet-footer">
            <p className="total" aria-live="polite">
              <span>{t('total')}</span>{' '}
              <strong data-testid="running-total">{total ? formatTotal(total) : '—'}</strong>
            </p>
            <button type="submit" className="button primary" disabled={!total || !editable}>
              {assignment.sheet
                ? t('submitChange', { version: assignment.sheet.version })
                : t('submit')}
            </button>
            {goNext ? (
              <button type="button" className="button next" onClick={goNext}>
                {t('nextEntry')} →
              </button>
            ) : (
              allScored && <span className="note">{t('allDone')}</span>
            )}
            <p className="saved" role="status" data-testid="sheet-status">
              {status ?? (total ? '' : t('totalIncomplete'))}
            </p>
          </div>
        </form>
        <div className="sheet-aside">
          <OfflineReadiness roundId={round.id} assignments={list} live={live} />
          <Details assignment={assignment} blind={round.blind} />
        </div>
      </div>
      {recusing && (
        <RecuseDialog
          roundId={round.id}
          assignmentId={assignment.id}
          onClose={() => setRecusing(false)}
          onRecused={() => {
            setRecusing(false);
            void drafts.discard(judgeId, assignment.id);
          }}
        />
      )}
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

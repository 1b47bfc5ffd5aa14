import { FormEvent, useState } from 'react';
import {
  AssignmentCandidatesDocument as CANDIDATES,
  AssignmentsOfJudgeDocument as ASSIGNMENTS_OF_JUDGE,
  type HeldAssignmentFragment,
  MoveAssignmentDocument as MOVE_ASSIGNMENT,
} from '../../gql/app';
import { keyOf, useI18n } from '../../i18n';
import { labelOf } from '../labelOf';
import type { PortalRound } from '../ops';
import { ErrorLine, Section } from '../ui';
import { useMutation, useQuery } from '../useGql';
import './panels.css';

/** The move's refusals in the organiser's words (the shared ones speak to the judge). */
const MOVE_WORDS = {
  CONFLICT_OF_INTEREST: 'moveRefused_CONFLICT_OF_INTEREST',
  ALREADY_SUBMITTED: 'moveRefused_ALREADY_SUBMITTED',
  ASSIGNMENT_RECUSED: 'moveRefused_ASSIGNMENT_RECUSED',
  ASSIGNMENT_NOT_FOUND: 'moveRefused_ASSIGNMENT_NOT_FOUND',
} as const;

/**
 * Moving work from one judge to another before it is scored: pick a judge of the round's
 * panels, see what it holds, and give an unscored entry to a judge who may take it. The picker
 * lists every judge of the round's panels; those the rules refuse are shown disabled, with the
 * reason in words (the server's `assignmentCandidates`, the same rule as the move).
 */
export function MoveAssignments({
  round,
  onChanged,
}: {
  round: PortalRound;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [judgeId, setJudgeId] = useState('');
  const [moving, setMoving] = useState<HeldAssignmentFragment | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const held = useQuery(
    ASSIGNMENTS_OF_JUDGE,
    { roundId: round.id, judgeId },
    { skip: judgeId === '' },
  );
  const rows = judgeId ? (held.data?.round?.assignmentsOfJudge ?? []) : [];
  const judges = round.panels.flatMap((panel) =>
    panel.judges.map((judge) => ({ ...judge, panel: panel.name })),
  );
  return (
    <Section title={t('moveTitle')} id="move-assignments">
      <p className="note">{t('moveIntro')}</p>
      <label className="field inline">
        <span>{t('moveJudge')}</span>
        <select
          value={judgeId}
          onChange={(e) => {
            setJudgeId(e.target.value);
            setMoving(null);
            setDone(null);
          }}
        >
          <option value="">{t('choose')}</option>
          {judges.map((judge) => (
            <option key={judge.id} value={judge.id}>
              {judge.name}（{judge.panel}）
            </option>
          ))}
        </select>
      </label>
      {done && (
        <p className="ok" role="status">
          {done}
        </p>
      )}
      <ErrorLine error={held.error} />
      {judgeId && held.data && rows.length === 0 && <p>{t('moveNoAssignments')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="held-assignments">
            <thead>
              <tr>
                <th>{t('moveEntry')}</th>
                <th>{t('moveStatus')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    {row.entry.code ?? ''} {row.entry.title}
                  </td>
                  <td>{labelOf(t, 'AssignmentStatus', row.status)}</td>
                  <td>
                    {row.status === 'PENDING' && !row.hasSheet ? (
                      <button
                        type="button"
                        className="button quiet"
                        onClick={() => {
                          setDone(null);
                          setMoving(row);
                        }}
                      >
                        {t('moveOpen')}
                      </button>
                    ) : (
                      <span className="note">{t('moveNotMovable')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {moving && (
        <MoveForm
          key={moving.id}
          assignment={moving}
          onCancel={() => setMoving(null)}
          onMoved={(name) => {
            setMoving(null);
            setDone(t('moveDone', { title: moving.entry.title, name }));
            void held.reload();
            onChanged();
          }}
        />
      )}
    </Section>
  );
}

/** The judges who may take one assignment, the others disabled with the reason; the move. */
function MoveForm({
  assignment,
  onCancel,
  onMoved,
}: {
  assignment: HeldAssignmentFragment;
  onCancel: () => void;
  onMoved: (judgeName: string) => void;
}) {
  const { t } = useI18n();
  const candidates = useQuery(CANDIDATES, { assignmentId: assignment.id });
  const move = useMutation(MOVE_WORDS);
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const list = [...(candidates.data?.assignmentCandidates ?? [])].sort(
    (a, b) => Number(a.refusal !== null) - Number(b.refusal !== null) || a.pending - b.pending,
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const moved = await move.run(MOVE_ASSIGNMENT, {
      assignmentId: assignment.id,
      judgeId: target,
      reason: reason.trim() || null,
    });
    if (moved) onMoved(moved.moveAssignment.judge.name);
  };
  const title = `${assignment.entry.code ?? ''} ${assignment.entry.title}`.trim();
  return (
    <form
      className="move-form"
      onSubmit={(e) => void submit(e)}
      aria-label={`${t('moveTo')} · ${title}`}
    >
      <fieldset className="choices">
        <legend>
          {t('moveTo')} · {title}
        </legend>
        {list.map((c) => (
          <label
            key={c.judge.id}
            className={c.refusal ? 'choice refused' : 'choice'}
            data-testid="move-candidate"
          >
            <input
              type="radio"
              name="move-target"
              value={c.judge.id}
              disabled={c.refusal !== null}
              checked={target === c.judge.id}
              onChange={() => setTarget(c.judge.id)}
            />
            {c.judge.name}{' '}
            <small>
              {c.refusal
                ? t('moveCannotTake', { why: t(keyOf('moveWhy_', c.refusal, 'moveWhyOther')) })
                : t('movePendingLoad', { n: c.pending })}
            </small>
          </label>
        ))}
        {candidates.data && list.every((c) => c.refusal !== null) && (
          <p className="note">{t('moveNobody')}</p>
        )}
      </fieldset>
      <ErrorLine error={candidates.error} />
      <label className="field">
        <span>{t('moveReason')}</span>
        <input value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      </label>
      <ErrorLine error={move.error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={move.busy || target === ''}>
          {t('moveConfirm')}
        </button>
        <button type="button" className="button quiet" onClick={onCancel}>
          {t('moveCancel')}
        </button>
      </div>
    </form>
  );
}

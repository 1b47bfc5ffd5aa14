import { randomUUID } from 'node:crypto';
import { FINALISE, inDays, PUBLISH } from '../../libs/publication/test/publication-fixtures';
import { gqlAnswer, gqlRefusal, HostileCase, describeHostile } from './hostile';
import { CRITERIA, judgingWorld, JudgingWorld, ROUND_INPUT, scores, SUBMIT } from './judging-world';

/**
 * Judging integrity: scores after close, sheets on others' assignments, out-of-range and
 * unknown criteria, reused ids, stale versions, settings changed after opening, and the
 * round and publication steps taken out of order. Each refused; no sheet, no row.
 */

type W = JudgingWorld;

const gql = async (w: W, query: string, variables: Record<string, unknown>, token: string) =>
  gqlAnswer(await w.app.gql(query, variables, token));

/** Judge 1 submits `values` on its pending assignment (a fresh clientMutationId each time). */
const sheet = (
  w: W,
  values: Array<{ criterionKey: string; value: number }>,
  extra: Record<string, unknown> = {},
) =>
  gql(
    w,
    SUBMIT,
    {
      input: { assignmentId: w.pending1, scores: values, clientMutationId: randomUUID(), ...extra },
    },
    w.judge1,
  );

const categoryOfRound = async (w: W, roundId: string) =>
  (
    await w.app.sql<{ id: string }>(
      'SELECT c.id FROM categories c JOIN rounds r ON r.event_id = c.event_id WHERE r.id = ? ORDER BY c.code LIMIT 1',
      [roundId],
    )
  )[0].id;

const eventOf = async (w: W, roundId: string) =>
  (await w.app.sql<{ id: string }>('SELECT event_id AS id FROM rounds WHERE id = ?', [roundId]))[0]
    .id;

const judgeOf = async (w: W, roundId: string) =>
  (
    await w.app.sql<{ id: string }>(
      'SELECT judge_id AS id FROM panel_judges WHERE round_id = ? LIMIT 1',
      [roundId],
    )
  )[0].id;

const roundOp = (op: string) => `mutation($id:ID!){${op}(roundId:$id){id}}`;
const UPDATE_ROUND =
  'mutation($id:ID!,$input:CreateRoundInput!){updateRound(id:$id,input:$input){id}}';

const CASES: Array<HostileCase<W>> = [
  {
    name: 'a sheet on a closed round',
    send: (w) =>
      gql(
        w,
        SUBMIT,
        {
          input: {
            assignmentId: w.closedAssignmentId,
            scores: [{ criterionKey: 'design', value: 5 }],
            clientMutationId: randomUUID(),
          },
        },
        w.closedJudge,
      ),
    expect: gqlRefusal('CONFLICT', 'ROUND_NOT_OPEN'),
  },
  {
    name: "a sheet on another judge's assignment",
    send: (w) =>
      gql(
        w,
        SUBMIT,
        {
          input: {
            assignmentId: w.judge2Assignment.assignmentId,
            scores: scores(7, 7),
            clientMutationId: randomUUID(),
          },
        },
        w.judge1,
      ),
    expect: gqlRefusal('FORBIDDEN', 'NOT_ASSIGNED'),
  },
  {
    name: 'a sheet on an assignment that does not exist',
    send: (w) =>
      gql(
        w,
        SUBMIT,
        {
          input: {
            assignmentId: randomUUID(),
            scores: scores(7, 7),
            clientMutationId: randomUUID(),
          },
        },
        w.judge1,
      ),
    expect: gqlRefusal('NOT_FOUND', 'ASSIGNMENT_NOT_FOUND'),
  },
  {
    name: 'a sheet on a recused assignment',
    send: (w) =>
      gql(
        w,
        SUBMIT,
        {
          input: { assignmentId: w.recused, scores: scores(7, 7), clientMutationId: randomUUID() },
        },
        w.judge1,
      ),
    expect: gqlRefusal('CONFLICT', 'ASSIGNMENT_RECUSED'),
  },
  {
    name: 'a score over the maximum',
    send: (w) => sheet(w, scores(10.5, 7)),
    expect: gqlRefusal('BAD_USER_INPUT', 'SCORE_OUT_OF_RANGE'),
  },
  {
    name: 'a score off the step',
    send: (w) => sheet(w, scores(7.25, 7)),
    expect: gqlRefusal('BAD_USER_INPUT', 'SCORE_OUT_OF_RANGE'),
  },
  {
    name: 'a negative score',
    send: (w) => sheet(w, scores(-0.5, 7)),
    expect: gqlRefusal('BAD_USER_INPUT', 'SCORE_OUT_OF_RANGE'),
  },
  {
    name: 'a score of 1e308',
    send: (w) => sheet(w, scores(1e308, 7)),
    expect: gqlRefusal('BAD_USER_INPUT', 'SCORE_OUT_OF_RANGE'),
  },
  {
    name: 'an unknown criterion',
    send: (w) => sheet(w, [...scores(7, 7), { criterionKey: 'bribe', value: 10 }]),
    expect: gqlRefusal('BAD_USER_INPUT', 'INVALID_CRITERIA'),
  },
  {
    name: 'a criterion missing',
    send: (w) => sheet(w, [{ criterionKey: 'design', value: 7 }]),
    expect: gqlRefusal('BAD_USER_INPUT', 'INVALID_CRITERIA'),
  },
  {
    name: 'a criterion scored twice',
    send: (w) => sheet(w, [...scores(7, 7), { criterionKey: 'craft', value: 10 }]),
    expect: gqlRefusal('BAD_USER_INPUT', 'INVALID_CRITERIA'),
  },
  {
    name: 'a clientMutationId that is not one',
    send: (w) =>
      gql(
        w,
        SUBMIT,
        { input: { assignmentId: w.pending1, scores: scores(7, 7), clientMutationId: "x'; --" } },
        w.judge1,
      ),
    expect: gqlRefusal('BAD_USER_INPUT', 'INVALID_CLIENT_MUTATION_ID'),
  },
  {
    name: 'a reused clientMutationId with other scores',
    send: (w) =>
      gql(
        w,
        SUBMIT,
        {
          input: {
            assignmentId: w.scored.assignmentId,
            scores: scores(2, 2),
            clientMutationId: w.scoredKey,
          },
        },
        w.judge1,
      ),
    expect: gqlRefusal('CONFLICT', 'IDEMPOTENCY_KEY_REUSED'),
  },
  {
    name: 'a change made on a stale version',
    send: (w) =>
      gql(
        w,
        SUBMIT,
        {
          input: {
            assignmentId: w.scored.assignmentId,
            scores: scores(3, 3),
            clientMutationId: randomUUID(),
            baseVersion: 1,
          },
        },
        w.judge1,
      ),
    expect: gqlRefusal('CONFLICT', 'VERSION_MISMATCH'),
  },
  {
    name: 'a first sheet claiming a version that does not exist',
    send: (w) => sheet(w, scores(7, 7), { baseVersion: 7 }),
    expect: gqlRefusal('CONFLICT', 'VERSION_MISMATCH'),
  },
  {
    name: 'recusing after scoring',
    send: (w) =>
      gql(
        w,
        'mutation($id:ID!,$r:String!){recuse(assignmentId:$id,reason:$r){id}}',
        { id: w.scored.assignmentId, r: '改主意' },
        w.judge1,
      ),
    expect: gqlRefusal('CONFLICT', 'ALREADY_SUBMITTED'),
  },
  {
    name: 'recusing without a reason',
    send: (w) =>
      gql(
        w,
        'mutation($id:ID!,$r:String!){recuse(assignmentId:$id,reason:$r){id}}',
        { id: w.pending1, r: '   ' },
        w.judge1,
      ),
    expect: gqlRefusal('BAD_USER_INPUT', 'REASON_REQUIRED'),
  },
  {
    name: 'weights changed after the round opened',
    send: (w) =>
      gql(
        w,
        UPDATE_ROUND,
        {
          id: w.openRoundId,
          input: {
            ...ROUND_INPUT(w.eventId),
            criteria: CRITERIA.map((c, i) => ({ ...c, weight: i === 0 ? 90 : 10 })),
          },
        },
        w.admin,
      ),
    expect: gqlRefusal('CONFLICT', 'ROUND_NOT_DRAFT'),
  },
  {
    // (a panel may still be added while OPEN, for a top-up; once closed it may not)
    name: 'a panel added after the round closed',
    send: async (w) =>
      gql(
        w,
        'mutation($input:CreatePanelInput!){createPanel(input:$input){id}}',
        {
          input: {
            roundId: w.closedRoundId,
            name: '后加组',
            categoryIds: [await categoryOfRound(w, w.closedRoundId)],
            judgeIds: [await judgeOf(w, w.openRoundId)], // a judge in no panel of that round
          },
        },
        w.admin,
      ),
    expect: gqlRefusal('CONFLICT', 'ROUND_CLOSED'),
  },
  // (assignJudges on an OPEN round is no refusal: it tops up what entries lack, decisions.md.)
  {
    name: 'weights changed after the round closed',
    send: async (w) =>
      gql(
        w,
        UPDATE_ROUND,
        {
          id: w.closedRoundId,
          input: {
            ...ROUND_INPUT(await eventOf(w, w.closedRoundId)),
            criteria: CRITERIA.map((c, i) => ({ ...c, weight: i === 0 ? 90 : 10 })),
          },
        },
        w.admin,
      ),
    expect: gqlRefusal('CONFLICT', 'ROUND_NOT_DRAFT'),
  },
  {
    name: 'assignJudges on a closed round',
    send: (w) =>
      gql(
        w,
        'mutation($id:ID!){assignJudges(roundId:$id){assignments}}',
        { id: w.closedRoundId },
        w.admin,
      ),
    expect: gqlRefusal('CONFLICT', 'ROUND_CLOSED'),
  },
  {
    name: 'opening a closed round again',
    send: (w) => gql(w, roundOp('openRound'), { id: w.closedRoundId }, w.admin),
    expect: gqlRefusal('CONFLICT', 'INVALID_TRANSITION'),
  },
  {
    name: 'closing a round that never opened',
    send: (w) => gql(w, roundOp('closeRound'), { id: w.draftRoundId }, w.admin),
    expect: gqlRefusal('CONFLICT', 'INVALID_TRANSITION'),
  },
  {
    name: 'retabulating an open round',
    send: (w) => gql(w, roundOp('retabulate'), { id: w.openRoundId }, w.admin),
    expect: gqlRefusal('CONFLICT', 'INVALID_TRANSITION'),
  },
  {
    name: 'reopening a closed round without a reason',
    send: (w) =>
      gql(
        w,
        'mutation($id:ID!,$r:String!){reopenRound(roundId:$id,reason:$r){id}}',
        { id: w.closedRoundId, r: ' ' },
        w.admin,
      ),
    expect: gqlRefusal('BAD_USER_INPUT', 'REASON_REQUIRED'),
  },
  {
    name: 'publishing a round still open',
    send: (w) => gql(w, PUBLISH, { r: w.openRoundId, n: inDays(7) }, w.admin),
    expect: gqlRefusal('CONFLICT', 'ROUND_NOT_TABULATED'),
  },
  {
    name: 'publishing with a notice period that has already ended',
    send: (w) => gql(w, PUBLISH, { r: w.closedRoundId, n: inDays(-1) }, w.admin),
    expect: gqlRefusal('BAD_USER_INPUT', 'NOTICE_IN_PAST'),
  },
  {
    name: 'finalising while the notice still runs',
    send: (w) => gql(w, FINALISE, { id: w.publicationId }, w.admin),
    expect: gqlRefusal('CONFLICT', 'NOTICE_RUNNING'),
  },
];

describeHostile('hostile input: judging integrity', 'judging-integrity', judgingWorld, CASES);

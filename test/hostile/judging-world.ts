import { randomUUID } from 'node:crypto';
import {
  attachPhoto,
  craftsEvent,
  CREATE_ENTRY,
  entryInput,
  registerEnterprise,
  SCREEN_ENTRY,
  seedRegions,
  startTestApp,
  SUBMIT_ENTRY,
  TestApp,
  userWithRole,
} from '@app/testing';
import { inDays, PUBLISH, tabulatedRound } from '../../libs/publication/test/publication-fixtures';
import { handMadeJwt } from './hostile';

/**
 * One exhibition in every state the authorization and judging-integrity groups need, built
 * before their row counts are taken: an OPEN round with a sheet, a recused assignment and two
 * judges; a CLOSED, tabulated round with a publication in its notice period; a DRAFT round.
 */

export const CRITERIA = [
  { key: 'design', name: '设计', weight: 60, maxScore: 10, step: 0.5 },
  { key: 'craft', name: '工艺', weight: 40, maxScore: 10, step: 0.5 },
];

export const ROUND_INPUT = (eventId: string) => ({
  eventId,
  name: '初评',
  criteria: CRITERIA,
  judgesPerEntry: 1,
  aggregation: 'MEAN',
  rankingScope: 'CATEGORY',
});

export const SUBMIT = `mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){id version total}}`;
export const scores = (design: number, craft: number) => [
  { criterionKey: 'design', value: design },
  { criterionKey: 'craft', value: craft },
];

export interface JudgingWorld {
  app: TestApp;
  admin: string;
  adminId: string;
  organiser: string;
  eventId: string;
  /** entrant A (Qinzhou, 450700) and its accepted entries, one image; entrant B (Nanning) */
  owner: { token: string; entrantId: string; userId: string };
  ownerEntryIds: string[];
  ownerImageId: string;
  stranger: { token: string; entrantId: string };
  strangerEntryId: string;
  coordinatorHere: string;
  coordinatorElsewhere: string;
  /** the OPEN round; judge 1 has a sheet on `scored` (clientMutationId `scoredKey`, version 2) and recused `recused` */
  openRoundId: string;
  judge1: string;
  judge2: string;
  scored: { assignmentId: string; entryId: string };
  scoredKey: string;
  recused: string;
  pending1: string;
  judge2Assignment: { assignmentId: string; entryId: string };
  draftRoundId: string;
  /** a CLOSED, tabulated round, a judge of it (token signed as the server would) and one of its assignments */
  closedRoundId: string;
  closedJudge: string;
  closedAssignmentId: string;
  publicationId: string;
}

async function must<T>(promise: Promise<{ data: any; errors?: unknown }>, pick: (d: any) => T) {
  const res = await promise;
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return pick(res.data);
}

export async function judgingWorld(): Promise<JudgingWorld> {
  const app = await startTestApp();
  await seedRegions(app);
  const admin = await app.adminToken();
  const adminId = await must(app.gql('{me{id}}', {}, admin), (d) => d.me.id as string);
  const event = await craftsEvent(app, 'hostile-judging');
  const owner = await registerEnterprise(app, '450700', '钦州坭兴陶公司');
  const ownerUserId = await must(app.gql('{me{id}}', {}, owner.token), (d) => d.me.id as string);
  const ownerEntryIds: string[] = [];
  let ownerImageId = '';
  for (let i = 0; i < 6; i++) {
    const id = await must(
      app.gql(
        CREATE_ENTRY,
        { input: { eventId: event.eventId, entry: entryInput(event.leaf['TC-01']) } },
        owner.token,
      ),
      (d) => d.createEntry.id as string,
    );
    const imageId = await attachPhoto(app, id, owner.token, i);
    if (i === 0) ownerImageId = imageId;
    await must(app.gql(SUBMIT_ENTRY, { id }, owner.token), (d) => d);
    await must(app.gql(SCREEN_ENTRY, { id, d: 'ACCEPT' }, admin), (d) => d);
    ownerEntryIds.push(id);
  }
  const stranger = await registerEnterprise(app, '450100', '南宁竹编社');
  const strangerEntryId = await must(
    app.gql(
      CREATE_ENTRY,
      { input: { eventId: event.eventId, entry: entryInput(event.leaf['BZ-01']) } },
      stranger.token,
    ),
    (d) => d.createEntry.id as string,
  );

  const openRoundId = await must(
    app.gql(
      'mutation($input:CreateRoundInput!){createRound(input:$input){id}}',
      { input: ROUND_INPUT(event.eventId) },
      admin,
    ),
    (d) => d.createRound.id as string,
  );
  const judges = [await userWithRole(app, 'JUDGE'), await userWithRole(app, 'JUDGE')];
  const judgeIds = await Promise.all(
    judges.map((token) => must(app.gql('{me{id}}', {}, token), (d) => d.me.id as string)),
  );
  await must(
    app.gql(
      'mutation($input:CreatePanelInput!){createPanel(input:$input){id}}',
      { input: { roundId: openRoundId, name: '陶瓷组', categoryIds: [event.parent.TC], judgeIds } },
      admin,
    ),
    (d) => d,
  );
  await must(
    app.gql(
      'mutation($id:ID!){assignJudges(roundId:$id){assignments}}',
      { id: openRoundId },
      admin,
    ),
    (d) => d,
  );
  await must(
    app.gql('mutation($id:ID!){openRound(roundId:$id){status}}', { id: openRoundId }, admin),
    (d) => d,
  );
  const mine = (token: string) =>
    must(
      app.gql(
        'query($id:ID!){myAssignments(roundId:$id){id entry{id}}}',
        { id: openRoundId },
        token,
      ),
      (d) =>
        (d.myAssignments as Array<{ id: string; entry: { id: string } }>).map((a) => ({
          assignmentId: a.id,
          entryId: a.entry.id,
        })),
    );
  const [first, second, third] = await mine(judges[0]);
  const [theirs] = await mine(judges[1]);
  if (!third || !theirs) throw new Error('the assignment did not give each judge its share');
  const scoredKey = randomUUID();
  await must(
    app.gql(
      SUBMIT,
      {
        input: {
          assignmentId: first.assignmentId,
          scores: scores(8, 7),
          clientMutationId: scoredKey,
        },
      },
      judges[0],
    ),
    (d) => d,
  );
  await must(
    app.gql(
      SUBMIT,
      {
        input: {
          assignmentId: first.assignmentId,
          scores: scores(9, 7),
          clientMutationId: randomUUID(),
          baseVersion: 1,
        },
      },
      judges[0],
    ),
    (d) => d,
  );
  await must(
    app.gql(
      'mutation($id:ID!,$r:String!){recuse(assignmentId:$id,reason:$r){status}}',
      { id: second.assignmentId, r: '与作者相识' },
      judges[0],
    ),
    (d) => d,
  );

  const draftRoundId = await must(
    app.gql(
      'mutation($input:CreateRoundInput!){createRound(input:$input){id}}',
      { input: { ...ROUND_INPUT(event.eventId), name: '草稿轮' } },
      admin,
    ),
    (d) => d.createRound.id as string,
  );

  const closed = await tabulatedRound(app, admin, 6);
  const [closedAssignment] = await app.sql<{ id: string; judgeId: string }>(
    'SELECT id, judge_id AS judgeId FROM assignments WHERE round_id = ? ORDER BY id LIMIT 1',
    [closed.roundId],
  );
  const [{ tv }] = await app.sql<{ tv: number }>(
    'SELECT token_version AS tv FROM users WHERE id = ?',
    [closedAssignment.judgeId],
  );
  const now = Math.floor(Date.now() / 1000);
  const closedJudge = handMadeJwt(
    { alg: 'HS256', typ: 'JWT' },
    { sub: closedAssignment.judgeId, tv: Number(tv), iat: now, exp: now + 3600 },
    app.config.jwtSecret,
  );
  const publicationId = await must(
    app.gql(PUBLISH, { r: closed.roundId, n: inDays(7) }, admin),
    (d) => d.publishResults.id as string,
  );

  return {
    app,
    admin,
    adminId,
    organiser: await userWithRole(app, 'ORGANISER'),
    eventId: event.eventId,
    owner: { ...owner, userId: ownerUserId },
    ownerEntryIds,
    ownerImageId,
    stranger,
    strangerEntryId,
    coordinatorHere: await userWithRole(app, 'COORDINATOR', { regionCode: '450700' }),
    coordinatorElsewhere: await userWithRole(app, 'COORDINATOR', { regionCode: '450100' }),
    openRoundId,
    judge1: judges[0],
    judge2: judges[1],
    scored: first,
    scoredKey,
    recused: second.assignmentId,
    pending1: third.assignmentId,
    judge2Assignment: theirs,
    draftRoundId,
    closedRoundId: closed.roundId,
    closedJudge,
    closedAssignmentId: closedAssignment.id,
    publicationId,
  };
}

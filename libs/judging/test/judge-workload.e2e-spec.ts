import { randomUUID } from 'node:crypto';
import {
  acceptedEntries,
  craftsEvent,
  CraftsEvent,
  GqlResult,
  registerEnterprise,
  seedRegions,
  startTestApp,
  TestApp,
  userWithRole,
} from '@app/testing';

const CREATE_ROUND = `mutation($input:CreateRoundInput!){createRound(input:$input){id}}`;
const CREATE_PANEL = `mutation($input:CreatePanelInput!){createPanel(input:$input){id}}`;
const ASSIGN = `mutation($id:ID!){assignJudges(roundId:$id){assignments}}`;
const OPEN = `mutation($id:ID!){openRound(roundId:$id){status}}`;
const CLOSE = `mutation($id:ID!){closeRound(roundId:$id){status}}`;
const CREATE_USER = `mutation($input:CreateUserInput!){createUser(input:$input){id}}`;
const SUBMIT = `mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){id}}`;
const RECUSE = `mutation($a:ID!){recuse(assignmentId:$a,reason:"身体不适"){status}}`;
const WORKLOAD = `query($u:ID!){judgeWorkload(userId:$u){roundId roundName eventId pending}}`;

/**
 * judgeWorkload (issue 21): what a judge still owes before it is deactivated — PENDING
 * assignments of OPEN rounds, per round; submitted, recused, DRAFT and CLOSED rounds' not.
 */
describe('judgeWorkload', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  let entryCount = 0;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'workload', { maxEntriesPerEntrant: 20 });
    const entrant = await registerEnterprise(app, '450100');
    entryCount = (
      await acceptedEntries(app, 3, {
        eventId: event.eventId,
        categoryId: event.leaf['TC-01'],
        entrantToken: entrant.token,
        adminToken: admin,
      })
    ).length;
  }, 120_000);
  afterAll(() => app.close());

  const ok = (res: GqlResult) => {
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };

  async function judge(): Promise<{ id: string; token: string }> {
    const email = `workload-${++counter}-${Date.now()}@example.com`;
    const input = {
      email,
      password: 'correct horse battery',
      name: `评委${counter}`,
      role: 'JUDGE',
    };
    const id = ok(await app.gql(CREATE_USER, { input }, admin)).createUser.id as string;
    return { id, token: await app.login(email, 'correct horse battery') };
  }

  /** A round whose one panel (TC) seats both judges, each on every entry; opened when asked. */
  async function round(name: string, judgeIds: string[], open: boolean): Promise<string> {
    const input = {
      eventId: event.eventId,
      name,
      criteria: [{ key: 'overall', name: '综合', weight: 100, maxScore: 100, step: 1 }],
      judgesPerEntry: judgeIds.length,
      aggregation: 'MEAN',
      rankingScope: 'CATEGORY',
    };
    const id = ok(await app.gql(CREATE_ROUND, { input }, admin)).createRound.id as string;
    const panel = { roundId: id, name: `${name}组`, categoryIds: [event.parent.TC], judgeIds };
    ok(await app.gql(CREATE_PANEL, { input: panel }, admin));
    ok(await app.gql(ASSIGN, { id }, admin));
    if (open) ok(await app.gql(OPEN, { id }, admin));
    return id;
  }

  const heldBy = (roundId: string, judgeId: string) =>
    app.sql<{ id: string }>(
      'SELECT id FROM assignments WHERE round_id = ? AND judge_id = ? ORDER BY id',
      [roundId, judgeId],
    );

  it('counts PENDING assignments of OPEN rounds per round, by name; not sheets, recusals, DRAFT or CLOSED rounds', async () => {
    const [a, b] = [await judge(), await judge()];
    const first = await round('初评（工作量）', [a.id, b.id], true);
    const draft = await round('复评（草稿）', [a.id, b.id], false);
    const closed = await round('补评（已关闭）', [a.id, b.id], true);
    const second = await round('终评（工作量）', [a.id, b.id], true);
    ok(await app.gql(CLOSE, { id: closed }, admin));

    // judge a: one sheet in the first round, one recusal in the second
    const [scored] = await heldBy(first, a.id);
    ok(
      await app.gql(
        SUBMIT,
        {
          input: {
            assignmentId: scored.id,
            clientMutationId: randomUUID(),
            scores: [{ criterionKey: 'overall', value: 80 }],
          },
        },
        a.token,
      ),
    );
    const [recused] = await heldBy(second, a.id);
    ok(await app.gql(RECUSE, { a: recused.id }, a.token));

    const workload = ok(await app.gql(WORKLOAD, { u: a.id }, admin)).judgeWorkload;
    expect(workload).toEqual([
      {
        roundId: first,
        roundName: '初评（工作量）',
        eventId: event.eventId,
        pending: entryCount - 1,
      },
      {
        roundId: second,
        roundName: '终评（工作量）',
        eventId: event.eventId,
        pending: entryCount - 1,
      },
    ]);
    expect(draft).toBeDefined();
    const other = ok(await app.gql(WORKLOAD, { u: b.id }, admin)).judgeWorkload;
    expect(other.map((w: { pending: number }) => w.pending)).toEqual([entryCount, entryCount]);
    // no assignments, or no such user: nothing owed
    const organiserId = ok(await app.gql('{me{id}}', {}, admin)).me.id;
    expect(ok(await app.gql(WORKLOAD, { u: organiserId }, admin)).judgeWorkload).toEqual([]);
    expect(ok(await app.gql(WORKLOAD, { u: randomUUID() }, admin)).judgeWorkload).toEqual([]);
  });

  it('organisers only: judges (also about themselves), coordinators and entrants are FORBIDDEN, no token UNAUTHENTICATED', async () => {
    const j = await judge();
    const organiser = await userWithRole(app, 'ORGANISER');
    expect(ok(await app.gql(WORKLOAD, { u: j.id }, organiser)).judgeWorkload).toEqual([]);
    const entrant = await registerEnterprise(app, '450100');
    const tokens: Array<[string | undefined, string]> = [
      [j.token, 'FORBIDDEN'],
      [await userWithRole(app, 'COORDINATOR', { regionCode: '450100' }), 'FORBIDDEN'],
      [entrant.token, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ];
    for (const [token, code] of tokens) {
      const res = await app.gql(WORKLOAD, { u: j.id }, token);
      expect({ code: res.errors?.[0].extensions.code, data: res.data }).toEqual({
        code,
        data: null,
      });
    }
  });
});

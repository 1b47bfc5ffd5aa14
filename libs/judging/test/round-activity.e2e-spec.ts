import { randomUUID } from 'node:crypto';
import {
  acceptedEntries,
  countStatements,
  CraftsEvent,
  craftsEventWithEntries,
  judgeUser,
  startTestApp,
  TestApp,
  userWithRole,
} from '@app/testing';

const ACTIVITY = 'query($id:ID!){round(id:$id){activity{hour panel{id name} sheets}}}';
const MY_ASSIGNMENTS = 'query($id:ID!){myAssignments(roundId:$id){id entry{id}}}';
const SUBMIT = `mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){id}}`;

/**
 * Round.activity: the progress chart's figures, submitted sheets per panel and per hour (issue
 * 21), counted by the database; organisers only.
 */
describe('Round.activity (sheets per panel and hour)', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  let roundId: string;
  const panels: Record<'TC' | 'BZ', string> = { TC: '', BZ: '' };
  const judges: Array<{ token: string; id: string }> = [];

  beforeAll(async () => {
    app = await startTestApp();
    let entrant: { token: string };
    ({ admin, event, entrant } = await craftsEventWithEntries(app, 'activity', 3, '450700'));
    await acceptedEntries(app, 2, {
      eventId: event.eventId,
      categoryId: event.leaf['BZ-01'],
      entrantToken: entrant.token,
      adminToken: admin,
    });
    const round = await app.gql(
      'mutation($input:CreateRoundInput!){createRound(input:$input){id}}',
      {
        input: {
          eventId: event.eventId,
          name: '初评',
          criteria: [{ key: 'design', name: '设计', weight: 100, maxScore: 10, step: 0.5 }],
          judgesPerEntry: 1,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
        },
      },
      admin,
    );
    roundId = round.data!.createRound.id;
    judges.push(await judgeUser(app), await judgeUser(app));
    for (const [code, name, judge] of [
      ['TC', 'A 陶瓷组', judges[0]],
      ['BZ', 'B 编织组', judges[1]],
    ] as const) {
      const panel = await app.gql(
        'mutation($input:CreatePanelInput!){createPanel(input:$input){id}}',
        { input: { roundId, name, categoryIds: [event.parent[code]], judgeIds: [judge.id] } },
        admin,
      );
      panels[code] = panel.data!.createPanel.id;
    }
    await app.gql(
      'mutation($id:ID!){assignJudges(roundId:$id){assignments}}',
      { id: roundId },
      admin,
    );
    await app.gql('mutation($id:ID!){openRound(roundId:$id){status}}', { id: roundId }, admin);
  });
  afterAll(() => app.close());

  /** Every assignment of a judge scored, then each sheet's submission moved to a set instant. */
  async function scoreAt(judge: { token: string }, instants: string[]): Promise<void> {
    const mine = (await app.gql(MY_ASSIGNMENTS, { id: roundId }, judge.token)).data!
      .myAssignments as Array<{ id: string }>;
    expect(mine).toHaveLength(instants.length);
    for (const [i, a] of mine.entries()) {
      const input = {
        assignmentId: a.id,
        scores: [{ criterionKey: 'design', value: 7 }],
        clientMutationId: randomUUID(),
      };
      expect((await app.gql(SUBMIT, { input }, judge.token)).errors).toBeUndefined();
      await app.sql('UPDATE score_sheets SET submitted_at = ? WHERE assignment_id = ?', [
        new Date(instants[i]),
        a.id,
      ]);
    }
  }

  it('is empty before any sheet', async () => {
    const res = await app.gql(ACTIVITY, { id: roundId }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data!.round.activity).toEqual([]);
  });

  it('counts each sheet once, in the hour it was submitted, per panel, in one statement', async () => {
    // the ends of an hour: its first and last millisecond belong to it, the next one does not
    await scoreAt(judges[0], [
      '2026-03-01T09:00:00.000Z',
      '2026-03-01T09:59:59.999Z',
      '2026-03-01T10:00:00.000Z',
    ]);
    await scoreAt(judges[1], ['2026-03-01T09:15:00.000Z', '2026-03-01T12:59:59.999Z']);
    const organiser = await userWithRole(app, 'ORGANISER');
    const { result, statements } = await countStatements(app.api, () =>
      app.gql(ACTIVITY, { id: roundId }, organiser),
    );
    expect(result.errors).toBeUndefined();
    const tc = { id: panels.TC, name: 'A 陶瓷组' };
    const bz = { id: panels.BZ, name: 'B 编织组' };
    expect(result.data!.round.activity).toEqual([
      { hour: '2026-03-01T09:00:00.000Z', panel: tc, sheets: 2 },
      { hour: '2026-03-01T09:00:00.000Z', panel: bz, sheets: 1 },
      { hour: '2026-03-01T10:00:00.000Z', panel: tc, sheets: 1 },
      { hour: '2026-03-01T12:00:00.000Z', panel: bz, sheets: 1 },
    ]);
    expect(statements.filter((sql) => /\bscore_sheets\b/.test(sql))).toHaveLength(1);
  });

  it('is FORBIDDEN to a judge of the round and hidden from a coordinator', async () => {
    const judge = await app.gql(ACTIVITY, { id: roundId }, judges[0].token);
    expect(judge.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ROLE_NOT_ALLOWED',
    });
    expect(judge.data?.round ?? null).toBeNull();
    const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450700' });
    const seen = await app.gql(ACTIVITY, { id: roundId }, coordinator);
    expect(seen.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(seen.data?.round ?? null).toBeNull();
  });
});

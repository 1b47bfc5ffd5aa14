import {
  CraftsEvent,
  entryInput,
  startTestApp,
  TestApp,
  UPDATE_ENTRY,
  userWithRole,
  craftsEventWithEntries,
  judgeUser,
} from '@app/testing';

const CREATE_ROUND = `mutation($input:CreateRoundInput!){createRound(input:$input){id}}`;
const CREATE_PANEL = `mutation($input:CreatePanelInput!){createPanel(input:$input){id}}`;
const ASSIGN = `mutation($id:ID!){assignJudges(roundId:$id){assignments}}`;
const OPEN = `mutation($id:ID!){openRound(roundId:$id){status}}`;
const CLOSE = `mutation($id:ID!){closeRound(roundId:$id){status}}`;
const REOPEN = `mutation($id:ID!,$r:String!){reopenRound(roundId:$id,reason:$r){status}}`;
const PROGRESS = `query($id:ID!){round(id:$id){status progress{assignments submitted recused entriesTotal entriesComplete}}}`;

/** DRAFT → OPEN → CLOSED → OPEN again, each move checked, audited, and felt by the entries. */
describe('a round’s life', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  let roundId: string;
  let entries: string[];

  beforeAll(async () => {
    app = await startTestApp();
    ({ admin, event, entries } = await craftsEventWithEntries(app, 'lifecycle', 3));
    const round = await app.gql(
      CREATE_ROUND,
      {
        input: {
          eventId: event.eventId,
          name: '初评',
          criteria: [{ key: 'overall', name: '综合', weight: 100, maxScore: 100, step: 1 }],
          judgesPerEntry: 2,
          minSheets: 1,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
        },
      },
      admin,
    );
    roundId = round.data!.createRound.id;
    const judges: string[] = [];
    for (let i = 0; i < 3; i++) judges.push((await judgeUser(app)).id);
    await app.gql(
      CREATE_PANEL,
      { input: { roundId, name: '陶瓷组', categoryIds: [event.parent.TC], judgeIds: judges } },
      admin,
    );
  });
  afterAll(() => app.close());

  const reasonOf = async (query: string, variables: Record<string, unknown>) =>
    (await app.gql(query, variables, admin)).errors?.[0].extensions;

  it('opens only with assignments, then moves DRAFT → OPEN → CLOSED → OPEN with a reason', async () => {
    expect(await reasonOf(OPEN, { id: roundId })).toMatchObject({
      code: 'CONFLICT',
      reason: 'NO_ASSIGNMENTS',
    });
    expect(await reasonOf(CLOSE, { id: roundId })).toMatchObject({
      code: 'CONFLICT',
      reason: 'INVALID_TRANSITION',
    });
    expect((await app.gql(ASSIGN, { id: roundId }, admin)).data!.assignJudges.assignments).toBe(6);
    expect((await app.gql(OPEN, { id: roundId }, admin)).data!.openRound.status).toBe('OPEN');
    expect(await reasonOf(OPEN, { id: roundId })).toMatchObject({ reason: 'INVALID_TRANSITION' });
    expect((await app.gql(CLOSE, { id: roundId }, admin)).data!.closeRound.status).toBe('CLOSED');
    expect(await reasonOf(REOPEN, { id: roundId, r: '  ' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REASON_REQUIRED',
    });
    const reopened = await app.gql(REOPEN, { id: roundId, r: '一位评委的分数录入有误' }, admin);
    expect(reopened.data!.reopenRound.status).toBe('OPEN');
    const actions = await app.sql<{ action: string; detail: string }>(
      'SELECT action, detail FROM audit_records WHERE subject_id = ? ORDER BY seq',
      [roundId],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'round.created',
      'panel.created',
      'round.assigned',
      'round.opened',
      'round.closed',
      'round.reopened',
    ]);
    expect(JSON.parse(actions[5].detail)).toMatchObject({ reason: '一位评委的分数录入有误' });
    const judge = await userWithRole(app, 'JUDGE');
    expect((await app.gql(CLOSE, { id: roundId }, judge)).errors?.[0].extensions.code).toBe(
      'FORBIDDEN',
    );
  });

  it('progress counts assignments, submitted and recused sheets, and complete entries (organisers)', async () => {
    await app.sql(
      "UPDATE assignments SET status = 'SUBMITTED' WHERE round_id = ? AND entry_id = ? LIMIT 1",
      [roundId, entries[0]],
    );
    await app.sql(
      "UPDATE assignments SET status = 'RECUSED' WHERE round_id = ? AND entry_id = ? LIMIT 1",
      [roundId, entries[1]],
    );
    const res = await app.gql(PROGRESS, { id: roundId }, admin);
    expect(res.data!.round.progress).toEqual({
      assignments: 6,
      submitted: 1,
      recused: 1,
      entriesTotal: 3,
      entriesComplete: 1,
    });
  });

  it('once its round has opened, an organiser no longer changes the entry (JUDGING_STARTED)', async () => {
    const res = await app.gql(
      UPDATE_ENTRY,
      { id: entries[2], entry: entryInput(event.leaf['TC-01'], { title: '改名' }) },
      admin,
    );
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'JUDGING_STARTED',
    });
  });
});

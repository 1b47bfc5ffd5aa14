import { randomUUID } from 'node:crypto';
import {
  countStatements,
  CraftsEvent,
  craftsEventWithEntries,
  judgeUser,
  startTestApp,
  TestApp,
} from '@app/testing';

const MY_ASSIGNMENTS = `query($id:ID!){myAssignments(roundId:$id){
  id status round{id criteria{key}} entry{id code creators entrant{id}} sheet{version total}}}`;
const SUBMIT = `mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){id version}}`;

/**
 * The tablet asks for a judge's whole list with its sheets (`myAssignments { sheet }`): the
 * sheets come through the request's loader, one statement for all of them, however many.
 */
describe("a judge's assignments with their sheets", () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  let roundId: string;
  let judge: { token: string; id: string };

  beforeAll(async () => {
    app = await startTestApp();
    ({ admin, event } = await craftsEventWithEntries(app, 'sheet-loader', 6, '450700', '坭兴陶'));
    const round = await app.gql(
      'mutation($input:CreateRoundInput!){createRound(input:$input){id}}',
      {
        input: {
          eventId: event.eventId,
          name: '盲评',
          blind: true,
          criteria: [{ key: 'design', name: '设计', weight: 100, maxScore: 10, step: 0.5 }],
          judgesPerEntry: 1,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
        },
      },
      admin,
    );
    roundId = round.data!.createRound.id;
    judge = await judgeUser(app);
    await app.gql(
      'mutation($input:CreatePanelInput!){createPanel(input:$input){id}}',
      { input: { roundId, name: '陶瓷组', categoryIds: [event.parent.TC], judgeIds: [judge.id] } },
      admin,
    );
    await app.gql(
      'mutation($id:ID!){assignJudges(roundId:$id){assignments}}',
      { id: roundId },
      admin,
    );
    await app.gql('mutation($id:ID!){openRound(roundId:$id){status}}', { id: roundId }, admin);
  });
  afterAll(() => app.close());

  const mine = () => app.gql(MY_ASSIGNMENTS, { id: roundId }, judge.token);
  const sheetStatements = (statements: string[]) =>
    statements.filter((sql) => /\bscore_sheets\b/.test(sql));

  it('reads the sheets of every assignment in one statement', async () => {
    const before = (await mine()).data!.myAssignments as Array<{ id: string }>;
    expect(before).toHaveLength(6);
    for (const [i, a] of before.slice(0, 2).entries()) {
      const res = await app.gql(
        SUBMIT,
        {
          input: {
            assignmentId: a.id,
            scores: [{ criterionKey: 'design', value: 7 + i }],
            clientMutationId: randomUUID(),
          },
        },
        judge.token,
      );
      expect(res.errors).toBeUndefined();
    }

    const { result, statements } = await countStatements(app.api, mine);
    expect(result.errors).toBeUndefined();
    const rows = result.data!.myAssignments as any[];
    expect(rows.map((a) => a.sheet)).toEqual([
      { version: 1, total: 70 },
      { version: 1, total: 80 },
      null,
      null,
      null,
      null,
    ]);
    // Blind round: the entry as EntryVisibilityService shows a blind round's judge.
    for (const a of rows) {
      expect(a.entry.entrant).toBeNull();
      expect(a.entry.creators).toEqual([]);
      expect(a.round.criteria).toEqual([{ key: 'design' }]);
    }
    expect(sheetStatements(statements)).toEqual([
      expect.stringMatching(/^SELECT .* FROM `score_sheets`.* IN \(\?, \?, \?, \?, \?, \?\)/s),
    ]);
  });
});

import { randomUUID } from 'node:crypto';
import {
  CraftsEvent,
  craftsEventWithEntries,
  GqlResult,
  judgeUser,
  startTestApp,
  TestApp,
  together,
  fulfilled,
} from '@app/testing';

/**
 * Issue 19, items 5–7, tried as a judge and an organiser would: what a judge reads of a blind
 * round's entries, which parts of its round it may read, and what a conflict of interest
 * declared mid-round does to the judge's assignments.
 */
const ENTRY_FIELDS =
  'id code title creators regionCode patentNumbers patented screeningReason entrant{name}';
const MY_ASSIGNMENTS = `query($id:ID!){myAssignments(roundId:$id){id status entry{${ENTRY_FIELDS}}}}`;
const SUBMIT = `mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){id version}}`;
const DECLARE = `mutation($j:ID!,$e:ID!,$r:String){declareConflict(judgeId:$j,entrantId:$e,reason:$r)}`;

describe('hostile: judges in blind rounds, their rounds, and conflicts declared mid-round', () => {
  let app: TestApp;
  let admin: string;
  let event: CraftsEvent;
  let entrant: { token: string; entrantId: string };
  let entries: string[];
  let roundId: string;
  const judges: Array<{ token: string; id: string }> = [];

  beforeAll(async () => {
    app = await startTestApp();
    ({ admin, event, entrant, entries } = await craftsEventWithEntries(
      app,
      `judges-${randomUUID().slice(0, 6)}`,
      3,
      '450700',
      '钦州坭兴陶公司',
    ));
    const round = await app.gql(
      'mutation($input:CreateRoundInput!){createRound(input:$input){id}}',
      {
        input: {
          eventId: event.eventId,
          name: '盲评',
          blind: true,
          criteria: [{ key: 'design', name: '设计', weight: 100, maxScore: 10, step: 0.5 }],
          judgesPerEntry: 2,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
        },
      },
      admin,
    );
    roundId = round.data!.createRound.id;
    judges.push(await judgeUser(app), await judgeUser(app), await judgeUser(app));
    const panel = await app.gql(
      'mutation($input:CreatePanelInput!){createPanel(input:$input){id}}',
      {
        input: {
          roundId,
          name: '陶瓷组',
          categoryIds: [event.parent.TC],
          judgeIds: judges.map((j) => j.id),
        },
      },
      admin,
    );
    expect(panel.errors).toBeUndefined();
    await app.gql(
      'mutation($id:ID!){assignJudges(roundId:$id){assignments}}',
      { id: roundId },
      admin,
    );
    const opened = await app.gql(
      'mutation($id:ID!){openRound(roundId:$id){status}}',
      { id: roundId },
      admin,
    );
    expect(opened.data?.openRound.status).toBe('OPEN');
  });
  afterAll(() => app.close());

  const mine = async (judge: { token: string }) =>
    (await app.gql(MY_ASSIGNMENTS, { id: roundId }, judge.token)).data!.myAssignments as any[];
  const refusal = (res: GqlResult) => res.errors?.[0]?.extensions;

  describe('item 5: a blind round shows the work, never what names or locates its entrant', () => {
    it('in the assignment list and in entry(id) alike; organisers still see everything', async () => {
      const list = await mine(judges[0]);
      expect(list.length).toBeGreaterThan(0);
      for (const { entry } of list) {
        expect(entry).toMatchObject({
          title: '坭兴陶茶具',
          creators: [],
          regionCode: '',
          patentNumbers: [],
          patented: true, // yes/no only
          screeningReason: null,
          entrant: null,
        });
        expect(entry.code).toMatch(/^TC-01-\d{4}$/);
        const alone = await app.gql(
          `query($id:ID!){entry(id:$id){${ENTRY_FIELDS}}}`,
          { id: entry.id },
          judges[0].token,
        );
        expect(alone.data?.entry).toEqual(entry);
      }
      const full = await app.gql(
        `query($id:ID!){entry(id:$id){${ENTRY_FIELDS}}}`,
        { id: list[0].entry.id },
        admin,
      );
      expect(full.data?.entry).toMatchObject({
        regionCode: '450700',
        patentNumbers: ['ZL201310123456.2'],
        entrant: { name: '钦州坭兴陶公司' },
      });
    });
  });

  describe('item 7: a judge reads its round (criteria), not its panels, progress or results', () => {
    const ROUND = (fields: string) => `query($id:ID!){round(id:$id){${fields}}}`;

    it('round(id) answers an assigned judge with the criteria', async () => {
      const res = await app.gql(
        ROUND('id name status blind criteria{key maxScore step}'),
        { id: roundId },
        judges[0].token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.round).toEqual({
        id: roundId,
        name: '盲评',
        status: 'OPEN',
        blind: true,
        criteria: [{ key: 'design', maxScore: 10, step: 0.5 }],
      });
    });

    it.each(['progress{submitted}', 'judgeProgress{assigned}', 'tabulation{hash}', 'panels{id}'])(
      '%s is FORBIDDEN to the judge',
      async (field) => {
        const res = await app.gql(ROUND(`id ${field}`), { id: roundId }, judges[0].token);
        expect(refusal(res)).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
      },
    );

    it('a judge not assigned in the round gets NOT_FOUND; the public too', async () => {
      const stranger = await judgeUser(app);
      for (const token of [stranger.token, undefined]) {
        const res = await app.gql(ROUND('id'), { id: roundId }, token);
        expect(refusal(res)).toMatchObject({
          code: expect.stringMatching(/NOT_FOUND|UNAUTHENTICATED/),
        });
      }
    });
  });

  describe('item 6: a conflict declared mid-round recuses the judge, and a top-up replaces it', () => {
    it('turns the judge’s assignments to the entrant RECUSED (a scored one too), audited; its sheets stop counting', async () => {
      const judge = judges[0];
      const held = await mine(judge);
      expect(held.length).toBeGreaterThanOrEqual(2);
      // The judge scores one of them before the conflict is known.
      const scored = await app.gql(
        SUBMIT,
        {
          input: {
            assignmentId: held[0].id,
            scores: [{ criterionKey: 'design', value: 8 }],
            clientMutationId: randomUUID(),
          },
        },
        judge.token,
      );
      expect(scored.errors).toBeUndefined();
      const progressBefore = (
        await app.gql(
          'query($id:ID!){round(id:$id){progress{assignments submitted recused}}}',
          { id: roundId },
          admin,
        )
      ).data!.round.progress;
      expect(progressBefore).toMatchObject({ submitted: 1, recused: 0 });

      const declared = await app.gql(
        DECLARE,
        { j: judge.id, e: entrant.entrantId, r: '评委曾为该公司顾问' },
        admin,
      );
      expect(declared.data?.declareConflict).toBe(true);

      expect((await mine(judge)).map((a) => a.status)).toEqual(held.map(() => 'RECUSED'));
      const progress = (
        await app.gql(
          'query($id:ID!){round(id:$id){progress{assignments submitted recused}}}',
          { id: roundId },
          admin,
        )
      ).data!.round.progress;
      expect(progress).toMatchObject({ submitted: 0, recused: held.length });
      const audited = await app.sql<{ n: number }>(
        "SELECT COUNT(*) AS n FROM audit_records WHERE action = 'assignment.recused' AND detail LIKE '%conflictOfInterest%'",
      );
      expect(Number(audited[0].n)).toBe(held.length);

      // Its sheet on such an assignment is refused as the rules say.
      const again = await app.gql(
        SUBMIT,
        {
          input: {
            assignmentId: held[1].id,
            scores: [{ criterionKey: 'design', value: 9 }],
            clientMutationId: randomUUID(),
          },
        },
        judge.token,
      );
      expect(refusal(again)).toMatchObject({ code: 'CONFLICT', reason: 'ASSIGNMENT_RECUSED' });

      // Declaring again changes nothing.
      await app.gql(DECLARE, { j: judge.id, e: entrant.entrantId }, admin);
      const twice = await app.sql<{ n: number }>(
        "SELECT COUNT(*) AS n FROM audit_records WHERE action = 'assignment.recused'",
      );
      expect(Number(twice[0].n)).toBe(held.length);
    });

    it('a top-up gives every affected entry another judge, never the conflicted one, even three sent together', async () => {
      const topUps = await together(3, () =>
        app.gql(
          'mutation($id:ID!){assignJudges(roundId:$id){assignments}}',
          { id: roundId },
          admin,
        ),
      );
      for (const answer of fulfilled(topUps)) expect(answer.errors).toBeUndefined();
      const rows = await app.sql<{ entry_id: string; judge_id: string; status: string }>(
        'SELECT entry_id, judge_id, status FROM assignments WHERE round_id = ?',
        [roundId],
      );
      for (const entryId of entries) {
        const live = rows.filter((r) => r.entry_id === entryId && r.status !== 'RECUSED');
        expect(live).toHaveLength(2);
        expect(live.map((r) => r.judge_id)).not.toContain(judges[0].id);
      }
    });
  });
});

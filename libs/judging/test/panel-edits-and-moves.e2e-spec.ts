import {
  acceptedEntry,
  craftsEvent,
  CraftsEvent,
  GqlResult,
  registerEnterprise,
  seedRegions,
  startTestApp,
  TestApp,
  together,
  userWithRole,
} from '@app/testing';

const CREATE_ROUND = `mutation($input:CreateRoundInput!){createRound(input:$input){id}}`;
const CREATE_PANEL = `mutation($input:CreatePanelInput!){createPanel(input:$input){id}}`;
const UPDATE_PANEL = `mutation($id:ID!,$input:UpdatePanelInput!){updatePanel(id:$id,input:$input){id name categories{id} judges{id}}}`;
const ASSIGN = `mutation($id:ID!){assignJudges(roundId:$id){assignments unassignableEntryIds}}`;
const OPEN = `mutation($id:ID!){openRound(roundId:$id){status}}`;
const MOVE = `mutation($a:ID!,$j:ID!,$r:String){moveAssignment(assignmentId:$a,judgeId:$j,reason:$r){id status hasSheet judge{id} entry{id}}}`;
const CANDIDATES = `query($a:ID!){assignmentCandidates(assignmentId:$a){judge{id} pending refusal}}`;
const HELD = `query($r:ID!,$j:ID!){round(id:$r){assignmentsOfJudge(judgeId:$j){id status hasSheet entry{id}}}}`;
const MINE = `query($r:ID!){myAssignments(roundId:$r){id entry{id}}}`;
const SUBMIT = `mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){id}}`;
const RECUSE = `mutation($a:ID!){recuse(assignmentId:$a,reason:"身体不适"){status}}`;
const DECLARE = `mutation($j:ID!,$e:ID!){declareConflict(judgeId:$j,entrantId:$e)}`;
const DEACTIVATE = `mutation($id:ID!){deactivateUser(id:$id){active}}`;
const CREATE_USER = `mutation($input:CreateUserInput!){createUser(input:$input){id}}`;

interface Judge {
  id: string;
  token: string;
}

/**
 * Editing a panel after its creation and moving an assignment to another judge (issue 21): the
 * rules by round status, every refusal with its reason and nothing written, the races behind a
 * barrier, and who may do it.
 */
describe('updatePanel and moveAssignment', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  const entrants: Array<{ token: string; entrantId: string }> = [];
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'moves', { maxEntriesPerEntrant: 50 });
    for (const region of ['450100', '450200']) entrants.push(await registerEnterprise(app, region));
  });
  afterAll(() => app.close());

  const ok = (res: GqlResult) => {
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const refusal = (res: GqlResult) => res.errors?.[0].extensions;

  async function judge(): Promise<Judge> {
    const email = `judge-${++counter}-${Date.now()}@example.com`;
    const id = ok(
      await app.gql(
        CREATE_USER,
        {
          input: {
            email,
            password: 'correct horse battery',
            name: `评委${counter}`,
            role: 'JUDGE',
          },
        },
        admin,
      ),
    ).createUser.id as string;
    return { id, token: await app.login(email, 'correct horse battery') };
  }

  const entry = (categoryId: string, entrant = 0) =>
    acceptedEntry(app, {
      eventId: event.eventId,
      categoryId,
      entrantToken: entrants[entrant].token,
      adminToken: admin,
    });

  async function round(judgesPerEntry = 2): Promise<string> {
    return ok(
      await app.gql(
        CREATE_ROUND,
        {
          input: {
            eventId: event.eventId,
            name: `第${++counter}轮`,
            criteria: [{ key: 'overall', name: '综合', weight: 100, maxScore: 100, step: 1 }],
            judgesPerEntry,
            aggregation: 'MEAN',
            rankingScope: 'CATEGORY',
          },
        },
        admin,
      ),
    ).createRound.id as string;
  }

  const panel = async (roundId: string, name: string, categoryIds: string[], judgeIds: string[]) =>
    ok(await app.gql(CREATE_PANEL, { input: { roundId, name, categoryIds, judgeIds } }, admin))
      .createPanel.id as string;

  const edit = (id: string, input: Record<string, unknown>, token = admin) =>
    app.gql(UPDATE_PANEL, { id, input }, token);

  const move = (assignmentId: string, judgeId: string, token = admin) =>
    app.gql(MOVE, { a: assignmentId, j: judgeId, r: '评委请假' }, token);

  const assignments = (roundId: string) =>
    app.sql<{ id: string; entry_id: string; judge_id: string; status: string; panel_id: string }>(
      'SELECT id, entry_id, judge_id, status, panel_id FROM assignments WHERE round_id = ? ORDER BY entry_id, judge_id',
      [roundId],
    );

  const seatsOf = async (panelId: string) =>
    (
      await app.sql<{ judge_id: string }>(
        'SELECT judge_id FROM panel_judges WHERE panel_id = ? ORDER BY position',
        [panelId],
      )
    ).map((r) => r.judge_id);

  const categoriesOf = async (panelId: string) =>
    (
      await app.sql<{ category_id: string }>(
        'SELECT category_id FROM panel_categories WHERE panel_id = ? ORDER BY position',
        [panelId],
      )
    ).map((r) => r.category_id);

  const audits = (action: string) =>
    app.sql<{ detail: string }>('SELECT detail FROM audit_records WHERE action = ?', [action]);

  const score = (judgeToken: string, assignmentId: string, key = `sheet-${++counter}-key`) =>
    app.gql(
      SUBMIT,
      {
        input: {
          assignmentId,
          scores: [{ criterionKey: 'overall', value: 80 }],
          clientMutationId: key,
        },
      },
      judgeToken,
    );

  describe('updatePanel', () => {
    it('in a DRAFT round changes name, judges and categories; the draft assignments of a judge or category that left are deleted; audited', async () => {
      const roundId = await round();
      const [a, b, c, d] = [await judge(), await judge(), await judge(), await judge()];
      const tc1 = await entry(event.leaf['TC-01']);
      const tc2 = await entry(event.leaf['TC-02']);
      const id = await panel(roundId, '陶瓷组', [event.parent.TC], [a.id, b.id, c.id]);
      ok(await app.gql(ASSIGN, { id: roundId }, admin));
      expect(await assignments(roundId)).toHaveLength(4);

      const res = await edit(id, {
        name: '陶瓷一组',
        categoryIds: [event.leaf['TC-01']],
        judgeIds: [a.id, b.id, d.id],
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.updatePanel).toEqual({
        id,
        name: '陶瓷一组',
        categories: [{ id: event.leaf['TC-01'] }],
        judges: [a.id, b.id, d.id].map((j) => ({ id: j })),
      });
      const left = await assignments(roundId);
      expect(left.every((r) => r.judge_id !== c.id && r.entry_id !== tc2)).toBe(true);
      expect(left.every((r) => r.entry_id === tc1)).toBe(true);
      const [record] = (await audits('panel.updated')).map((r) => JSON.parse(r.detail));
      expect(record).toMatchObject({
        panelId: id,
        name: { from: '陶瓷组', to: '陶瓷一组' },
        judgeIds: { from: [a.id, b.id, c.id], to: [a.id, b.id, d.id] },
        categoryIds: { from: [event.parent.TC], to: [event.leaf['TC-01']] },
      });
      expect(record.draftAssignmentsDeleted).toBeGreaterThan(0);

      // Left out, a field stays; the assignment runs again over the new panel.
      const renamed = await edit(id, { name: '陶瓷组' });
      expect(renamed.data!.updatePanel.judges).toEqual([a.id, b.id, d.id].map((j) => ({ id: j })));
      ok(await app.gql(ASSIGN, { id: roundId }, admin));
    });

    it('refuses what a new panel refuses, and a deactivated judge joining (createPanel too), with nothing written', async () => {
      const roundId = await round();
      const [a, b, c, gone] = [await judge(), await judge(), await judge(), await judge()];
      const first = await panel(roundId, '陶瓷组', [event.parent.TC], [a.id, b.id]);
      const second = await panel(roundId, '编织组', [event.leaf['BZ-01']], [c.id]);
      ok(await app.gql(DEACTIVATE, { id: gone.id }, admin));
      const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450100' });
      const coordinatorId = ok(await app.gql('{me{id}}', {}, coordinator)).me.id as string;
      const before = [await seatsOf(first), await categoriesOf(first), await seatsOf(second)];
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ categoryIds: [event.leaf['BZ-01']] }, 'BAD_USER_INPUT', 'CATEGORY_IN_TWO_PANELS'],
        [{ judgeIds: [a.id, c.id] }, 'BAD_USER_INPUT', 'JUDGE_IN_TWO_PANELS'],
        [{ name: '编织组' }, 'BAD_USER_INPUT', 'DUPLICATE_PANEL_NAME'],
        [{ name: '  ' }, 'BAD_USER_INPUT', 'NAME_REQUIRED'],
        [{ judgeIds: [] }, 'BAD_USER_INPUT', 'JUDGES_REQUIRED'],
        [{ categoryIds: [] }, 'BAD_USER_INPUT', 'CATEGORIES_REQUIRED'],
        [{ judgeIds: [a.id, coordinatorId] }, 'BAD_USER_INPUT', 'NOT_A_JUDGE'],
        [{ judgeIds: [a.id, gone.id] }, 'BAD_USER_INPUT', 'JUDGE_INACTIVE'],
      ];
      for (const [input, code, reason] of cases) {
        expect(refusal(await edit(first, input))).toMatchObject({ code, reason });
      }
      expect([await seatsOf(first), await categoriesOf(first), await seatsOf(second)]).toEqual(
        before,
      );
      const created = await app.gql(
        CREATE_PANEL,
        { input: { roundId, name: '木雕组', categoryIds: [], judgeIds: [gone.id] } },
        admin,
      );
      expect(refusal(created)).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'CATEGORIES_REQUIRED',
      });
      const third = await round();
      const inactive = await app.gql(
        CREATE_PANEL,
        {
          input: {
            roundId: third,
            name: '陶瓷组',
            categoryIds: [event.parent.TC],
            judgeIds: [a.id, gone.id],
          },
        },
        admin,
      );
      expect(refusal(inactive)).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'JUDGE_INACTIVE',
        judgeIds: [gone.id],
      });
      // A judge deactivated after it was seated keeps its seat: the panel can still be renamed.
      ok(await app.gql(DEACTIVATE, { id: b.id }, admin));
      expect((await edit(first, { name: '陶瓷组（改）' })).errors).toBeUndefined();
      expect(await seatsOf(first)).toEqual([a.id, b.id]);
      expect(
        refusal(await edit('00000000-0000-4000-8000-000000000000', { name: 'x' })),
      ).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'PANEL_NOT_FOUND',
      });
    });

    it('in an OPEN round keeps a judge with PENDING or SUBMITTED work and a category with assignments; a judge whose work is all recused may go', async () => {
      const roundId = await round(1);
      const [a, b, c] = [await judge(), await judge(), await judge()];
      await entry(event.leaf['TC-01']);
      await entry(event.leaf['TC-02']);
      const id = await panel(roundId, '陶瓷组', [event.parent.TC], [a.id, b.id]);
      ok(await app.gql(ASSIGN, { id: roundId }, admin));
      ok(await app.gql(OPEN, { id: roundId }, admin));
      const held = await assignments(roundId);
      const ofA = held.filter((r) => r.judge_id === a.id);
      expect(ofA.length).toBeGreaterThan(0);

      const pending = await edit(id, { judgeIds: [b.id, c.id] });
      expect(refusal(pending)).toMatchObject({
        code: 'CONFLICT',
        reason: 'JUDGE_HAS_ASSIGNMENTS',
        judgeIds: [a.id],
        names: [expect.stringMatching(/^评委\d+$/)],
      });
      for (const row of ofA) ok(await score(a.token, row.id));
      expect(refusal(await edit(id, { judgeIds: [b.id, c.id] }))).toMatchObject({
        reason: 'JUDGE_HAS_ASSIGNMENTS',
        submitted: ofA.length,
      });
      expect(refusal(await edit(id, { categoryIds: [event.leaf['TC-01']] }))).toMatchObject({
        code: 'CONFLICT',
        reason: 'CATEGORY_HAS_ASSIGNMENTS',
        categoryIds: [event.parent.TC],
        names: ['TC 陶瓷'],
      });
      expect(await seatsOf(id)).toEqual([a.id, b.id]);
      expect(await categoriesOf(id)).toEqual([event.parent.TC]);

      // Adding a judge and renaming are fine while it is OPEN.
      expect(
        (await edit(id, { name: '陶瓷组', judgeIds: [a.id, b.id, c.id] })).errors,
      ).toBeUndefined();
      // b steps aside from everything it holds: then it may leave, its recused rows stay.
      for (const row of held.filter((r) => r.judge_id === b.id))
        ok(await app.gql(RECUSE, { a: row.id }, b.token));
      expect((await edit(id, { judgeIds: [a.id, c.id] })).errors).toBeUndefined();
      expect(
        (await assignments(roundId))
          .filter((r) => r.judge_id === b.id)
          .every((r) => r.status === 'RECUSED'),
      ).toBe(true);

      await app.sql("UPDATE rounds SET status = 'CLOSED' WHERE id = ?", [roundId]);
      expect(refusal(await edit(id, { name: '关闭后' }))).toMatchObject({
        code: 'CONFLICT',
        reason: 'ROUND_CLOSED',
      });
      await app.sql("UPDATE rounds SET status = 'TABULATED' WHERE id = ?", [roundId]);
      expect(refusal(await edit(id, { name: '关闭后' }))).toMatchObject({ reason: 'ROUND_CLOSED' });
    });

    it('two edits sent together take turns: each judge still sits on one panel, each leaf is covered once', async () => {
      const roundId = await round();
      const [a, b, c] = [await judge(), await judge(), await judge()];
      const tc = await panel(roundId, '陶瓷组', [event.leaf['TC-01']], [a.id]);
      const bz = await panel(roundId, '编织组', [event.leaf['BZ-01']], [b.id]);
      // Both panels reach for the same judge and the same category at the same moment.
      const answers = await together(2, (i) =>
        edit(i === 0 ? tc : bz, {
          categoryIds: [i === 0 ? event.leaf['TC-01'] : event.leaf['BZ-01'], event.leaf['TC-02']],
          judgeIds: [i === 0 ? a.id : b.id, c.id],
        }),
      );
      const results = answers.map((r) => (r.status === 'fulfilled' ? r.value : null));
      expect(results.filter((r) => r && !r.errors)).toHaveLength(1);
      expect(results.filter((r) => r?.errors)[0]!.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
      });
      const seats = await app.sql<{ n: number }>(
        'SELECT COUNT(*) AS n FROM panel_judges WHERE round_id = ? AND judge_id = ?',
        [roundId, c.id],
      );
      expect(Number(seats[0].n)).toBe(1);
      const covering = await app.sql<{ n: number }>(
        `SELECT COUNT(*) AS n FROM panel_categories pc JOIN panels p ON p.id = pc.panel_id
          WHERE p.round_id = ? AND pc.category_id = ?`,
        [roundId, event.leaf['TC-02']],
      );
      expect(Number(covering[0].n)).toBe(1);
    });
  });

  describe('moveAssignment', () => {
    let roundId: string;
    let tc: Judge[];
    let bzJudge: Judge;
    let spare: Judge;
    let affiliated: Judge;
    let declared: Judge;
    let tcEntry: string;

    beforeAll(async () => {
      roundId = await round(2);
      tc = [await judge(), await judge()];
      spare = await judge();
      affiliated = await judge();
      declared = await judge();
      bzJudge = await judge();
      await app.sql('UPDATE users SET affiliation_entrant_id = ? WHERE id = ?', [
        entrants[1].entrantId,
        affiliated.id,
      ]);
      tcEntry = await entry(event.leaf['TC-01'], 1);
      for (let i = 0; i < 3; i++) await entry(event.leaf[i % 2 ? 'TC-01' : 'TC-02'], 0);
      await entry(event.leaf['BZ-01'], 0);
      ok(await app.gql(DECLARE, { j: declared.id, e: entrants[1].entrantId }, admin));
      await panel(
        roundId,
        '陶瓷组',
        [event.parent.TC],
        tc.map((j) => j.id),
      );
      await panel(roundId, '编织组', [event.leaf['BZ-01']], [bzJudge.id]);
      ok(await app.gql(ASSIGN, { id: roundId }, admin));
      // the spare and the conflicted judges join after the assignment, so they hold nothing yet
      ok(await app.gql(OPEN, { id: roundId }, admin));
    });

    const heldBy = async (j: Judge) =>
      (await assignments(roundId)).filter((r) => r.judge_id === j.id);

    it('gives a PENDING assignment to another judge of the panel: the old judge loses it, the new one sees it; audited', async () => {
      const tcPanel = (
        await app.sql<{ id: string }>(
          "SELECT id FROM panels WHERE round_id = ? AND name = '陶瓷组'",
          [roundId],
        )
      )[0].id;
      ok(
        await edit(tcPanel, {
          judgeIds: [...tc.map((j) => j.id), spare.id, affiliated.id, declared.id],
        }),
      );
      const [mine] = (await heldBy(tc[0])).filter((r) => r.entry_id === tcEntry);
      expect(mine).toBeDefined();
      const before = ok(await app.gql(MINE, { r: roundId }, tc[0].token)).myAssignments as Array<{
        id: string;
      }>;
      expect(before.map((a) => a.id)).toContain(mine.id);

      const candidates = ok(await app.gql(CANDIDATES, { a: mine.id }, admin))
        .assignmentCandidates as Array<{
        judge: { id: string };
        refusal: string | null;
        pending: number;
      }>;
      const why = Object.fromEntries(candidates.map((c) => [c.judge.id, c.refusal]));
      expect(why).toEqual({
        [tc[1].id]: 'JUDGE_ALREADY_ASSIGNED',
        [spare.id]: null,
        [affiliated.id]: 'CONFLICT_OF_INTEREST',
        [declared.id]: 'CONFLICT_OF_INTEREST',
        [bzJudge.id]: 'JUDGE_NOT_ON_PANEL',
      });
      expect(candidates.find((c) => c.judge.id === tc[1].id)!.pending).toBeGreaterThan(0);

      const moved = await move(mine.id, spare.id);
      expect(moved.errors).toBeUndefined();
      expect(moved.data!.moveAssignment).toMatchObject({
        status: 'PENDING',
        hasSheet: false,
        judge: { id: spare.id },
        entry: { id: tcEntry },
      });
      const newId = moved.data!.moveAssignment.id as string;
      const after = ok(await app.gql(MINE, { r: roundId }, tc[0].token)).myAssignments as Array<{
        id: string;
      }>;
      expect(after.map((a) => a.id)).not.toContain(mine.id);
      const theirs = ok(await app.gql(MINE, { r: roundId }, spare.token)).myAssignments as Array<{
        id: string;
        entry: { id: string };
      }>;
      expect(theirs).toEqual([{ id: newId, entry: { id: tcEntry } }]);
      const list = ok(await app.gql(HELD, { r: roundId, j: spare.id }, admin)).round
        .assignmentsOfJudge;
      expect(list).toEqual([
        { id: newId, status: 'PENDING', hasSheet: false, entry: { id: tcEntry } },
      ]);
      const [record] = (await audits('assignment.moved')).map((r) => JSON.parse(r.detail));
      expect(record).toMatchObject({
        entryId: tcEntry,
        fromJudgeId: tc[0].id,
        toJudgeId: spare.id,
        newAssignmentId: newId,
        reason: '评委请假',
      });
      // the old judge's tablet, sending the sheet late, finds no such assignment
      expect(refusal(await score(tc[0].token, mine.id))).toMatchObject({
        reason: 'ASSIGNMENT_NOT_FOUND',
      });
      // and the new judge scores it
      expect((await score(spare.token, newId)).errors).toBeUndefined();
    });

    it('refuses each target the rule refuses, and a scored, recused or closed one, writing nothing', async () => {
      const [pendingRow] = (await heldBy(tc[1])).filter((r) => r.status === 'PENDING');
      const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450100' });
      const coordinatorId = ok(await app.gql('{me{id}}', {}, coordinator)).me.id as string;
      const before = await assignments(roundId);
      const onEntry = (await assignments(roundId)).filter(
        (r) => r.entry_id === pendingRow.entry_id,
      );
      const holder = onEntry.find((r) => r.judge_id !== tc[1].id)!.judge_id;
      const cases: Array<[string, string, string]> = [
        [bzJudge.id, 'BAD_USER_INPUT', 'JUDGE_NOT_ON_PANEL'],
        [holder, 'CONFLICT', 'JUDGE_ALREADY_ASSIGNED'],
        [coordinatorId, 'BAD_USER_INPUT', 'NOT_A_JUDGE'],
      ];
      for (const [target, code, reason] of cases) {
        expect(refusal(await move(pendingRow.id, target))).toMatchObject({ code, reason });
      }
      const conflicted = (await assignments(roundId)).find(
        (r) => r.entry_id === tcEntry && r.status === 'PENDING',
      );
      if (conflicted) {
        expect(refusal(await move(conflicted.id, affiliated.id))).toMatchObject({
          code: 'FORBIDDEN',
          reason: 'CONFLICT_OF_INTEREST',
        });
        expect(refusal(await move(conflicted.id, declared.id))).toMatchObject({
          reason: 'CONFLICT_OF_INTEREST',
        });
      }
      const inactive = await judge();
      const tcPanel = (
        await app.sql<{ id: string }>(
          "SELECT id FROM panels WHERE round_id = ? AND name = '陶瓷组'",
          [roundId],
        )
      )[0].id;
      ok(await edit(tcPanel, { judgeIds: [...(await seatsOf(tcPanel)), inactive.id] }));
      ok(await app.gql(DEACTIVATE, { id: inactive.id }, admin));
      expect(refusal(await move(pendingRow.id, inactive.id))).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'JUDGE_INACTIVE',
      });

      const scored = (await heldBy(spare)).find((r) => r.status === 'SUBMITTED')!;
      expect(refusal(await move(scored.id, tc[1].id))).toMatchObject({
        code: 'CONFLICT',
        reason: 'ALREADY_SUBMITTED',
      });
      ok(await app.gql(RECUSE, { a: pendingRow.id }, tc[1].token));
      expect(refusal(await move(pendingRow.id, spare.id))).toMatchObject({
        code: 'CONFLICT',
        reason: 'ASSIGNMENT_RECUSED',
      });
      expect(refusal(await move('00000000-0000-4000-8000-000000000000', spare.id))).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'ASSIGNMENT_NOT_FOUND',
      });
      const [another] = (await heldBy(tc[1])).filter((r) => r.status === 'PENDING');
      await app.sql("UPDATE rounds SET status = 'CLOSED' WHERE id = ?", [roundId]);
      const closed = await move(another.id, spare.id);
      await app.sql("UPDATE rounds SET status = 'OPEN' WHERE id = ?", [roundId]);
      expect(refusal(closed)).toMatchObject({ code: 'CONFLICT', reason: 'ROUND_CLOSED' });
      const after = await assignments(roundId);
      expect(after.map((r) => [r.id, r.judge_id])).toEqual(before.map((r) => [r.id, r.judge_id]));
    });

    it('two moves of one assignment sent together: exactly one wins, the entry has one new judge', async () => {
      const [row] = (await heldBy(tc[1])).filter((r) => r.status === 'PENDING');
      const targets = [await judge(), await judge()];
      const tcPanel = (
        await app.sql<{ id: string }>(
          "SELECT id FROM panels WHERE round_id = ? AND name = '陶瓷组'",
          [roundId],
        )
      )[0].id;
      ok(
        await edit(tcPanel, {
          judgeIds: [...(await seatsOf(tcPanel)), ...targets.map((t) => t.id)],
        }),
      );
      const answers = await together(2, (i) => move(row.id, targets[i].id));
      const results = answers.map((a) => (a.status === 'fulfilled' ? a.value : null));
      expect(results.filter((r) => r && !r.errors)).toHaveLength(1);
      expect(results.find((r) => r?.errors)!.errors![0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'ASSIGNMENT_NOT_FOUND',
      });
      const onEntry = (await assignments(roundId)).filter((r) => r.entry_id === row.entry_id);
      expect(onEntry.filter((r) => targets.some((t) => t.id === r.judge_id))).toHaveLength(1);
      expect(onEntry.some((r) => r.id === row.id)).toBe(false);
    });

    it('a move and the old judge’s sheet sent together: the sheet never lands on the new judge’s assignment', async () => {
      for (let i = 0; i < 3; i++) {
        const [row] = (await heldBy(tc[1])).filter((r) => r.status === 'PENDING');
        if (!row) break;
        const target = await judge();
        const tcPanel = (
          await app.sql<{ id: string }>(
            "SELECT id FROM panels WHERE round_id = ? AND name = '陶瓷组'",
            [roundId],
          )
        )[0].id;
        ok(await edit(tcPanel, { judgeIds: [...(await seatsOf(tcPanel)), target.id] }));
        const [moved, sheet] = await together(2, (k) =>
          k === 0 ? move(row.id, target.id) : score(tc[1].token, row.id),
        );
        const m = (moved as PromiseFulfilledResult<GqlResult>).value;
        const s = (sheet as PromiseFulfilledResult<GqlResult>).value;
        // exactly one of them happened
        expect([m.errors, s.errors].filter((e) => e === undefined)).toHaveLength(1);
        if (m.errors) expect(refusal(m)).toMatchObject({ reason: 'ALREADY_SUBMITTED' });
        else expect(refusal(s)).toMatchObject({ reason: 'ASSIGNMENT_NOT_FOUND' });
        const sheets = await app.sql<{ judge_id: string }>(
          `SELECT a.judge_id FROM score_sheets s JOIN assignments a ON a.id = s.assignment_id
            WHERE a.round_id = ? AND a.entry_id = ?`,
          [roundId, row.entry_id],
        );
        expect(sheets.every((r) => r.judge_id !== target.id)).toBe(true);
      }
    });

    it('a move and an edit that removes the target judge, together: never both', async () => {
      const [row] = (await heldBy(tc[0])).filter((r) => r.status === 'PENDING');
      if (!row) return;
      const target = await judge();
      const tcPanel = (
        await app.sql<{ id: string }>(
          "SELECT id FROM panels WHERE round_id = ? AND name = '陶瓷组'",
          [roundId],
        )
      )[0].id;
      const seated = await seatsOf(tcPanel);
      ok(await edit(tcPanel, { judgeIds: [...seated, target.id] }));
      const [moved, edited] = await together(2, (k) =>
        k === 0 ? move(row.id, target.id) : edit(tcPanel, { judgeIds: seated }),
      );
      const m = (moved as PromiseFulfilledResult<GqlResult>).value;
      const e = (edited as PromiseFulfilledResult<GqlResult>).value;
      expect([m.errors, e.errors].filter((x) => x === undefined)).toHaveLength(1);
      if (m.errors) expect(refusal(m)).toMatchObject({ reason: 'JUDGE_NOT_ON_PANEL' });
      else expect(refusal(e)).toMatchObject({ reason: 'JUDGE_HAS_ASSIGNMENTS' });
      const held = (await assignments(roundId)).filter((r) => r.judge_id === target.id);
      const seatedNow = await seatsOf(tcPanel);
      // a judge holding work is on the panel
      expect(held.length === 0 || seatedNow.includes(target.id)).toBe(true);
    });

    it('judges and coordinators may not edit, list, ask or move', async () => {
      const judgeToken = tc[0].token;
      const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450100' });
      const [row] = await heldBy(tc[0]);
      const tcPanel = (
        await app.sql<{ id: string }>(
          "SELECT id FROM panels WHERE round_id = ? AND name = '陶瓷组'",
          [roundId],
        )
      )[0].id;
      const before = await assignments(roundId);
      for (const token of [judgeToken, coordinator]) {
        expect(refusal(await edit(tcPanel, { name: '改名' }, token))).toMatchObject({
          code: 'FORBIDDEN',
        });
        expect(refusal(await move(row.id, spare.id, token))).toMatchObject({ code: 'FORBIDDEN' });
        expect(refusal(await app.gql(CANDIDATES, { a: row.id }, token))).toMatchObject({
          code: 'FORBIDDEN',
        });
      }
      // a judge reads its round, never another judge's assignments through it
      const held = await app.gql(HELD, { r: roundId, j: tc[1].id }, judgeToken);
      expect(refusal(held)).toMatchObject({ code: 'FORBIDDEN' });
      expect(await assignments(roundId)).toEqual(before);
    });
  });
});

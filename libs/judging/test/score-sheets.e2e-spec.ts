import { randomUUID } from 'node:crypto';
import {
  CraftsEvent,
  GqlResult,
  startTestApp,
  TestApp,
  userWithRole,
  craftsEventWithEntries,
  judgeUser,
} from '@app/testing';

const MY_ROUNDS = `{myRounds{id name blind criteria{key maxScore step}}}`;
const MY_ASSIGNMENTS = `query($id:ID!){myAssignments(roundId:$id){id status entry{id code title creators entrant{id name}} sheet{version total}}}`;
const SUBMIT = `mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){id assignmentId scores{criterionKey value} total comment version}}`;
const RECUSE = `mutation($id:ID!,$r:String!){recuse(assignmentId:$id,reason:$r){id status}}`;

/** Judges score on tablets: sheets that are never lost, counted twice or silently overwritten. */
describe('score sheets', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  let roundId: string;
  const judges: Array<{ token: string; id: string }> = [];
  let entries: string[];
  let entrant: { token: string; entrantId: string };

  beforeAll(async () => {
    app = await startTestApp();
    ({ admin, event, entrant, entries } = await craftsEventWithEntries(
      app,
      'sheets',
      4,
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
          criteria: [
            { key: 'design', name: '设计', weight: 60, maxScore: 10, step: 0.5 },
            { key: 'craft', name: '工艺', weight: 40, maxScore: 10, step: 0.5 },
          ],
          judgesPerEntry: 2,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
        },
      },
      admin,
    );
    roundId = round.data!.createRound.id;
    judges.push(await judgeUser(app), await judgeUser(app));
    await app.gql(
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
    await app.gql(
      'mutation($id:ID!){assignJudges(roundId:$id){assignments}}',
      { id: roundId },
      admin,
    );
  });
  afterAll(() => app.close());

  const mine = async (judge = judges[0]) =>
    (await app.gql(MY_ASSIGNMENTS, { id: roundId }, judge.token)).data!.myAssignments as any[];
  const sheetRows = async () =>
    (await app.sql<{ n: number }>('SELECT COUNT(*) AS n FROM score_sheets'))[0].n;
  const submit = (input: Record<string, unknown>, judge = judges[0]) =>
    app.gql(SUBMIT, { input }, judge.token);
  const scores = (design: number, craft: number) => [
    { criterionKey: 'design', value: design },
    { criterionKey: 'craft', value: craft },
  ];
  const reasonOf = (res: GqlResult) => res.errors?.[0].extensions;

  it('a judge sees nothing of a DRAFT round; once open, its own assignments, blind', async () => {
    expect((await app.gql(MY_ROUNDS, {}, judges[0].token)).data!.myRounds).toEqual([]);
    expect(await mine()).toEqual([]);
    await app.gql('mutation($id:ID!){openRound(roundId:$id){status}}', { id: roundId }, admin);
    const rounds = (await app.gql(MY_ROUNDS, {}, judges[0].token)).data!.myRounds;
    expect(rounds).toEqual([
      {
        id: roundId,
        name: '盲评',
        blind: true,
        criteria: [
          { key: 'design', maxScore: 10, step: 0.5 },
          { key: 'craft', maxScore: 10, step: 0.5 },
        ],
      },
    ]);
    const assignments = await mine();
    expect(assignments).toHaveLength(entries.length);
    for (const a of assignments) {
      expect(a.status).toBe('PENDING');
      expect(a.sheet).toBeNull();
      // Blind: no entrant, no creators; the exhibit code identifies the work.
      expect(a.entry.entrant).toBeNull();
      expect(a.entry.creators).toEqual([]);
      expect(a.entry.code).toMatch(/^TC-01-\d{4}$/);
    }
    // An organiser still sees who the entrant is.
    const seen = await app.gql(
      'query($id:ID!){entry(id:$id){entrant{name}}}',
      { id: entries[0] },
      admin,
    );
    expect(seen.data!.entry.entrant.name).toBe('钦州坭兴陶公司');
  });

  it('submits a sheet with the exact total; the same clientMutationId again returns it, unchanged', async () => {
    const [a] = await mine();
    const key = randomUUID();
    const first = await submit({
      assignmentId: a.id,
      scores: scores(8.5, 7),
      clientMutationId: key,
      comment: '釉色好',
    });
    expect(first.errors).toBeUndefined();
    // T = 60·8.5/10 + 40·7/10 = 51 + 28 = 79
    expect(first.data!.submitScoreSheet).toMatchObject({
      total: 79,
      version: 1,
      comment: '釉色好',
    });
    const again = await submit({
      assignmentId: a.id,
      scores: [...scores(8.5, 7)].reverse(),
      clientMutationId: key,
      comment: '釉色好',
    });
    expect(again.data!.submitScoreSheet).toEqual(first.data!.submitScoreSheet);
    expect(await sheetRows()).toBe(1);
    const reused = await submit({
      assignmentId: a.id,
      scores: scores(9, 7),
      clientMutationId: key,
      comment: '釉色好',
    });
    expect(reasonOf(reused)).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await mine()).find((x) => x.id === a.id)).toMatchObject({
      status: 'SUBMITTED',
      sheet: { version: 1, total: 79 },
    });
  });

  it('a change names the version it was made on: a stale one is VERSION_MISMATCH and changes nothing', async () => {
    const [a] = await mine();
    const changed = await submit({
      assignmentId: a.id,
      scores: scores(9, 7.5),
      clientMutationId: randomUUID(),
      baseVersion: 1,
    });
    expect(changed.data!.submitScoreSheet).toMatchObject({ version: 2, total: 84 });
    const stale = await submit({
      assignmentId: a.id,
      scores: scores(1, 1),
      clientMutationId: randomUUID(),
      baseVersion: 1,
    });
    expect(reasonOf(stale)).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_MISMATCH' });
    expect((await mine()).find((x) => x.id === a.id).sheet).toEqual({ version: 2, total: 84 });
  });

  it('two tablets changing the same sheet at once: exactly one wins', async () => {
    const [a] = await mine();
    const results = await Promise.all(
      [5, 6].map((design) =>
        submit({
          assignmentId: a.id,
          scores: scores(design, 5),
          clientMutationId: randomUUID(),
          baseVersion: 2,
        }),
      ),
    );
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    expect(reasonOf(results.find((r) => r.errors)!)).toMatchObject({ reason: 'VERSION_MISMATCH' });
    expect((await mine()).find((x) => x.id === a.id).sheet.version).toBe(3);
  });

  it('one mutation delivered five times at once stores one sheet; every delivery answers it', async () => {
    const [, , c] = await mine();
    const input = { assignmentId: c.id, scores: scores(6, 6.5), clientMutationId: randomUUID() };
    const before = await sheetRows();
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(input)));
    expect(results.map((r) => r.errors)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const answers = results.map((r) => r.data!.submitScoreSheet);
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(answers.map((a) => a.version)).toEqual([1, 1, 1, 1, 1]);
    expect(await sheetRows()).toBe(before + 1);
    const [audited] = await app.sql<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_records WHERE subject_id = ? AND action = 'sheet.submitted'",
      [c.id],
    );
    expect(Number(audited.n)).toBe(1);
  });

  it('two tablets scoring a new sheet at once: one is stored, the other is VERSION_MISMATCH', async () => {
    const [, , , d] = await mine();
    const results = await Promise.all(
      [4, 8].map((design) =>
        submit({ assignmentId: d.id, scores: scores(design, 5), clientMutationId: randomUUID() }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(reasonOf(results.find((r) => r.errors)!)).toMatchObject({
      code: 'CONFLICT',
      reason: 'VERSION_MISMATCH',
    });
    const [row] = await app.sql<{ version: number; n: number }>(
      'SELECT MAX(version) AS version, COUNT(*) AS n FROM score_sheets WHERE assignment_id = ?',
      [d.id],
    );
    expect({ version: Number(row.version), n: Number(row.n) }).toEqual({ version: 1, n: 1 });
  });

  it('refuses bad scores and writes nothing', async () => {
    const [, b] = await mine();
    const before = await sheetRows();
    for (const [bad, reason] of [
      [scores(10.5, 7), 'SCORE_OUT_OF_RANGE'],
      [scores(7.25, 7), 'SCORE_OUT_OF_RANGE'],
      [scores(-0.5, 7), 'SCORE_OUT_OF_RANGE'],
      [[{ criterionKey: 'design', value: 7 }], 'INVALID_CRITERIA'],
      [[...scores(7, 7), { criterionKey: 'beauty', value: 1 }], 'INVALID_CRITERIA'],
      [[...scores(7, 7), { criterionKey: 'craft', value: 1 }], 'INVALID_CRITERIA'],
    ] as const) {
      const res = await submit({ assignmentId: b.id, scores: bad, clientMutationId: randomUUID() });
      expect(reasonOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    }
    const shortKey = await submit({
      assignmentId: b.id,
      scores: scores(7, 7),
      clientMutationId: 'x',
    });
    expect(reasonOf(shortKey)).toMatchObject({ reason: 'INVALID_CLIENT_MUTATION_ID' });
    expect(await sheetRows()).toBe(before);
  });

  it('only the assigned judge scores; an organiser, another judge or a stranger cannot', async () => {
    const [a] = await mine();
    const other = await userWithRole(app, 'JUDGE');
    const input = { assignmentId: a.id, scores: scores(7, 7), clientMutationId: randomUUID() };
    expect(reasonOf(await app.gql(SUBMIT, { input }, other))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_ASSIGNED',
    });
    expect(reasonOf(await app.gql(SUBMIT, { input }, admin))).toMatchObject({ code: 'FORBIDDEN' });
    expect(reasonOf(await app.gql(SUBMIT, { input }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    const missing = await submit({ ...input, assignmentId: randomUUID() });
    expect(reasonOf(missing)).toMatchObject({ code: 'NOT_FOUND', reason: 'ASSIGNMENT_NOT_FOUND' });
    // Another judge's assignments never show, nor their sheets.
    const theirs = await mine(judges[1]);
    expect(theirs.every((x: any) => x.sheet === null)).toBe(true);
  });

  it('a conflict declared after assignment recuses the judge there (ASSIGNMENT_RECUSED)', async () => {
    const [, b] = await mine(judges[1]);
    await app.gql(
      'mutation($j:ID!,$e:ID!){declareConflict(judgeId:$j,entrantId:$e)}',
      { j: judges[1].id, e: entrant.entrantId },
      admin,
    );
    const res = await submit(
      { assignmentId: b.id, scores: scores(7, 7), clientMutationId: randomUUID() },
      judges[1],
    );
    // judging-rules.md §10: its assignments to the entrant's entries turned RECUSED.
    expect(reasonOf(res)).toMatchObject({ code: 'CONFLICT', reason: 'ASSIGNMENT_RECUSED' });
    expect((await mine(judges[1])).map((a) => a.status)).toEqual([
      'RECUSED',
      'RECUSED',
      'RECUSED',
      'RECUSED',
    ]);
  });

  it('recuse needs a reason, not after scoring; a recused assignment takes no sheet', async () => {
    const [a, b] = await mine();
    expect(reasonOf(await app.gql(RECUSE, { id: b.id, r: ' ' }, judges[0].token))).toMatchObject({
      reason: 'REASON_REQUIRED',
    });
    expect(
      reasonOf(await app.gql(RECUSE, { id: a.id, r: '已评分' }, judges[0].token)),
    ).toMatchObject({
      code: 'CONFLICT',
      reason: 'ALREADY_SUBMITTED',
    });
    const recused = await app.gql(RECUSE, { id: b.id, r: '与作者相识' }, judges[0].token);
    expect(recused.data!.recuse).toEqual({ id: b.id, status: 'RECUSED' });
    const late = await submit({
      assignmentId: b.id,
      scores: scores(7, 7),
      clientMutationId: randomUUID(),
    });
    expect(reasonOf(late)).toMatchObject({ code: 'CONFLICT', reason: 'ASSIGNMENT_RECUSED' });
  });

  it('entry(id): a judge reads only entries it is assigned, blind; others are NOT_FOUND', async () => {
    const query = 'query($id:ID!){entry(id:$id){id code creators entrant{name}}}';
    const [a] = await mine();
    const seen = await app.gql(query, { id: a.entry.id }, judges[0].token);
    expect(seen.data!.entry).toMatchObject({ id: a.entry.id, creators: [], entrant: null });
    const stranger = await userWithRole(app, 'JUDGE');
    const hidden = await app.gql(query, { id: a.entry.id }, stranger);
    expect(hidden.errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'ENTRY_NOT_FOUND',
    });
  });

  it('organisers follow each judge (judgeProgress) and the event’s rounds; judges see their own', async () => {
    const progress = await app.gql(
      'query($id:ID!){round(id:$id){judgeProgress{judge{id} assigned submitted recused}}}',
      { id: roundId },
      admin,
    );
    const byJudge = new Map(
      (progress.data!.round.judgeProgress as any[]).map((p) => [p.judge.id, p]),
    );
    expect(byJudge.get(judges[0].id)).toMatchObject({ assigned: 4, submitted: 3, recused: 1 });
    expect(byJudge.get(judges[1].id)).toMatchObject({ assigned: 4, submitted: 0, recused: 4 });
    const rounds = 'query($id:ID!){event(id:$id){rounds{id name}}}';
    expect((await app.gql(rounds, { id: event.eventId }, admin)).data!.event.rounds).toEqual([
      { id: roundId, name: '盲评' },
    ]);
    expect(
      (await app.gql(rounds, { id: event.eventId }, judges[0].token)).data!.event.rounds,
    ).toEqual([{ id: roundId, name: '盲评' }]);
    expect(
      (await app.gql(rounds, { id: event.eventId }, entrant.token)).data!.event.rounds,
    ).toEqual([]);
  });

  it('nothing is scored once the round is closed (ROUND_NOT_OPEN); the audit chain holds', async () => {
    const [a] = await mine();
    await app.gql('mutation($id:ID!){closeRound(roundId:$id){status}}', { id: roundId }, admin);
    const res = await submit({
      assignmentId: a.id,
      scores: scores(7, 7),
      clientMutationId: randomUUID(),
    });
    expect(reasonOf(res)).toMatchObject({ code: 'CONFLICT', reason: 'ROUND_NOT_OPEN' });
    const actions = await app.sql<{ action: string }>(
      "SELECT action FROM audit_records WHERE action LIKE 'sheet.%' OR action LIKE 'assignment.%' ORDER BY seq",
    );
    expect(actions.map((r) => r.action)).toEqual([
      'sheet.submitted',
      'sheet.changed',
      'sheet.changed',
      'sheet.submitted',
      'sheet.submitted',
      // the conflict declared for judges[1] (4 assignments), then judges[0] stepping aside
      'assignment.recused',
      'assignment.recused',
      'assignment.recused',
      'assignment.recused',
      'assignment.recused',
    ]);
    const verified = await app.gql(
      'query($id:ID!){verifyAuditChain(eventId:$id){ok}}',
      { id: event.eventId },
      admin,
    );
    expect(verified.data!.verifyAuditChain.ok).toBe(true);
  });
});

import { randomUUID } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import {
  countStatements,
  CraftsEvent,
  DISQUALIFY_ENTRY,
  GqlResult,
  startTestApp,
  TestApp,
  craftsEventWithEntries,
  judgeUser,
} from '@app/testing';

const MY_ASSIGNMENTS = `query($id:ID!){myAssignments(roundId:$id){id status entry{id} sheet{version}}}`;
const SUBMIT = `mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){id assignmentId scores{criterionKey value} total version}}`;
const RECUSE = `mutation($id:ID!,$r:String!){recuse(assignmentId:$id,reason:$r){id status}}`;

interface Judge {
  token: string;
  id: string;
}

/**
 * A judge's first sheet of an assignment in the round they last scored in is written by one call
 * of `score_sheet_write_first`, with no read before it. Whenever a fact is not the ordinary one
 * it must write nothing and the answer must be the one §10 gives, as without the shortcut.
 */
describe('score sheets: the one-statement first sheet', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  /** Round A: design 60 / craft 40, steps of 0.5 up to 10. Round B: 20 / 80, steps of 1 up to 5. */
  let roundA: string;
  let roundB: string;
  let entrant: { token: string; entrantId: string };
  const judges: Judge[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    ({ admin, event, entrant } = await craftsEventWithEntries(
      app,
      'first-sheet',
      8,
      '450800',
      '北海贝雕工艺公司',
    ));
    judges.push(await judgeUser(app), await judgeUser(app));
    roundA = await openRound('初评 A', [60, 40], 10, 0.5);
    roundB = await openRound('初评 B', [20, 80], 5, 1);
  });
  afterAll(() => app.close());

  async function openRound(name: string, weights: number[], maxScore: number, step: number) {
    const round = await app.gql(
      'mutation($input:CreateRoundInput!){createRound(input:$input){id}}',
      {
        input: {
          eventId: event.eventId,
          name,
          criteria: [
            { key: 'design', name: '设计', weight: weights[0], maxScore, step },
            { key: 'craft', name: '工艺', weight: weights[1], maxScore, step },
          ],
          judgesPerEntry: 2,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
        },
      },
      admin,
    );
    const id = round.data!.createRound.id as string;
    await app.gql(
      'mutation($input:CreatePanelInput!){createPanel(input:$input){id}}',
      {
        input: {
          roundId: id,
          name: `${name} 组`,
          categoryIds: [event.parent.TC],
          judgeIds: judges.map((j) => j.id),
        },
      },
      admin,
    );
    await app.gql('mutation($id:ID!){assignJudges(roundId:$id){assignments}}', { id }, admin);
    await app.gql('mutation($id:ID!){openRound(roundId:$id){status}}', { id }, admin);
    return id;
  }

  const assignments = async (roundId: string, judge = judges[0]) =>
    (await app.gql(MY_ASSIGNMENTS, { id: roundId }, judge.token)).data!.myAssignments as Array<{
      id: string;
      status: string;
      entry: { id: string };
      sheet: { version: number } | null;
    }>;
  const submit = (input: Record<string, unknown>, judge = judges[0]) =>
    app.gql(SUBMIT, { input }, judge.token);
  const scores = (design: number, craft: number) => [
    { criterionKey: 'design', value: design },
    { criterionKey: 'craft', value: craft },
  ];
  const reasonOf = (res: GqlResult) => res.errors?.[0].extensions;
  /** Rows of every table a sheet writes, to show a refused one wrote nothing. */
  const written = async () =>
    (
      await app.sql<{ sheets: number; mutations: number; audit: number; submitted: number }>(
        `SELECT (SELECT COUNT(*) FROM score_sheets) AS sheets,
                (SELECT COUNT(*) FROM score_sheet_mutations) AS mutations,
                (SELECT COUNT(*) FROM audit_records) AS audit,
                (SELECT COUNT(*) FROM assignments WHERE status = 'SUBMITTED') AS submitted`,
      )
    )[0];
  /** The sheet statements a submission sends (sign-in checks aside). */
  const sheetStatements = (statements: string[]) =>
    statements.filter((s) => /score_sheet|assignments/.test(s));

  it('after a first sheet in a round, the next one is one statement, stored and audited', async () => {
    const [a1, a2] = await assignments(roundA);
    const first = await submit({
      assignmentId: a1.id,
      scores: scores(8, 6.5),
      clientMutationId: randomUUID(),
    });
    expect(first.data!.submitScoreSheet).toMatchObject({
      version: 1,
      total: 74,
    });
    const { result, statements } = await countStatements(app.api, () =>
      submit({ assignmentId: a2.id, scores: scores(9.5, 3), clientMutationId: randomUUID() }),
    );
    expect(sheetStatements(statements)).toEqual([
      expect.stringMatching(/^CALL score_sheet_write_first\(/),
    ]);
    const sheet = result.data!.submitScoreSheet;
    expect(sheet).toMatchObject({ assignmentId: a2.id, version: 1, total: 69 });
    const [stored] = await app.sql<{ scores: string; total: string; version: number }>(
      'SELECT scores, total, version FROM score_sheets WHERE id = ?',
      [sheet.id],
    );
    expect(stored).toEqual({
      scores: '[["design","9.50"],["craft","3.00"]]',
      total: '69.000',
      version: 1,
    });
    const [audit] = await app.sql<{ action: string; subject_id: string; actor_id: string }>(
      'SELECT action, subject_id, actor_id FROM audit_records ORDER BY seq DESC LIMIT 1',
    );
    expect(audit).toEqual({
      action: 'sheet.submitted',
      subject_id: a2.id,
      actor_id: judges[0].id,
    });
    expect((await assignments(roundA)).find((a) => a.id === a2.id)!.status).toBe('SUBMITTED');
  });

  it('a sheet of another round is checked and totalled with that round’s criteria', async () => {
    const [b1] = await assignments(roundB);
    const before = await written();
    // Round A (the last one) takes 4.5; round B, whose step is 1, refuses it.
    const refused = await submit({
      assignmentId: b1.id,
      scores: scores(4.5, 4),
      clientMutationId: randomUUID(),
    });
    expect(reasonOf(refused)).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'SCORE_OUT_OF_RANGE',
    });
    expect(await written()).toEqual(before);
    const res = await submit({
      assignmentId: b1.id,
      scores: scores(3, 4),
      clientMutationId: randomUUID(),
    });
    expect(res.data!.submitScoreSheet).toMatchObject({ version: 1, total: 76 }); // 20/80 of 5, not 60/40 of 10
    // Now round B is remembered; back in round A with scores B refuses (past its maximum).
    const [, , a3] = await assignments(roundA);
    const back = await submit({
      assignmentId: a3.id,
      scores: scores(9, 9),
      clientMutationId: randomUUID(),
    });
    expect(back.data!.submitScoreSheet).toMatchObject({ version: 1, total: 90 });
    // Round A again, through the shortcut: its replay (same payload) is the stored sheet, so
    // both paths bind a clientMutationId to the same payload.
    const [, , , , , , , a8] = await assignments(roundA);
    const input = { assignmentId: a8.id, scores: scores(1, 2), clientMutationId: randomUUID() };
    const { statements } = await countStatements(app.api, () => submit(input));
    expect(sheetStatements(statements)).toEqual([
      expect.stringMatching(/^CALL score_sheet_write_first\(/),
    ]);
    const replayed = await submit(input);
    expect(replayed.data!.submitScoreSheet).toMatchObject({ assignmentId: a8.id, version: 1 });
    expect(reasonOf(await submit({ ...input, scores: scores(1, 3) }))).toMatchObject({
      reason: 'IDEMPOTENCY_KEY_REUSED',
    });
    await submit({ ...input, clientMutationId: randomUUID(), baseVersion: 1 });
    expect(await written()).toEqual({
      sheets: before.sheets + 3,
      mutations: before.mutations + 4,
      audit: before.audit + 4,
      submitted: before.submitted + 3,
    });
  });

  it('each fact that is not the ordinary one writes nothing and answers as §10 says', async () => {
    // judges[0] last scored in round A, so every submission below tries the shortcut first.
    await submit({
      assignmentId: (await assignments(roundA))[3].id,
      scores: scores(5, 5),
      clientMutationId: randomUUID(),
    });
    const [stored, , , , a5, a6, a7, a8] = await assignments(roundA);
    const theirs = (await assignments(roundA, judges[1]))[0];
    const storedClientId = randomUUID();
    const changed = await submit({
      assignmentId: stored.id,
      scores: scores(6, 6),
      baseVersion: 1,
      clientMutationId: storedClientId,
    });
    expect(changed.data!.submitScoreSheet.version).toBe(2);

    const refusals: Array<[string, () => Promise<GqlResult>, Record<string, string>]> = [
      [
        'another judge’s assignment',
        () =>
          submit({ assignmentId: theirs.id, scores: scores(5, 5), clientMutationId: randomUUID() }),
        { code: 'FORBIDDEN', reason: 'NOT_ASSIGNED' },
      ],
      [
        'a sheet already stored, no baseVersion',
        () =>
          submit({ assignmentId: stored.id, scores: scores(5, 5), clientMutationId: randomUUID() }),
        { code: 'CONFLICT', reason: 'VERSION_MISMATCH' },
      ],
      [
        'a clientMutationId used for other scores',
        () =>
          submit({ assignmentId: a5.id, scores: scores(5, 5), clientMutationId: storedClientId }),
        { code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' },
      ],
    ];
    for (const [, attempt, expected] of refusals) {
      const before = await written();
      expect(reasonOf(await attempt())).toMatchObject(expected);
      expect(await written()).toEqual(before);
    }
    // The same clientMutationId with the same payload is the stored sheet, unchanged.
    const replay = await submit({
      assignmentId: stored.id,
      scores: scores(6, 6),
      baseVersion: 1,
      clientMutationId: storedClientId,
    });
    expect(replay.data!.submitScoreSheet).toMatchObject({
      id: changed.data!.submitScoreSheet.id,
      version: 2,
    });

    // The entry disqualified, a declared conflict, an affiliation, a recusal: each after the
    // assignment was made, each refused with nothing written.
    const entryOf = (assignmentId: string) =>
      app
        .sql<{ entry_id: string }>('SELECT entry_id FROM assignments WHERE id = ?', [assignmentId])
        .then((rows) => rows[0].entry_id);
    await app.gql(DISQUALIFY_ENTRY, { id: await entryOf(a5.id), reason: '仿冒作品' }, admin);
    await expectRefused(a5.id, { code: 'CONFLICT', reason: 'ENTRY_NOT_JUDGEABLE' });

    await app.sql('UPDATE users SET affiliation_entrant_id = ? WHERE id = ?', [
      entrant.entrantId,
      judges[0].id,
    ]);
    await expectRefused(a6.id, { code: 'FORBIDDEN', reason: 'CONFLICT_OF_INTEREST' });
    await app.sql('UPDATE users SET affiliation_entrant_id = NULL WHERE id = ?', [judges[0].id]);

    await app.sql(
      'INSERT INTO conflicts (judge_id, entrant_id, created_at) VALUES (?, ?, NOW(3))',
      [judges[0].id, entrant.entrantId],
    );
    await expectRefused(a6.id, { code: 'FORBIDDEN', reason: 'CONFLICT_OF_INTEREST' });
    await app.sql('DELETE FROM conflicts WHERE judge_id = ?', [judges[0].id]);

    expect(
      (await app.gql(RECUSE, { id: a7.id, r: '认识作者' }, judges[0].token)).errors,
    ).toBeUndefined();
    await expectRefused(a7.id, { code: 'CONFLICT', reason: 'ASSIGNMENT_RECUSED' });

    await app.gql('mutation($id:ID!){closeRound(roundId:$id){status}}', { id: roundA }, admin);
    await expectRefused(a8.id, { code: 'CONFLICT', reason: 'ROUND_NOT_OPEN' });
  });

  it('races on the shortcut roll back whole and are decided again', async () => {
    // Each race: another connection holds the row the write needs; the submissions pass the
    // shortcut's read and wait in score_sheet_write; something may change; then it lets go.
    const judge = judges[1];
    const [first, twice, tablets, recused] = await assignments(roundB, judge);
    await submit(
      { assignmentId: first.id, scores: scores(2, 2), clientMutationId: randomUUID() },
      judge,
    );
    const holder = await createConnection({ uri: app.config.databaseUrl.toString() });
    const whileLocked = async <T>(
      lock: string,
      id: string,
      attempts: () => Promise<T>,
      waiting: number,
      meanwhile?: [string, unknown[]],
    ): Promise<T> => {
      await holder.query('START TRANSACTION');
      await holder.query(`SELECT id FROM ${lock} WHERE id = ? FOR UPDATE`, [id]);
      const pending = attempts();
      await waitForLockWaits(waiting);
      if (meanwhile) await holder.query(...meanwhile);
      await holder.query('COMMIT');
      return pending;
    };
    // The claiming UPDATE of score_sheet_write waits for the lock (MariaDB lists it in the
    // processlist, not always among innodb_trx's waits).
    const waitForLockWaits = async (n: number) => {
      for (let i = 0; i < 100; i++) {
        const [row] = await app.sql<{ n: number }>(
          "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE info LIKE 'UPDATE `assignments` a JOIN `rounds`%'",
        );
        if (Number(row.n) >= n) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the submissions never waited for the lock');
    };
    try {
      // One mutation delivered twice: one sheet, one record; both deliveries answer it.
      let before = await written();
      const input = {
        assignmentId: twice.id,
        scores: scores(3, 3),
        clientMutationId: randomUUID(),
      };
      const [one, other] = await whileLocked(
        'assignments',
        twice.id,
        () => Promise.all([submit(input, judge), submit(input, judge)]),
        2,
      );
      expect(one.data!.submitScoreSheet.id).toBe(other.data!.submitScoreSheet.id);
      expect(await written()).toEqual({
        sheets: before.sheets + 1,
        mutations: before.mutations + 1,
        audit: before.audit + 1,
        submitted: before.submitted + 1,
      });

      // Two tablets, two first sheets of one assignment: one stored, the other VERSION_MISMATCH.
      before = await written();
      const results = await whileLocked(
        'assignments',
        tablets.id,
        () =>
          Promise.all(
            [1, 2].map((k) =>
              submit(
                { assignmentId: tablets.id, scores: scores(k, k), clientMutationId: randomUUID() },
                judge,
              ),
            ),
          ),
        2,
      );
      expect(results.filter((r) => r.data?.submitScoreSheet).length).toBe(1);
      expect(results.map(reasonOf).filter(Boolean)).toEqual([
        expect.objectContaining({ code: 'CONFLICT', reason: 'VERSION_MISMATCH' }),
      ]);
      expect((await written()).sheets).toBe(before.sheets + 1);

      // Recused while the sheet waited: ASSIGNMENT_RECUSED, nothing written.
      before = await written();
      const late = await whileLocked(
        'assignments',
        recused.id,
        () =>
          submit(
            { assignmentId: recused.id, scores: scores(4, 4), clientMutationId: randomUUID() },
            judge,
          ),
        1,
        [
          "UPDATE assignments SET status = 'RECUSED', recuse_reason = '临时回避' WHERE id = ?",
          [recused.id],
        ],
      );
      expect(reasonOf(late)).toMatchObject({ code: 'CONFLICT', reason: 'ASSIGNMENT_RECUSED' });
      expect(await written()).toEqual(before);

      // The round closed while the sheet waited: ROUND_NOT_OPEN, nothing written.
      // (an assignment still open to this judge: test 3 disqualified one of the entries)
      const [open] = await app.sql<{ id: string }>(
        `SELECT a.id FROM assignments a JOIN entries e ON e.id = a.entry_id
          WHERE a.round_id = ? AND a.judge_id = ? AND a.status = 'PENDING' AND e.status = 'ACCEPTED'
          LIMIT 1`,
        [roundB, judge.id],
      );
      const closed = await whileLocked(
        'rounds',
        roundB,
        () =>
          submit(
            { assignmentId: open.id, scores: scores(4, 4), clientMutationId: randomUUID() },
            judge,
          ),
        1,
        ["UPDATE rounds SET status = 'CLOSED' WHERE id = ?", [roundB]],
      );
      expect(reasonOf(closed)).toMatchObject({ code: 'CONFLICT', reason: 'ROUND_NOT_OPEN' });
      expect(await written()).toEqual(before);
    } finally {
      await holder.end();
    }
  });

  it('the event’s audit chain holds with records of both procedures', async () => {
    const verified = await app.gql(
      'query($id:ID!){verifyAuditChain(eventId:$id){ok}}',
      { id: event.eventId },
      admin,
    );
    expect(verified.data!.verifyAuditChain.ok).toBe(true);
  });

  async function expectRefused(assignmentId: string, expected: Record<string, string>) {
    const before = await written();
    const res = await submit({
      assignmentId,
      scores: scores(5, 5),
      clientMutationId: randomUUID(),
    });
    expect(reasonOf(res)).toMatchObject(expected);
    expect(await written()).toEqual(before);
  }
});

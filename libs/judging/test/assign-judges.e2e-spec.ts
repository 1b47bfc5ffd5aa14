import {
  acceptedEntry,
  craftsEvent,
  CraftsEvent,
  registerEnterprise,
  seedRegions,
  startTestApp,
  TestApp,
  userWithRole,
} from '@app/testing';

const CREATE_ROUND = `mutation($input:CreateRoundInput!){createRound(input:$input){id}}`;
const CREATE_PANEL = `mutation($input:CreatePanelInput!){createPanel(input:$input){id}}`;
const DECLARE = `mutation($j:ID!,$e:ID!){declareConflict(judgeId:$j,entrantId:$e)}`;
const ASSIGN = `mutation($id:ID!,$seed:Int){assignJudges(roundId:$id,seed:$seed){assignments minLoad maxLoad unassignableEntryIds}}`;
const CREATE_USER = `mutation($input:CreateUserInput!){createUser(input:$input){id}}`;

/** Judges assigned to the accepted entries of a round, as an organiser runs it. */
describe('assignJudges', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  let roundId: string;
  const tcJudges: string[] = [];
  let bzJudge: string;
  const entrants: Array<{ token: string; entrantId: string }> = [];
  const tcEntries: string[] = [];
  let bzEntry: string;
  let unpanelledEntry: string;

  const accepted = (entrantToken: string, categoryId: string) =>
    acceptedEntry(app, { eventId: event.eventId, categoryId, entrantToken, adminToken: admin });

  async function judge(affiliationEntrantId?: string): Promise<string> {
    const res = await app.gql(
      CREATE_USER,
      {
        input: {
          email: `judge-${Math.floor(Math.random() * 1e9)}@example.com`,
          password: 'correct horse battery',
          name: '评委',
          role: 'JUDGE',
          ...(affiliationEntrantId ? { affiliationEntrantId } : {}),
        },
      },
      admin,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createUser.id;
  }

  const assignmentsOf = (round = roundId) =>
    app.sql<{ entry_id: string; judge_id: string; status: string }>(
      'SELECT entry_id, judge_id, status FROM assignments WHERE round_id = ? ORDER BY entry_id, judge_id',
      [round],
    );

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'assign', { maxEntriesPerEntrant: 50 });
    for (const region of ['450100', '450200', '450300']) {
      entrants.push(await registerEnterprise(app, region));
    }
    // 12 ceramics entries from three entrants, one weaving entry, one in a category no panel covers.
    for (let i = 0; i < 12; i++) {
      const leaf = i % 2 === 0 ? event.leaf['TC-01'] : event.leaf['TC-02'];
      tcEntries.push(await accepted(entrants[i % 3].token, leaf));
    }
    bzEntry = await accepted(entrants[0].token, event.leaf['BZ-01']);
    const round = await app.gql(
      CREATE_ROUND,
      {
        input: {
          eventId: event.eventId,
          name: '初评',
          criteria: [{ key: 'overall', name: '综合', weight: 100, maxScore: 100, step: 1 }],
          judgesPerEntry: 2,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
        },
      },
      admin,
    );
    roundId = round.data!.createRound.id;
    // Five ceramics judges: one works for entrant 0, one declared in conflict with entrant 1.
    tcJudges.push(await judge(entrants[0].entrantId), await judge(), await judge());
    tcJudges.push(await judge(), await judge());
    await app.gql(DECLARE, { j: tcJudges[1], e: entrants[1].entrantId }, admin);
    bzJudge = await judge();
    for (const [name, categoryIds, judgeIds] of [
      ['陶瓷组', [event.parent.TC], tcJudges],
      ['编织组', [event.leaf['BZ-01']], [bzJudge]],
    ] as const) {
      const res = await app.gql(
        CREATE_PANEL,
        { input: { roundId, name, categoryIds, judgeIds } },
        admin,
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
    // A third top-level category with an entry and no panel.
    const extra = await app.gql(
      'mutation($input:CreateCategoryInput!){createCategory(input:$input){id}}',
      { input: { eventId: event.eventId, code: 'MD', name: '木雕', parentId: null } },
      admin,
    );
    const leaf = await app.gql(
      'mutation($input:CreateCategoryInput!){createCategory(input:$input){id}}',
      {
        input: {
          eventId: event.eventId,
          code: 'MD-01',
          name: '根雕',
          parentId: extra.data!.createCategory.id,
        },
      },
      admin,
    );
    unpanelledEntry = await accepted(entrants[2].token, leaf.data!.createCategory.id);
  });
  afterAll(() => app.close());

  it('gives every servable entry k distinct judges of its panel, no conflicts, loads within one', async () => {
    const res = await app.gql(ASSIGN, { id: roundId, seed: 7 }, admin);
    expect(res.errors).toBeUndefined();
    const report = res.data!.assignJudges;
    // The weaving panel has one judge for k = 2: that entry is short; the unpanelled one has none.
    expect([...report.unassignableEntryIds].sort()).toEqual([bzEntry, unpanelledEntry].sort());
    const rows = await assignmentsOf();
    expect(report.assignments).toBe(rows.length);
    const byEntry = new Map<string, string[]>();
    for (const row of rows)
      byEntry.set(row.entry_id, [...(byEntry.get(row.entry_id) ?? []), row.judge_id]);
    for (const [i, entry] of tcEntries.entries()) {
      const judges = byEntry.get(entry) ?? [];
      expect(new Set(judges).size).toBe(2);
      for (const j of judges) expect(tcJudges).toContain(j);
      if (i % 3 === 0) expect(judges).not.toContain(tcJudges[0]); // affiliation with entrant 0
      if (i % 3 === 1) expect(judges).not.toContain(tcJudges[1]); // declared conflict, entrant 1
    }
    expect(byEntry.get(bzEntry)).toEqual([bzJudge]); // as many as there are
    expect(byEntry.has(unpanelledEntry)).toBe(false);
    const loads = tcJudges.map((j) => rows.filter((r) => r.judge_id === j).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(loads.reduce((a, b) => a + b, 0)).toBe(24);
  });

  it('the same seed gives the same assignment; in DRAFT a new run replaces the old one', async () => {
    const first = await assignmentsOf();
    await app.gql(ASSIGN, { id: roundId, seed: 99 }, admin);
    const other = await assignmentsOf();
    await app.gql(ASSIGN, { id: roundId, seed: 7 }, admin);
    expect(await assignmentsOf()).toEqual(first);
    expect(other).toHaveLength(first.length);
  });

  it('in OPEN it only tops up: a recused entry gets another judge, never the one who recused', async () => {
    const before = await assignmentsOf();
    const recused = before.find((r) => r.entry_id === tcEntries[2])!;
    await app.sql("UPDATE rounds SET status = 'OPEN' WHERE id = ?", [roundId]);
    await app.sql(
      "UPDATE assignments SET status = 'RECUSED' WHERE round_id = ? AND entry_id = ? AND judge_id = ?",
      [roundId, recused.entry_id, recused.judge_id],
    );
    await app.sql(
      "UPDATE assignments SET status = 'SUBMITTED' WHERE round_id = ? AND entry_id = ?",
      [roundId, tcEntries[3]],
    );
    const late = await accepted(entrants[2].token, event.leaf['TC-01']);
    const res = await app.gql(ASSIGN, { id: roundId, seed: 123 }, admin);
    expect(res.errors).toBeUndefined();
    const after = await assignmentsOf();
    // Everything that was there is still there, unchanged.
    for (const row of before) {
      const now = after.find((r) => r.entry_id === row.entry_id && r.judge_id === row.judge_id);
      expect(now).toBeDefined();
    }
    expect(
      after.filter((r) => r.entry_id === tcEntries[3]).every((r) => r.status === 'SUBMITTED'),
    ).toBe(true);
    const recusedEntry = after.filter((r) => r.entry_id === tcEntries[2]);
    expect(recusedEntry.filter((r) => r.status === 'PENDING')).toHaveLength(2);
    expect(recusedEntry.filter((r) => r.status === 'PENDING').map((r) => r.judge_id)).not.toContain(
      recused.judge_id,
    );
    expect(after.filter((r) => r.entry_id === late)).toHaveLength(2);
    expect(after.length).toBe(before.length + 1 + 2);
  });

  it('a closed round, a later round before tabulation, and anyone but an organiser are refused', async () => {
    const again = async (status: string) => {
      await app.sql('UPDATE rounds SET status = ? WHERE id = ?', [status, roundId]);
      return app.gql(ASSIGN, { id: roundId }, admin);
    };
    expect((await again('CLOSED')).errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'ROUND_CLOSED',
    });
    await app.sql("UPDATE rounds SET status = 'OPEN' WHERE id = ?", [roundId]);
    const judgeToken = await userWithRole(app, 'JUDGE');
    expect((await app.gql(ASSIGN, { id: roundId }, judgeToken)).errors?.[0].extensions.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await app.gql(ASSIGN, { id: '00000000-0000-4000-8000-000000000000' }, admin)).errors?.[0]
        .extensions.code,
    ).toBe('NOT_FOUND');
    const first = await app.gql(
      CREATE_ROUND,
      {
        input: {
          eventId: event.eventId,
          name: '预评',
          criteria: [{ key: 'overall', name: '综合', weight: 100, maxScore: 100, step: 1 }],
          judgesPerEntry: 1,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
          advancement: { mode: 'COUNT', value: 5 },
        },
      },
      admin,
    );
    const second = await app.gql(
      CREATE_ROUND,
      {
        input: {
          eventId: event.eventId,
          name: '复评',
          previousRoundId: first.data!.createRound.id,
          criteria: [{ key: 'overall', name: '综合', weight: 100, maxScore: 100, step: 1 }],
          judgesPerEntry: 1,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
        },
      },
      admin,
    );
    const res = await app.gql(ASSIGN, { id: second.data!.createRound.id }, admin);
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'PREVIOUS_ROUND_NOT_TABULATED',
    });
  });
});

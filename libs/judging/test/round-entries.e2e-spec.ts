import {
  acceptedEntry,
  craftsEvent,
  CraftsEvent,
  registerEnterprise,
  SCREEN_ENTRY,
  seedRegions,
  startTestApp,
  TestApp,
  userWithRole,
  WITHDRAW_ENTRY,
} from '@app/testing';

const CREATE_ROUND = `mutation($input:CreateRoundInput!){createRound(input:$input){id}}`;
const CREATE_PANEL = `mutation($input:CreatePanelInput!){createPanel(input:$input){id}}`;
const ASSIGN = `mutation($id:ID!,$seed:Int){assignJudges(roundId:$id,seed:$seed){assignments unassignableEntryIds}}`;
const OPEN = `mutation($id:ID!){openRound(roundId:$id){id status}}`;

/** The entries of a round (judging-rules.md §2), as assignJudges records them. */
describe('round entries', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  let entrant: { token: string; entrantId: string };
  let roundId: string;
  const panelled: string[] = [];
  let weaving: string; // a category no panel covers: no judge, still an entry of the round
  let submittedOnly: string; // never accepted: not an entry of the round

  const entry = (categoryId: string, accept: boolean) =>
    acceptedEntry(app, {
      eventId: event.eventId,
      categoryId,
      entrantToken: entrant.token,
      adminToken: admin,
      accept,
    });

  const entriesOf = async (round = roundId) =>
    (
      await app.sql<{ entry_id: string }>(
        'SELECT entry_id FROM round_entries WHERE round_id = ? ORDER BY entry_id',
        [round],
      )
    ).map((r) => r.entry_id);

  const assign = async (seed: number) => {
    const res = await app.gql(ASSIGN, { id: roundId, seed }, admin);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.assignJudges as { assignments: number; unassignableEntryIds: string[] };
  };

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'round-entries', { maxEntriesPerEntrant: 20 });
    entrant = await registerEnterprise(app, '450100');
    for (let i = 0; i < 4; i++) panelled.push(await entry(event.leaf['TC-01'], true));
    weaving = await entry(event.leaf['BZ-01'], true);
    submittedOnly = await entry(event.leaf['TC-02'], false);
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
    const judgeIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      await userWithRole(app, 'JUDGE');
    }
    const judges = await app.sql<{ id: string }>(
      "SELECT id FROM users WHERE role = 'JUDGE' ORDER BY id",
    );
    judgeIds.push(...judges.map((j) => j.id));
    const panel = await app.gql(
      CREATE_PANEL,
      { input: { roundId, name: '陶瓷组', categoryIds: [event.parent.TC], judgeIds } },
      admin,
    );
    if (panel.errors) throw new Error(JSON.stringify(panel.errors));
  });
  afterAll(() => app.close());

  it('holds every accepted entry of the event, also one no judge could be given, and nothing else', async () => {
    expect(await entriesOf()).toEqual([]);
    const report = await assign(1);
    expect(report.unassignableEntryIds).toEqual([weaving]);
    expect(await entriesOf()).toEqual([...panelled, weaving].sort());
    expect(await entriesOf()).not.toContain(submittedOnly);
  });

  it('in DRAFT a new run makes the set the accepted entries of now (a withdrawn one leaves, a new one comes)', async () => {
    // An accepted entry is withdrawn by the organisers.
    const withdrawn = await app.gql(WITHDRAW_ENTRY, { id: panelled[0], reason: '撤回' }, admin);
    expect(withdrawn.errors).toBeUndefined();
    const screened = await app.gql(SCREEN_ENTRY, { id: submittedOnly, d: 'ACCEPT' }, admin);
    expect(screened.errors).toBeUndefined();
    await assign(2);
    expect(await entriesOf()).toEqual([...panelled.slice(1), weaving, submittedOnly].sort());
    const assigned = await app.sql<{ entry_id: string }>(
      'SELECT DISTINCT entry_id FROM assignments WHERE round_id = ?',
      [roundId],
    );
    expect(assigned.map((a) => a.entry_id)).not.toContain(panelled[0]);
    // The same seed again writes the same set.
    await assign(2);
    expect(await entriesOf()).toEqual([...panelled.slice(1), weaving, submittedOnly].sort());
  });

  it('a DRAFT re-run writes only the difference: the same seed keeps every row, another gives the same as a first run', async () => {
    const rows = () =>
      app.sql<{ id: string; entry_id: string; judge_id: string; created_at: Date }>(
        'SELECT id, entry_id, judge_id, created_at FROM assignments WHERE round_id = ? ORDER BY entry_id, judge_id',
        [roundId],
      );
    const pairs = (list: Array<{ entry_id: string; judge_id: string }>) =>
      list.map((r) => `${r.entry_id}/${r.judge_id}`);
    const written = async () => {
      const [last] = await app.sql<{ detail: string }>(
        "SELECT detail FROM audit_records WHERE action = 'round.assigned' AND subject_id = ? ORDER BY seq DESC LIMIT 1",
        [roundId],
      );
      return JSON.parse(last.detail).rowsWritten as Record<string, number>;
    };
    const before = await rows();
    await assign(2);
    expect(await rows()).toEqual(before);
    expect(await written()).toEqual({ created: 0, changed: 0, deleted: 0 });
    // Seed 3 from scratch (no rows), then 2 again, then 3 over 2's rows: the same pairs.
    await app.sql('DELETE FROM assignments WHERE round_id = ?', [roundId]);
    await assign(3);
    const fresh = pairs(await rows());
    expect(fresh).not.toEqual(pairs(before)); // the seeds differ here, so rows are changed
    await assign(2);
    expect(pairs(await rows())).toEqual(pairs(before));
    await assign(3);
    expect(pairs(await rows())).toEqual(fresh);
    expect(await written()).toMatchObject({ created: 0, deleted: 0 });
    expect((await written()).changed).toBeGreaterThan(0);
  });

  it('in OPEN a top-up adds the entries accepted since and keeps those already there', async () => {
    const before = await entriesOf();
    const opened = await app.gql(OPEN, { id: roundId }, admin);
    expect(opened.errors).toBeUndefined();
    const late = await entry(event.leaf['TC-02'], true);
    const lateWeaving = await entry(event.leaf['BZ-01'], true);
    const report = await assign(3);
    expect(report.unassignableEntryIds.sort()).toEqual([weaving, lateWeaving].sort());
    expect(await entriesOf()).toEqual([...before, late, lateWeaving].sort());
  });
});

import { randomUUID } from 'node:crypto';
import { RequestCtx, Role, systemCtx } from '@app/core';
import { EntryScreeningService } from '@app/entries';
import { startTestApp, TestApp } from '@app/testing';
import { seedJudgedRound, SeededRound } from '../../../bench/round-seed';

const CREATE_ROUND = `mutation($input:CreateRoundInput!){createRound(input:$input){id}}`;
const CREATE_PANEL = `mutation($input:CreatePanelInput!){createPanel(input:$input){id}}`;
const ASSIGN = `mutation($id:ID!,$seed:Int){assignJudges(roundId:$id,seed:$seed){assignments unassignableEntryIds}}`;
const OPEN = `mutation($id:ID!){openRound(roundId:$id){id status}}`;
const CLOSE = `mutation($id:ID!){closeRound(roundId:$id){id status}}`;
const REOPEN = `mutation($id:ID!,$r:String!){reopenRound(roundId:$id,reason:$r){id status}}`;
const RETABULATE = `mutation($id:ID!){retabulate(roundId:$id){id status}}`;

/** A round with a previous round judges what that round's latest tabulation advanced (§6). */
describe('later rounds', () => {
  let app: TestApp;
  let admin: string;
  let first: SeededRound;
  let secondId: string;
  const ctx = (): RequestCtx => ({
    ...systemCtx('later-round-test'),
    viewer: { userId: randomUUID(), role: Role.ADMIN, entrantId: null, regionCode: null },
  });

  const latestTabulation = async (roundId: string) => {
    const [row] = await app.sql<{ id: string; version: number }>(
      'SELECT id, version FROM tabulations WHERE round_id = ? ORDER BY version DESC LIMIT 1',
      [roundId],
    );
    const advanced = await app.sql<{ entry_id: string }>(
      'SELECT entry_id FROM entry_results WHERE tabulation_id = ? AND advanced = 1 ORDER BY entry_id',
      [row.id],
    );
    return { ...row, advanced: advanced.map((r) => r.entry_id) };
  };
  const entriesOf = async (roundId: string) =>
    (
      await app.sql<{ entry_id: string }>(
        'SELECT entry_id FROM round_entries WHERE round_id = ? ORDER BY entry_id',
        [roundId],
      )
    ).map((r) => r.entry_id);
  const assignedEntries = async (roundId: string) =>
    (
      await app.sql<{ entry_id: string }>(
        'SELECT DISTINCT entry_id FROM assignments WHERE round_id = ? ORDER BY entry_id',
        [roundId],
      )
    ).map((r) => r.entry_id);
  const sourceOf = async (roundId: string) =>
    (
      await app.sql<{ tabulation_id: string }>(
        'SELECT tabulation_id FROM round_entry_sources WHERE round_id = ?',
        [roundId],
      )
    ).map((r) => r.tabulation_id);
  const reasonOf = (res: { errors?: Array<{ extensions: Record<string, unknown> }> }) =>
    res.errors?.[0].extensions;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.adminToken();
    first = await seedJudgedRound(app.api, ctx(), {
      slug: `later-${process.pid}`,
      entries: 20,
      sheetsPerEntry: 3,
      judges: 6,
      seed: 77,
    });
    const second = await app.gql(
      CREATE_ROUND,
      {
        input: {
          eventId: first.eventId,
          name: '复评',
          previousRoundId: first.roundId,
          criteria: [{ key: 'overall', name: '综合', weight: 100, maxScore: 100, step: 1 }],
          judgesPerEntry: 2,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
        },
      },
      admin,
    );
    if (second.errors) throw new Error(JSON.stringify(second.errors));
    secondId = second.data!.createRound.id;
    const panel = await app.gql(
      CREATE_PANEL,
      {
        input: {
          roundId: secondId,
          name: '复评组',
          categoryIds: [first.categories.P, first.categories.Q],
          judgeIds: first.judgeIds,
        },
      },
      admin,
    );
    if (panel.errors) throw new Error(JSON.stringify(panel.errors));
  });
  afterAll(() => app.close());

  it('refuses to assign before the previous round is tabulated, and writes nothing', async () => {
    const res = await app.gql(ASSIGN, { id: secondId }, admin);
    expect(reasonOf(res)).toMatchObject({
      code: 'CONFLICT',
      reason: 'PREVIOUS_ROUND_NOT_TABULATED',
    });
    expect(await entriesOf(secondId)).toEqual([]);
    expect(await sourceOf(secondId)).toEqual([]);
  });

  it('takes exactly the advanced entries of the latest tabulation and records which one', async () => {
    expect((await app.gql(CLOSE, { id: first.roundId }, admin)).errors).toBeUndefined();
    await app.waitForQueues();
    const latest = await latestTabulation(first.roundId);
    expect(latest.advanced.length).toBeGreaterThan(0);
    expect(latest.advanced.length).toBeLessThan(first.entries.length);
    // An advanced entry disqualified since stays an entry of the round, without judges.
    const disqualified = latest.advanced[0];
    await app.api.get(EntryScreeningService).disqualify(ctx(), disqualified, '抄袭');

    const res = await app.gql(ASSIGN, { id: secondId, seed: 5 }, admin);
    expect(res.errors).toBeUndefined();
    expect(await entriesOf(secondId)).toEqual(latest.advanced);
    expect(await assignedEntries(secondId)).toEqual(latest.advanced.slice(1));
    expect(res.data!.assignJudges.assignments).toBe(2 * (latest.advanced.length - 1));
    expect(await sourceOf(secondId)).toEqual([latest.id]);
  });

  it('openRound refuses when a newer tabulation advanced other entries; a new assignment takes them', async () => {
    const before = await latestTabulation(first.roundId);
    // Reopened, the previous round cannot give entries: its results may still change.
    expect((await app.gql(REOPEN, { id: first.roundId, r: '复核' }, admin)).errors).toBeUndefined();
    expect(reasonOf(await app.gql(ASSIGN, { id: secondId }, admin))).toMatchObject({
      reason: 'PREVIOUS_ROUND_NOT_TABULATED',
    });
    // An entry that did not advance gets full marks from every judge, then a new tabulation.
    const riser = first.entries.find((e) => !before.advanced.includes(e.id))!;
    await app.sql(
      `UPDATE score_sheets s JOIN assignments a ON a.id = s.assignment_id
          SET s.scores = '[["design","10.00"],["craft","10.00"],["culture","10.00"],["market","5.00"]]',
              s.total = 100, s.version = 2
        WHERE a.entry_id = ?`,
      [riser.id],
    );
    expect((await app.gql(CLOSE, { id: first.roundId }, admin)).errors).toBeUndefined();
    await app.waitForQueues();
    const after = await latestTabulation(first.roundId);
    expect(after.version).toBe(before.version + 1);
    expect(after.advanced).toContain(riser.id);

    const refused = await app.gql(OPEN, { id: secondId }, admin);
    expect(reasonOf(refused)).toMatchObject({ code: 'CONFLICT', reason: 'ROUND_ENTRIES_CHANGED' });
    const [status] = await app.sql<{ status: string }>('SELECT status FROM rounds WHERE id = ?', [
      secondId,
    ]);
    expect(status.status).toBe('DRAFT');

    expect((await app.gql(ASSIGN, { id: secondId, seed: 5 }, admin)).errors).toBeUndefined();
    expect(await entriesOf(secondId)).toEqual(after.advanced);
    expect(await sourceOf(secondId)).toEqual([after.id]);
  });

  it('a newer tabulation with the same advanced entries does not stop the round from opening', async () => {
    const taken = await latestTabulation(first.roundId);
    expect((await app.gql(RETABULATE, { id: first.roundId }, admin)).errors).toBeUndefined();
    const newer = await latestTabulation(first.roundId);
    expect(newer.version).toBe(taken.version + 1);
    expect(newer.advanced).toEqual(taken.advanced);
    const opened = await app.gql(OPEN, { id: secondId }, admin);
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.openRound.status).toBe('OPEN');
  });
});

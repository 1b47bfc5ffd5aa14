import {
  craftsEvent,
  CraftsEvent,
  GqlResult,
  registerEnterprise,
  seedRegions,
  SET_EVENT_STATUS,
  startTestApp,
  TestApp,
  userWithRole,
} from '@app/testing';

const ROUND_FIELDS = `id eventId name sequence status previousRoundId judgesPerEntry minSheets aggregation trimCount
  rankingScope tieBreakCriteria blind tiePolicy advancement{mode value}
  criteria{id key name weight maxScore step} awardTiers{key name rank quota{mode value}}`;
const CREATE_ROUND = `mutation($input:CreateRoundInput!){createRound(input:$input){${ROUND_FIELDS}}}`;
const UPDATE_ROUND = `mutation($id:ID!,$input:CreateRoundInput!){updateRound(id:$id,input:$input){${ROUND_FIELDS}}}`;
const ROUND = `query($id:ID!){round(id:$id){${ROUND_FIELDS}}}`;

/** A first round as an organiser sets it up: four weighted criteria, four award tiers. */
function firstRound(eventId: string, extra: Record<string, unknown> = {}) {
  return {
    eventId,
    name: '初评',
    criteria: [
      { key: 'design', name: '设计与造型', weight: 30, maxScore: 10, step: 0.5 },
      { key: 'craft', name: '工艺水平', weight: 40, maxScore: 10, step: 0.5 },
      { key: 'culture', name: '文化内涵', weight: 20, maxScore: 100, step: 1 },
      { key: 'market', name: '市场前景', weight: 10, maxScore: 5, step: 0.25 },
    ],
    judgesPerEntry: 5,
    aggregation: 'TRIMMED_MEAN',
    rankingScope: 'CATEGORY',
    tieBreakCriteria: ['craft', 'design'],
    awardTiers: [
      { key: 'gold', name: '金奖', quota: { mode: 'PERCENT', value: 5 } },
      { key: 'silver', name: '银奖', quota: { mode: 'PERCENT', value: 10 } },
      { key: 'bronze', name: '铜奖', quota: { mode: 'PERCENT', value: 12.5 } },
      { key: 'excellence', name: '优秀奖', quota: { mode: 'PERCENT', value: 20 } },
    ],
    advancement: { mode: 'COUNT', value: 600 },
    ...extra,
  };
}

describe('judging rounds: set up and changed by organisers, every setting checked', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'rounds');
  });
  afterAll(() => app.close());

  const roundRows = async () =>
    (await app.sql<{ n: number }>('SELECT COUNT(*) AS n FROM rounds'))[0].n;
  const auditOf = async (roundId: string) =>
    (
      await app.sql<{ action: string }>(
        'SELECT action FROM audit_records WHERE subject_id = ? ORDER BY seq',
        [roundId],
      )
    ).map((row) => row.action);

  async function ok(res: Promise<GqlResult>): Promise<any> {
    const done = await res;
    if (done.errors) throw new Error(JSON.stringify(done.errors));
    return Object.values(done.data!)[0];
  }

  /** Refused with this code and reason, and nothing stored. */
  async function refused(
    attempt: () => Promise<GqlResult>,
    code: string,
    reason?: string,
  ): Promise<GqlResult> {
    const before = await roundRows();
    const res = await attempt();
    expect(res.errors?.[0].extensions).toMatchObject(reason ? { code, reason } : { code });
    expect(await roundRows()).toBe(before);
    return res;
  }

  it('creates a round with the rules’ defaults, exact decimals and its parts in order', async () => {
    const round = await ok(app.gql(CREATE_ROUND, { input: firstRound(event.eventId) }, admin));
    expect(round).toMatchObject({
      eventId: event.eventId,
      name: '初评',
      sequence: 1,
      status: 'DRAFT',
      previousRoundId: null,
      judgesPerEntry: 5,
      minSheets: 5,
      trimCount: 1,
      aggregation: 'TRIMMED_MEAN',
      rankingScope: 'CATEGORY',
      tieBreakCriteria: ['craft', 'design'],
      blind: false,
      tiePolicy: 'INCLUDE_TIES',
      advancement: { mode: 'COUNT', value: 600 },
    });
    expect(round.criteria.map((c: any) => [c.key, c.weight, c.maxScore, c.step])).toEqual([
      ['design', 30, 10, 0.5],
      ['craft', 40, 10, 0.5],
      ['culture', 20, 100, 1],
      ['market', 10, 5, 0.25],
    ]);
    expect(round.awardTiers.map((t: any) => [t.rank, t.key, t.quota.value])).toEqual([
      [1, 'gold', 5],
      [2, 'silver', 10],
      [3, 'bronze', 12.5],
      [4, 'excellence', 20],
    ]);
    expect(
      await app.sql('SELECT step, max_score FROM round_criteria WHERE `key` = ?', ['market']),
    ).toEqual([{ step: '0.25', max_score: '5.00' }]);
    expect((await ok(app.gql(ROUND, { id: round.id }, admin))).criteria).toEqual(round.criteria);
    expect(await auditOf(round.id)).toEqual(['round.created']);
  });

  describe('refuses bad settings with a reason, storing nothing', () => {
    const create = (extra: Record<string, unknown>) => () =>
      app.gql(CREATE_ROUND, { input: firstRound(event.eventId, extra) }, admin);
    const criteria = (changes: Array<Record<string, unknown>>) =>
      firstRound('table').criteria.map((c, i) => ({ ...c, ...(changes[i] ?? {}) }));

    it.each([
      ['WEIGHTS_NOT_100', { criteria: criteria([{ weight: 31 }]) }],
      ['DUPLICATE_CRITERION_KEY', { criteria: criteria([{}, { key: 'design' }]) }],
      ['INVALID_CRITERION_KEY', { criteria: criteria([{ key: 'Design Score' }]) }],
      ['INVALID_WEIGHT', { criteria: criteria([{ weight: -10 }, { weight: 80 }]) }],
      ['INVALID_STEP', { criteria: criteria([{ step: 0.005 }]) }],
      ['INVALID_STEP', { criteria: criteria([{ step: 0, maxScore: 10 }]) }],
      ['INVALID_MAX_SCORE', { criteria: criteria([{ maxScore: 10, step: 3 }]) }],
      ['INVALID_MAX_SCORE', { criteria: criteria([{ maxScore: 10.123 }]) }],
      ['CRITERIA_REQUIRED', { criteria: [] }],
      ['UNKNOWN_TIE_BREAK_CRITERION', { tieBreakCriteria: ['craft', 'beauty'] }],
      ['DUPLICATE_TIE_BREAK_CRITERION', { tieBreakCriteria: ['craft', 'craft'] }],
      ['INVALID_MIN_SHEETS', { minSheets: 6 }],
      ['INVALID_MIN_SHEETS', { minSheets: 0 }],
      ['INVALID_JUDGES_PER_ENTRY', { judgesPerEntry: 0 }],
      ['INVALID_TRIM_COUNT', { trimCount: -1 }],
      [
        'MIXED_QUOTA_MODES',
        {
          awardTiers: [
            { key: 'gold', name: '金奖', quota: { mode: 'COUNT', value: 3 } },
            { key: 'silver', name: '银奖', quota: { mode: 'PERCENT', value: 10 } },
          ],
        },
      ],
      ['INVALID_QUOTA', { advancement: { mode: 'COUNT', value: 1.5 } }],
      [
        'INVALID_QUOTA',
        { awardTiers: [{ key: 'gold', name: '金奖', quota: { mode: 'PERCENT', value: 120 } }] },
      ],
      [
        'DUPLICATE_TIER_KEY',
        {
          awardTiers: [
            { key: 'gold', name: '金奖', quota: { mode: 'COUNT', value: 3 } },
            { key: 'gold', name: '银奖', quota: { mode: 'COUNT', value: 5 } },
          ],
        },
      ],
      ['NAME_REQUIRED', { name: '   ' }],
    ])('%s', async (reason, extra) => {
      await refused(create(extra), 'BAD_USER_INPUT', reason);
    });

    it('lists every problem at once, the first as the reason', async () => {
      const res = await refused(
        create({ criteria: criteria([{ weight: 31, step: 0.001 }]), minSheets: 9 }),
        'BAD_USER_INPUT',
      );
      const reasons = (res.errors![0].extensions.problems as Array<{ reason: string }>).map(
        (p) => p.reason,
      );
      expect(reasons).toEqual(
        expect.arrayContaining(['INVALID_STEP', 'WEIGHTS_NOT_100', 'INVALID_MIN_SHEETS']),
      );
      expect(res.errors![0].extensions.reason).toBe(reasons[0]);
    });
  });

  it('a later round follows an earlier round of the same event that has an advancement quota', async () => {
    const other = await craftsEvent(app, 'rounds-other');
    const foreign = await ok(app.gql(CREATE_ROUND, { input: firstRound(other.eventId) }, admin));
    const noAdvancement = await ok(
      app.gql(CREATE_ROUND, { input: firstRound(event.eventId, { advancement: null }) }, admin),
    );
    const withAdvancement = await ok(
      app.gql(CREATE_ROUND, { input: firstRound(event.eventId, { name: '复评预备' }) }, admin),
    );
    await refused(
      () =>
        app.gql(
          CREATE_ROUND,
          { input: firstRound(event.eventId, { previousRoundId: foreign.id }) },
          admin,
        ),
      'BAD_USER_INPUT',
      'PREVIOUS_ROUND_NOT_IN_EVENT',
    );
    await refused(
      () =>
        app.gql(
          CREATE_ROUND,
          { input: firstRound(event.eventId, { previousRoundId: noAdvancement.id }) },
          admin,
        ),
      'BAD_USER_INPUT',
      'PREVIOUS_ROUND_HAS_NO_ADVANCEMENT',
    );
    const second = await ok(
      app.gql(
        CREATE_ROUND,
        { input: firstRound(event.eventId, { name: '复评', previousRoundId: withAdvancement.id }) },
        admin,
      ),
    );
    expect(second).toMatchObject({ previousRoundId: withAdvancement.id });
    expect(second.sequence).toBeGreaterThan(withAdvancement.sequence);
  });

  it('updateRound replaces a DRAFT round’s settings; an open round, another event or bad settings are refused', async () => {
    const round = await ok(app.gql(CREATE_ROUND, { input: firstRound(event.eventId) }, admin));
    const updated = await ok(
      app.gql(
        UPDATE_ROUND,
        {
          id: round.id,
          input: firstRound(event.eventId, {
            name: '初评（修订）',
            criteria: [{ key: 'overall', name: '综合', weight: 100, maxScore: 100, step: 0.5 }],
            tieBreakCriteria: [],
            awardTiers: [{ key: 'gold', name: '金奖', quota: { mode: 'MIN_SCORE', value: 90 } }],
            aggregation: 'MEDIAN',
            blind: true,
          }),
        },
        admin,
      ),
    );
    expect(updated).toMatchObject({
      id: round.id,
      sequence: round.sequence,
      name: '初评（修订）',
      aggregation: 'MEDIAN',
      blind: true,
      tieBreakCriteria: [],
    });
    expect(updated.criteria.map((c: any) => c.key)).toEqual(['overall']);
    expect(updated.awardTiers).toEqual([
      { key: 'gold', name: '金奖', rank: 1, quota: { mode: 'MIN_SCORE', value: 90 } },
    ]);
    expect(await auditOf(round.id)).toEqual(['round.created', 'round.updated']);

    const bad = await app.gql(
      UPDATE_ROUND,
      { id: round.id, input: firstRound(event.eventId, { judgesPerEntry: 0 }) },
      admin,
    );
    expect(bad.errors?.[0].extensions.reason).toBe('INVALID_JUDGES_PER_ENTRY');
    expect((await ok(app.gql(ROUND, { id: round.id }, admin))).name).toBe('初评（修订）');

    const other = await craftsEvent(app, 'rounds-mismatch');
    const mismatch = await app.gql(
      UPDATE_ROUND,
      { id: round.id, input: firstRound(other.eventId) },
      admin,
    );
    expect(mismatch.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'EVENT_MISMATCH',
    });

    // openRound belongs to the assignment work; the state it leaves is set here directly.
    await app.sql("UPDATE rounds SET status = 'OPEN' WHERE id = ?", [round.id]);
    const open = await app.gql(
      UPDATE_ROUND,
      { id: round.id, input: firstRound(event.eventId) },
      admin,
    );
    expect(open.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'ROUND_NOT_DRAFT',
    });
    expect((await ok(app.gql(ROUND, { id: round.id }, admin))).aggregation).toBe('MEDIAN');

    const missing = await app.gql(
      UPDATE_ROUND,
      { id: '00000000-0000-4000-8000-000000000000', input: firstRound(event.eventId) },
      admin,
    );
    expect(missing.errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'ROUND_NOT_FOUND',
    });
  });

  it('only organisers set rounds up or read them; an unknown event is NOT_FOUND; an archived one CONFLICT', async () => {
    const round = await ok(app.gql(CREATE_ROUND, { input: firstRound(event.eventId) }, admin));
    const { token: entrant } = await registerEnterprise(app, '450100');
    const judge = await userWithRole(app, 'JUDGE');
    const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450100' });
    for (const token of [entrant, judge, coordinator]) {
      await refused(
        () => app.gql(CREATE_ROUND, { input: firstRound(event.eventId) }, token),
        'FORBIDDEN',
      );
      const read = await app.gql(ROUND, { id: round.id }, token);
      expect(read.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    }
    await refused(
      () => app.gql(CREATE_ROUND, { input: firstRound(event.eventId) }),
      'UNAUTHENTICATED',
    );
    const organiser = await userWithRole(app, 'ORGANISER');
    expect((await ok(app.gql(ROUND, { id: round.id }, organiser))).id).toBe(round.id);
    await refused(
      () =>
        app.gql(CREATE_ROUND, { input: firstRound('00000000-0000-4000-8000-000000000000') }, admin),
      'NOT_FOUND',
    );
    const archived = await craftsEvent(app, 'rounds-archived');
    for (const s of ['CLOSED', 'ARCHIVED']) {
      await ok(app.gql(SET_EVENT_STATUS, { id: archived.eventId, s }, admin));
    }
    await refused(
      () => app.gql(CREATE_ROUND, { input: firstRound(archived.eventId) }, admin),
      'CONFLICT',
      'EVENT_ARCHIVED',
    );
  });

  it('the event’s audit chain still verifies', async () => {
    const res = await app.gql(
      'query($id:ID!){verifyAuditChain(eventId:$id){ok}}',
      { id: event.eventId },
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.verifyAuditChain.ok).toBe(true);
  });
});

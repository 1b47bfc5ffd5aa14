import {
  craftsEvent,
  CraftsEvent,
  GqlResult,
  registerEnterprise,
  seedRegions,
  startTestApp,
  TestApp,
  userWithRole,
} from '@app/testing';

const CREATE_ROUND = `mutation($input:CreateRoundInput!){createRound(input:$input){id}}`;
const CREATE_PANEL = `mutation($input:CreatePanelInput!){createPanel(input:$input){id name categories{code} judges{id role}}}`;
const DECLARE = `mutation($j:ID!,$e:ID!,$r:String){declareConflict(judgeId:$j,entrantId:$e,reason:$r)}`;
const ROUND_PANELS = `query($id:ID!){round(id:$id){panels{name categories{code} judges{id}}}}`;

const roundInput = (eventId: string) => ({
  eventId,
  name: '初评',
  criteria: [{ key: 'overall', name: '综合', weight: 100, maxScore: 100, step: 1 }],
  judgesPerEntry: 2,
  aggregation: 'MEAN',
  rankingScope: 'CATEGORY',
});

/** Panels cover categories (a parent stands for its leaves) and seat judges; conflicts are declared. */
describe('panels and conflicts of interest', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  let roundId: string;
  const judges: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'panels');
    const created = await app.gql(CREATE_ROUND, { input: roundInput(event.eventId) }, admin);
    roundId = created.data!.createRound.id;
    for (let i = 0; i < 5; i++) {
      const token = await userWithRole(app, 'JUDGE');
      const me = await app.gql('{me{id}}', {}, token);
      judges.push(me.data!.me.id);
    }
  });
  afterAll(() => app.close());

  const panelRows = async () =>
    (await app.sql<{ n: number }>('SELECT COUNT(*) AS n FROM panels'))[0].n;

  async function refused(attempt: () => Promise<GqlResult>, code: string, reason?: string) {
    const before = await panelRows();
    const res = await attempt();
    expect(res.errors?.[0].extensions).toMatchObject(reason ? { code, reason } : { code });
    expect(await panelRows()).toBe(before);
  }

  const panel = (input: Record<string, unknown>, token = admin) =>
    app.gql(CREATE_PANEL, { input: { roundId, ...input } }, token);

  it('a panel covers a parent category (its leaves) and seats judges; the round lists its panels', async () => {
    const res = await panel({
      name: '陶瓷组',
      categoryIds: [event.parent.TC],
      judgeIds: [judges[0], judges[1], judges[2]],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createPanel).toMatchObject({
      name: '陶瓷组',
      categories: [{ code: 'TC' }],
      judges: [judges[0], judges[1], judges[2]].map((id) => ({ id, role: 'JUDGE' })),
    });
    const round = await app.gql(ROUND_PANELS, { id: roundId }, admin);
    expect(round.data!.round.panels).toEqual([
      {
        name: '陶瓷组',
        categories: [{ code: 'TC' }],
        judges: judges.slice(0, 3).map((id) => ({ id })),
      },
    ]);
  });

  it('CATEGORY_IN_TWO_PANELS when a leaf is already covered, by itself or through its parent', async () => {
    await refused(
      () => panel({ name: '坭兴陶组', categoryIds: [event.leaf['TC-01']], judgeIds: [judges[3]] }),
      'BAD_USER_INPUT',
      'CATEGORY_IN_TWO_PANELS',
    );
  });

  it('JUDGE_IN_TWO_PANELS, NOT_A_JUDGE, CATEGORY_NOT_IN_EVENT, empty lists and a repeated name', async () => {
    await refused(
      () => panel({ name: '编织组', categoryIds: [event.leaf['BZ-01']], judgeIds: [judges[0]] }),
      'BAD_USER_INPUT',
      'JUDGE_IN_TWO_PANELS',
    );
    const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450100' });
    const coordinatorId = (await app.gql('{me{id}}', {}, coordinator)).data!.me.id;
    await refused(
      () =>
        panel({ name: '编织组', categoryIds: [event.leaf['BZ-01']], judgeIds: [coordinatorId] }),
      'BAD_USER_INPUT',
      'NOT_A_JUDGE',
    );
    const other = await craftsEvent(app, 'panels-other');
    await refused(
      () => panel({ name: '编织组', categoryIds: [other.leaf['BZ-01']], judgeIds: [judges[3]] }),
      'BAD_USER_INPUT',
      'CATEGORY_NOT_IN_EVENT',
    );
    await refused(
      () => panel({ name: '编织组', categoryIds: [], judgeIds: [judges[3]] }),
      'BAD_USER_INPUT',
      'CATEGORIES_REQUIRED',
    );
    await refused(
      () => panel({ name: '编织组', categoryIds: [event.leaf['BZ-01']], judgeIds: [] }),
      'BAD_USER_INPUT',
      'JUDGES_REQUIRED',
    );
    await refused(
      () => panel({ name: '陶瓷组', categoryIds: [event.leaf['BZ-01']], judgeIds: [judges[3]] }),
      'BAD_USER_INPUT',
      'DUPLICATE_PANEL_NAME',
    );
    const ok = await panel({
      name: '编织组',
      categoryIds: [event.leaf['BZ-01']],
      judgeIds: [judges[3], judges[4]],
    });
    expect(ok.errors).toBeUndefined();
  });

  it('only organisers; a closed round takes no new panel', async () => {
    const judge = await userWithRole(app, 'JUDGE');
    await refused(
      () => panel({ name: 'x', categoryIds: [event.leaf['BZ-01']], judgeIds: [judges[3]] }, judge),
      'FORBIDDEN',
    );
    const second = await app.gql(CREATE_ROUND, { input: roundInput(event.eventId) }, admin);
    await app.sql("UPDATE rounds SET status = 'CLOSED' WHERE id = ?", [
      second.data!.createRound.id,
    ]);
    await refused(
      () =>
        app.gql(
          CREATE_PANEL,
          {
            input: {
              roundId: second.data!.createRound.id,
              name: '晚到组',
              categoryIds: [event.leaf['BZ-01']],
              judgeIds: [judges[0]],
            },
          },
          admin,
        ),
      'CONFLICT',
      'ROUND_CLOSED',
    );
  });

  it('declareConflict ties a judge to an entrant once; a non-judge or an unknown entrant is refused', async () => {
    const { entrantId } = await registerEnterprise(app, '450100');
    const declare = (j: string, e: string, r?: string, token = admin) =>
      app.gql(DECLARE, { j, e, r }, token);
    expect((await declare(judges[0], entrantId, '曾任该企业顾问')).data).toEqual({
      declareConflict: true,
    });
    expect((await declare(judges[0], entrantId)).data).toEqual({ declareConflict: true });
    expect(
      await app.sql('SELECT reason FROM conflicts WHERE judge_id = ? AND entrant_id = ?', [
        judges[0],
        entrantId,
      ]),
    ).toEqual([{ reason: '曾任该企业顾问' }]);
    const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450100' });
    const coordinatorId = (await app.gql('{me{id}}', {}, coordinator)).data!.me.id;
    expect((await declare(coordinatorId, entrantId)).errors?.[0].extensions.reason).toBe(
      'NOT_A_JUDGE',
    );
    expect(
      (await declare(judges[1], '00000000-0000-4000-8000-000000000000')).errors?.[0].extensions
        .reason,
    ).toBe('ENTRANT_NOT_FOUND');
    expect(
      (await declare(judges[1], entrantId, undefined, coordinator)).errors?.[0].extensions.code,
    ).toBe('FORBIDDEN');
    expect((await app.sql('SELECT COUNT(*) AS n FROM conflicts'))[0].n).toBe(1);
  });

  it('a judge does not see a round’s panels', async () => {
    // A judge reads only rounds it is assigned in; before assignments it is NOT_FOUND anyway.
    const judge = await userWithRole(app, 'JUDGE');
    const res = await app.gql(ROUND_PANELS, { id: roundId }, judge);
    expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});

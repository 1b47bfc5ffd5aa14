import {
  acceptedEntry,
  craftsEvent,
  CREATE_ENTRY,
  creditCode,
  entryInput,
  GqlResult,
  REGISTER_ENTRANT,
  SCREEN_ENTRY,
  seedRegions,
  startTestApp,
  TestApp,
  userWithRole,
} from '@app/testing';

const RELEASE =
  'mutation($c:String!,$r:String!){releaseCreditCode(creditCode:$c,reason:$r){id creditCode reason releasedAt entrant{id name creditCode} releasedBy{id role}}}';
const RELEASES = '{creditCodeReleases{id creditCode reason releasedAt entrant{id} releasedBy{id}}}';
const ME_ENTRANT = '{me{entrant{id creditCode}}}';

/**
 * How an enterprise gets back a credit code someone else registered (docs/roles-and-rules.md):
 * an organiser releases it from the entrant holding it, recorded; the enterprise then registers.
 */
describe('releaseCreditCode', () => {
  let app: TestApp;
  let admin: string;
  let organiser: string;
  let organiserId: string;
  let eventId: string;
  let leaf: string;
  let serial = 0;

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    organiser = await userWithRole(app, 'ORGANISER');
    organiserId = (await app.gql('{me{id}}', {}, organiser)).data!.me.id;
    const event = await craftsEvent(app, 'release-codes');
    eventId = event.eventId;
    leaf = event.leaf['TC-01'];
  });
  afterAll(() => app.close());

  function expectRefused(res: GqlResult, code: string, reason: string): void {
    expect(res.data?.releaseCreditCode ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code, reason });
  }

  /** Signs up an enterprise with this credit code: its token and entrant id, or the answer. */
  async function signUp(code: string, name = `企业${++serial}`) {
    return app.gql(REGISTER_ENTRANT, {
      input: {
        email: `release-${++serial}@example.com`,
        password: 'correct horse battery',
        name,
        type: 'ENTERPRISE',
        creditCode: code,
        regionCode: '450100',
      },
    });
  }

  async function holder(code: string): Promise<{ token: string; entrantId: string }> {
    const res = await signUp(code, '冒名公司');
    expect(res.errors).toBeUndefined();
    return {
      token: res.data!.registerEntrant.token,
      entrantId: res.data!.registerEntrant.user.entrant.id,
    };
  }

  const release = (code: string, token = organiser, reason = '营业执照核验：代码属于申请企业') =>
    app.gql(RELEASE, { c: code, r: reason }, token);

  const count = async (table: string) =>
    Number((await app.sql<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('takes a squatted code back, recorded; the holder keeps its account and drafts; the enterprise then registers', async () => {
    const code = creditCode(880_001);
    const squatter = await holder(code);
    const draft = await app.gql(
      CREATE_ENTRY,
      { input: { eventId, entry: entryInput(leaf) } },
      squatter.token,
    );
    expect(draft.errors).toBeUndefined();
    expectRefused(await signUp(code, '真正的企业'), 'CONFLICT', 'CREDIT_CODE_TAKEN');

    const res = await release(code);
    expect(res.errors).toBeUndefined();
    expect(res.data!.releaseCreditCode).toMatchObject({
      creditCode: code,
      reason: '营业执照核验：代码属于申请企业',
      entrant: { id: squatter.entrantId, name: '冒名公司', creditCode: null },
      releasedBy: { id: organiserId, role: 'ORGANISER' },
    });
    expect((await app.gql(ME_ENTRANT, {}, squatter.token)).data!.me.entrant).toEqual({
      id: squatter.entrantId,
      creditCode: null,
    });

    const owner = await signUp(code, '真正的企业');
    expect(owner.errors).toBeUndefined();
    expect(owner.data!.registerEntrant.user.entrant.creditCode).toBe(code);

    const { creditCodeReleases } = (await app.gql(RELEASES, {}, admin)).data!;
    expect(creditCodeReleases[0]).toEqual({
      id: res.data!.releaseCreditCode.id,
      creditCode: code,
      reason: '营业执照核验：代码属于申请企业',
      releasedAt: res.data!.releaseCreditCode.releasedAt,
      entrant: { id: squatter.entrantId },
      releasedBy: { id: organiserId },
    });
  });

  it('is refused while the holder has an entry submitted or accepted, until that is settled', async () => {
    const code = creditCode(880_002);
    const filer = await holder(code);
    const entryId = await acceptedEntry(app, {
      eventId,
      categoryId: leaf,
      entrantToken: filer.token,
      adminToken: admin,
      accept: false,
    });
    const releases = await count('credit_code_releases');
    const refused = await release(code);
    expectRefused(refused, 'CONFLICT', 'CREDIT_CODE_IN_USE');
    expect(refused.errors![0].extensions.entriesInPlay).toBe(1);
    expect(await count('credit_code_releases')).toBe(releases);
    const [row] = await app.sql<{ code: string | null }>(
      'SELECT credit_code AS code FROM entrants WHERE id = ?',
      [filer.entrantId],
    );
    expect(row.code).toBe(code);

    const rejected = await app.gql(
      SCREEN_ENTRY,
      { id: entryId, d: 'REJECT', reason: '资料不实' },
      admin,
    );
    expect(rejected.errors).toBeUndefined();
    expect((await release(code)).errors).toBeUndefined();
  });

  it.each([
    ['an entrant', async () => (await holder(creditCode(880_003))).token],
    ['a judge', () => userWithRole(app, 'JUDGE')],
  ])('%s may not release a code: FORBIDDEN / ROLE_NOT_ALLOWED', async (_who, token) => {
    expectRefused(
      await release(creditCode(880_001), await token()),
      'FORBIDDEN',
      'ROLE_NOT_ALLOWED',
    );
  });

  it('anonymous is UNAUTHENTICATED, and so is reading the releases', async () => {
    expectRefused(
      await app.gql(RELEASE, { c: creditCode(880_001), r: 'x' }),
      'UNAUTHENTICATED',
      'AUTHENTICATION_REQUIRED',
    );
    expect((await app.gql(RELEASES)).errors![0].extensions.reason).toBe('AUTHENTICATION_REQUIRED');
  });

  it.each([
    ['a code nobody holds', creditCode(880_099), 'why', 'NOT_FOUND', 'CREDIT_CODE_NOT_FOUND'],
    ['a malformed code', '91450100MA00000000', 'why', 'BAD_USER_INPUT', 'INVALID_CREDIT_CODE'],
    ['a blank reason', creditCode(880_001), '   ', 'BAD_USER_INPUT', 'REASON_REQUIRED'],
    [
      'a reason of 501 characters',
      creditCode(880_001),
      '理'.repeat(501),
      'BAD_USER_INPUT',
      'REASON_REQUIRED',
    ],
  ])('%s is refused, nothing written', async (_name, code, reason, errorCode, errorReason) => {
    const releases = await count('credit_code_releases');
    expectRefused(await release(code, organiser, reason), errorCode, errorReason);
    expect(await count('credit_code_releases')).toBe(releases);
  });
});

import { CREATE_USER, GqlResult, startTestApp, TestApp, together } from '@app/testing';
import { gqlAnswer } from './hostile';

const PASSWORD = 'correct horse battery';
const DEACTIVATE = 'mutation($id:ID!){deactivateUser(id:$id){id active}}';
const ROUNDS = 8;

interface Admin {
  id: string;
  token: string;
}

/**
 * The last active ADMIN cannot be deactivated (docs/roles-and-rules.md, Accounts), also when two
 * admins, the only active ones, deactivate each other at the same moment: at most one of them
 * succeeds, an admin stays active, and no more records are written than deactivations made.
 */
describe('races: the last active admin is kept when two admins deactivate each other at once', () => {
  let app: TestApp;
  let serial = 0;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function newAdmin(by: string): Promise<Admin> {
    const email = `race-admin-${++serial}@example.com`;
    const res = await app.gql(
      CREATE_USER,
      { input: { email, password: PASSWORD, name: `管理员 ${serial}`, role: 'ADMIN' } },
      by,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return { id: res.data!.createUser.id, token: await app.login(email, PASSWORD) };
  }

  const activeAdmins = async () =>
    (
      await app.sql<{ id: string }>(
        "SELECT id FROM users WHERE role = 'ADMIN' AND active = 1 ORDER BY id",
      )
    ).map((row) => row.id);

  const deactivations = async () =>
    Number(
      (
        await app.sql<{ n: number }>(
          "SELECT COUNT(*) AS n FROM user_admin_records WHERE action = 'DEACTIVATED'",
        )
      )[0].n,
    );

  function outcome(answer: PromiseSettledResult<GqlResult>): string {
    if (answer.status === 'rejected') return `threw ${String(answer.reason)}`;
    return answer.value.errors ? (gqlAnswer(answer.value).reason ?? 'error') : 'ok';
  }

  it(`holds in ${ROUNDS} rounds of two admins deactivating each other`, async () => {
    const bootstrap = await app.adminToken();
    const bootstrapId = (await app.gql('{me{id}}', {}, bootstrap)).data!.me.id;
    let a = await newAdmin(bootstrap);
    // a deactivates the bootstrap admin: a and each newcomer are then the only active admins
    expect((await app.gql(DEACTIVATE, { id: bootstrapId }, a.token)).errors).toBeUndefined();
    const tally: Record<string, number> = {};

    for (let round = 0; round < ROUNDS; round++) {
      const b = await newAdmin(a.token);
      expect(await activeAdmins()).toEqual([a.id, b.id].sort());
      const recordsBefore = await deactivations();

      const answers = await together(2, (i) =>
        i === 0
          ? app.gql(DEACTIVATE, { id: b.id }, a.token)
          : app.gql(DEACTIVATE, { id: a.id }, b.token),
      );
      const outcomes = answers.map(outcome);
      for (const o of outcomes) tally[o] = (tally[o] ?? 0) + 1;
      const succeeded = outcomes.filter((o) => o === 'ok').length;

      expect(succeeded).toBeLessThanOrEqual(1);
      for (const o of outcomes) {
        expect(['ok', 'LAST_ACTIVE_ADMIN', 'ACCOUNT_DEACTIVATED']).toContain(o);
      }
      const left = await activeAdmins();
      expect(left.length).toBeGreaterThanOrEqual(1);
      expect(left.length).toBe(2 - succeeded);
      expect((await deactivations()) - recordsBefore).toBe(succeeded);

      // the one left goes on with a newcomer
      a = left[0] === a.id ? a : b;
    }
    process.stdout.write(`race last-active-admin: ${ROUNDS * 2} tried, ${JSON.stringify(tally)}\n`);
  });
});

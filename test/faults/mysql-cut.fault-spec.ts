import { Deployment, GqlAnswer } from './deployment';
import { report } from './scenario';

const USERS = 'query{users{id email}}';
const CREATE_USER = 'mutation($input:CreateUserInput!){createUser(input:$input){id email}}';

/**
 * The API's MySQL connections cut: every one of them KILLed on the server, then the whole
 * server stopped and started again. A request meanwhile fails at once with a retryable error
 * (never a hang, never a bare 500), and the pool recovers without restarting the API.
 */
describe('fault: MySQL connection cut', () => {
  let d: Deployment;
  let admin: string;

  beforeAll(async () => {
    d = await Deployment.onOwnServers();
    await d.startApi();
    admin = await d.adminToken();
  });
  afterAll(() => d?.closeWithServers());

  /** One request, timed; the answer's first error code and reason, or 'ok'. */
  async function attempt(query: string, variables: Record<string, unknown> = {}) {
    const started = Date.now();
    const res: GqlAnswer = await d.gql(query, variables, admin);
    const error = res.errors?.[0]?.extensions;
    return {
      ms: Date.now() - started,
      outcome: error ? `${String(error.code)}/${String(error.reason)}` : 'ok',
      retryable: error?.retryable === true,
      status: res.status,
    };
  }

  /** Retries as a client told "retryable" would, until the request succeeds. */
  async function untilOk(query: string, variables: Record<string, unknown> = {}) {
    const seen: Awaited<ReturnType<typeof attempt>>[] = [];
    for (let i = 0; i < 50; i++) {
      const a = await attempt(query, variables);
      seen.push(a);
      if (a.outcome === 'ok') return seen;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`never recovered: ${JSON.stringify(seen.slice(-3))}`);
  }

  function expectRetryable(seen: Awaited<ReturnType<typeof attempt>>[]): void {
    for (const a of seen.filter((s) => s.outcome !== 'ok')) {
      expect(a).toMatchObject({ outcome: 'INTERNAL_SERVER_ERROR/DATABASE_UNAVAILABLE' });
      expect(a.retryable).toBe(true);
      expect(a.ms).toBeLessThan(12_000);
    }
  }

  it('KILLed connections and a restarted server: retryable errors, then the same API answers', async () => {
    expect((await attempt(USERS)).outcome).toBe('ok');
    const apiPid = d.api!.child.pid;

    // 1. Every connection of the API killed on the server.
    const killed = await d.mariadb.sql<{ id: number }>(
      'SELECT id FROM information_schema.PROCESSLIST WHERE db = ? AND id <> CONNECTION_ID()',
      [d.database],
    );
    expect(killed.length).toBeGreaterThan(0);
    for (const { id } of killed) await d.mariadb.sql(`KILL ${Number(id)}`);
    const afterKill = await untilOk(USERS);
    expectRetryable(afterKill);

    // 2. The server stopped: requests fail fast and say so; a write is not half-done.
    await d.mariadb.stop();
    const whileDown = [await attempt(USERS), await attempt(USERS)];
    const email = `cut-${Date.now()}@example.com`;
    const input = { email, password: 'correct horse battery', name: '断线', role: 'ORGANISER' };
    whileDown.push(await attempt(CREATE_USER, { input }));
    expect(whileDown.every((a) => a.outcome !== 'ok')).toBe(true);
    expectRetryable(whileDown);
    await d.mariadb.start();
    const afterRestart = await untilOk(CREATE_USER, { input });
    expectRetryable(afterRestart);

    expect(d.api!.child.pid).toBe(apiPid);
    expect(d.api!.child.exitCode).toBeNull();
    const created = await d.sql<{ n: number }>('SELECT COUNT(*) AS n FROM users WHERE email = ?', [
      email,
    ]);
    const failed = [...afterKill, ...whileDown, ...afterRestart].filter((a) => a.outcome !== 'ok');
    report(
      'mysql-cut',
      {
        injected: 2,
        recovered:
          Number(afterKill.at(-1)!.outcome === 'ok') +
          Number(afterRestart.at(-1)!.outcome === 'ok'),
        lost: Number(Number(created[0].n) === 0),
        duplicated: Math.max(0, Number(created[0].n) - 1),
      },
      `${killed.length} connections KILLed, then the server restarted; ${failed.length} requests ` +
        `refused as retryable (slowest ${Math.max(0, ...failed.map((a) => a.ms))} ms), ` +
        `the write retried until it succeeded, once; the API never restarted`,
    );
  });
});

import { readFileSync } from 'node:fs';
import { createConnection } from 'mysql2/promise';
import {
  assertBuilt,
  childPids,
  deleteQueueKeys,
  eventually,
  freePort,
  isAlive,
  spawnNode,
  Spawned,
  testConfig,
} from '@app/testing';
import type { AppConfig } from '@app/core';
import { API_NODE_FLAGS } from '../apps/api/src/node-flags';

const packageJson = JSON.parse(readFileSync(`${__dirname}/../package.json`, 'utf8')) as {
  scripts: Record<string, string>;
};

/**
 * The processes as an operator runs them: `npm start` (the launcher), and start-up refusals.
 * These run the built output in dist/, with an environment of their own.
 */
describe('processes', () => {
  const running: Spawned[] = [];
  const configs: AppConfig[] = [];

  beforeAll(() => assertBuilt());
  afterEach(async () => {
    for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  });
  afterAll(async () => {
    const sql = await createConnection({ uri: 'mysql://root@127.0.0.1:3306' });
    for (const config of configs) {
      await sql.query(`DROP DATABASE IF EXISTS \`${config.databaseUrl.pathname.slice(1)}\``);
      await deleteQueueKeys(config);
    }
    await sql.end();
  });

  /** The environment of one deployment: its own database, queue prefix and port. */
  async function deployment(extra: Record<string, string> = {}) {
    const config = testConfig();
    configs.push(config);
    const port = await freePort();
    const env = {
      PORT: String(port),
      DATABASE_URL: config.databaseUrl.toString(),
      REDIS_URL: config.redisUrl.toString(),
      QUEUE_PREFIX: config.queuePrefix,
      STORAGE_DIR: config.storageDir,
      JWT_SECRET: 'process-test-secret-0123456789abcdefghijklmnop',
      ...extra,
    };
    return { port, env, base: `http://127.0.0.1:${port}` };
  }

  function spawn(entry: string, env: Record<string, string>): Spawned {
    const spawned = spawnNode(entry, env);
    running.push(spawned);
    return spawned;
  }

  async function loginOverHttp(base: string, email: string, password: string) {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($e:String!,$p:String!){login(email:$e,password:$p){token user{role}}}',
        variables: { e: email, p: password },
      }),
    });
    return (await res.json()) as { data?: { login: { token: string; user: { role: string } } } };
  }

  async function readyWithWorker(base: string) {
    const res = await fetch(`${base}/health/ready`);
    const body = (await res.json()) as { worker: { workers: number } };
    return res.status === 200 && body.worker.workers >= 1 ? body : undefined;
  }

  it('npm start runs the API and a worker; the bootstrap admin can sign in with the defaults', async () => {
    const { env, base } = await deployment();
    const launcher = spawn('launcher.js', env);
    const body = await eventually(() => readyWithWorker(base), 45_000, 'API ready with a worker');
    expect(body.worker.workers).toBe(1);
    const login = await loginOverHttp(base, 'admin@example.com', 'admin');
    expect(login.data?.login.user.role).toBe('ADMIN');
    expect(login.data?.login.token.split('.')).toHaveLength(3);

    // SIGTERM stops both children and the launcher exits cleanly.
    const children = childPids(launcher.child.pid!, 'dist/apps');
    expect(children).toHaveLength(2);
    // The API runs with its V8 flags (apps/api/src/node-flags.ts), as start:api and the image do.
    const [api] = childPids(launcher.child.pid!, 'api/src/main.js');
    const apiArgs = readFileSync(`/proc/${api}/cmdline`, 'utf8').split('\0');
    const dockerCommand = JSON.parse(
      /^CMD (.*)$/m.exec(readFileSync(`${__dirname}/../docker/Dockerfile`, 'utf8'))![1],
    ) as string[];
    for (const flag of API_NODE_FLAGS) {
      expect(apiArgs).toContain(flag);
      expect(packageJson.scripts['start:api'].split(' ')).toContain(flag);
      expect(dockerCommand).toContain(flag);
    }
    launcher.child.kill('SIGTERM');
    expect((await launcher.exited).code).toBe(0);
    for (const pid of children) expect(isAlive(pid)).toBe(false);
  });

  it('when the worker dies, the launcher stops the API and exits with the failure', async () => {
    const { env, base } = await deployment();
    const launcher = spawn('launcher.js', env);
    await eventually(() => readyWithWorker(base), 45_000, 'API ready with a worker');
    const [worker] = childPids(launcher.child.pid!, 'worker/src/main.js');
    const [api] = childPids(launcher.child.pid!, 'api/src/main.js');
    // The worker starts with glibc's arenas capped (sharp's memory); the API is left alone.
    const environ = (pid: number) => readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    expect(environ(worker)).toContain('MALLOC_ARENA_MAX=2');
    expect(environ(api).some((v) => v.startsWith('MALLOC_ARENA_MAX='))).toBe(false);
    process.kill(worker, 'SIGKILL');
    const exit = await launcher.exited;
    expect(exit.code).not.toBe(0);
    expect(launcher.stderr()).toMatch(/worker exited \(SIGKILL\); stopping the rest/);
    expect(isAlive(api)).toBe(false);
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
  });

  it('two workers run side by side against one database and Redis', async () => {
    const { env, base } = await deployment();
    spawn('api/src/main.js', env);
    spawn('worker/src/main.js', env);
    spawn('worker/src/main.js', env);
    const body = await eventually(
      async () => {
        const res = await fetch(`${base}/health/ready`);
        const json = (await res.json()) as { worker: { workers: number } };
        return json.worker.workers === 2 ? json : undefined;
      },
      45_000,
      'two worker heartbeats',
    );
    expect(body.worker.workers).toBe(2);
  });

  it('API_PROCESSES=2 runs two API processes on one port; one dying stops the other', async () => {
    const { env, base } = await deployment({ API_PROCESSES: '2' });
    const primary = spawn('api/src/main.js', env);
    await eventually(
      async () => ((await fetch(`${base}/health/live`).catch(() => null))?.ok ? true : undefined),
      45_000,
      'the API answering',
    );
    const processes = await eventually(
      async () => {
        const pids = childPids(primary.child.pid!, 'api/src/main.js');
        return pids.length === 2 ? pids : undefined;
      },
      10_000,
      'two API processes',
    );
    // Both answer: signing in works whichever one takes the connection.
    const logins = await Promise.all(
      Array.from({ length: 6 }, () => loginOverHttp(base, 'admin@example.com', 'admin')),
    );
    expect(logins.every((l) => l.data?.login.user.role === 'ADMIN')).toBe(true);

    process.kill(processes[0], 'SIGKILL');
    const exit = await primary.exited;
    expect(exit.code).not.toBe(0);
    expect(primary.stderr()).toMatch(/exited \(SIGKILL\); stopping the rest/);
    await eventually(
      async () => (isAlive(processes[1]) ? undefined : true),
      10_000,
      'the other stopped',
    );
  });

  describe.each([
    ['api', 'api/src/main.js'],
    ['worker', 'worker/src/main.js'],
  ])(
    'the %s refuses to start on invalid configuration, in one line naming the variable',
    (name, entry) => {
      it.each([
        ['PORT', { PORT: 'abc' }],
        ['DATABASE_URL', { DATABASE_URL: 'postgres://nope' }],
        ['TOKEN_TTL', { TOKEN_TTL: 'forever' }],
        ['WORKER_CONCURRENCY', { WORKER_CONCURRENCY: '0' }],
        [
          'JWT_SECRET',
          { NODE_ENV: 'production', JWT_SECRET: '', ADMIN_PASSWORD: 'a-real-password' },
        ],
        ['ADMIN_PASSWORD', { NODE_ENV: 'production', ADMIN_PASSWORD: 'admin' }],
      ])('%s', async (variable, bad) => {
        const { env } = await deployment();
        const spawned = spawn(entry, { ...env, ...bad });
        const exit = await spawned.exited;
        expect(exit.code).toBe(78);
        const lines = spawned.stderr().trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(`${name}: invalid configuration`);
        expect(lines[0]).toContain(variable);
      });
    },
  );

  it('the launcher passes a configuration refusal on as its own exit code', async () => {
    const { env } = await deployment();
    const launcher = spawn('launcher.js', { ...env, PORT: '70000' });
    expect((await launcher.exited).code).toBe(78);
  });

  describe.each([
    ['npm start', 'launcher.js'],
    ['api', 'api/src/main.js'],
    ['worker', 'worker/src/main.js'],
  ])('%s says in one line which service does not answer, and exits', (name, entry) => {
    it.each([
      ['MySQL', 'DATABASE_URL', (port: number) => `mysql://root@127.0.0.1:${port}/judging`],
      ['Redis', 'REDIS_URL', (port: number) => `redis://127.0.0.1:${port}`],
    ])('%s', async (service, variable, url) => {
      const { env } = await deployment();
      const closed = await freePort(); // nothing listens there
      const spawned = spawn(entry, { ...env, [variable]: url(closed) });
      const exit = await spawned.exited;
      expect(exit.code).toBe(69);
      const lines = spawned.stderr().trim().split('\n');
      expect(lines).toEqual([
        expect.stringContaining(`${name}: ${service} does not answer at 127.0.0.1:${closed}`),
      ]);
      expect(lines[0]).toMatch(/ECONNREFUSED.*start .* there .*or set/);
      expect(lines[0]).toContain(variable);
    });
  });

  it('a MySQL that refuses the user is told apart from one that does not answer', async () => {
    const { env } = await deployment();
    const spawned = spawn('launcher.js', {
      ...env,
      DATABASE_URL: 'mysql://no_such_user:wrong@127.0.0.1:3306/judging',
    });
    expect((await spawned.exited).code).toBe(69);
    expect(spawned.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(
        /^npm start: MySQL at 127\.0\.0\.1:3306 refused the user "no_such_user"/,
      ),
    ]);
  });
});

import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import request from 'supertest';
import type { Queue } from 'bullmq';
import { createConnection } from 'mysql2/promise';
import { Redis } from 'ioredis';
import { AppConfig, loadConfig } from '@app/core';
import { QueueName } from '@app/queue';
import { createApi } from '../../apps/api/src/create-api';
import { createWorker } from '../../apps/worker/src/create-worker';

export const TEST_MYSQL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
export const TEST_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A configuration of its own for one test file: a fresh database and queue prefix. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const id = `${process.pid}_${randomBytes(4).toString('hex')}`;
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: `${TEST_MYSQL}/judging_t_${id}`,
    REDIS_URL: TEST_REDIS,
    QUEUE_PREFIX: `jt_${id}`,
    JWT_SECRET: `test-secret-${id}-0123456789abcdefghijklmnopqrstuvwxyz`,
    STORAGE_DIR: `/tmp/judging-test-${id}`,
    // Every request of a test comes from 127.0.0.1, and fixtures sign up many entrants: the
    // hourly limit per address is the race test's to check (test/hostile/races-identity).
    REGISTRATIONS_PER_ADDRESS: '100000',
    ...overrides,
  });
}

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data: T | null | undefined;
  errors:
    | Array<{
        message: string;
        extensions: { code: string; reason?: string; [key: string]: unknown };
      }>
    | undefined;
  body: any;
}

export interface TestApp {
  config: AppConfig;
  api: INestApplication;
  worker: INestApplicationContext | null;
  http: () => ReturnType<typeof request>;
  gql: <T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ) => Promise<GqlResult<T>>;
  /** Signs in and answers the token. */
  login: (email: string, password: string) => Promise<string>;
  adminToken: () => Promise<string>;
  sql: <R = any>(query: string, params?: unknown[]) => Promise<R[]>;
  waitForQueues: (timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Boots the real API (and, when asked, the real worker) against the machine's MariaDB and
 * Redis, with a database and queue prefix of its own. Boot once per test file.
 */
export async function startTestApp(
  options: { worker?: boolean; env?: Record<string, string>; webDir?: string } = {},
): Promise<TestApp> {
  const config = testConfig(options.env);
  // The web app only where a test asks for it (with a build of its own), never a stale dist.
  const api = await createApi(config, { logger: ['error'], webDir: options.webDir ?? null });
  await api.init();
  const worker = options.worker ? await createWorker(config, { logger: ['error'] }) : null;
  const server = api.getHttpServer();
  const sqlConnection = await createConnection({
    uri: config.databaseUrl.toString(),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
  });

  const gql: TestApp['gql'] = async (query, variables, token, headers = {}) => {
    const req = request(server).post('/graphql').set('content-type', 'application/json');
    if (token) req.set('authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) req.set(name, value);
    const res = await req.send({ query, variables });
    return { status: res.status, data: res.body?.data, errors: res.body?.errors, body: res.body };
  };

  const login = async (email: string, password: string): Promise<string> => {
    const res = await gql<{ login: { token: string } }>(
      'mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}',
      { e: email, p: password },
    );
    if (!res.data?.login)
      throw new Error(`login of ${email} failed: ${JSON.stringify(res.errors)}`);
    return res.data.login.token;
  };

  let adminToken: string | undefined;
  const queues = () =>
    Object.values(QueueName).map((name) => api.get<Queue>(getQueueToken(name), { strict: false }));

  return {
    config,
    api,
    worker,
    http: () => request(server),
    gql,
    login,
    adminToken: async () =>
      (adminToken ??= await login(config.adminEmail, config.adminPassword ?? '')),
    sql: async (query, params = []) => (await sqlConnection.query(query, params))[0] as any[],
    waitForQueues: (timeoutMs = 20_000) => waitForQueues(queues(), timeoutMs),
    close: async () => {
      if (worker) await worker.close();
      await api.close();
      await sqlConnection.query(
        `DROP DATABASE IF EXISTS \`${config.databaseUrl.pathname.slice(1)}\``,
      );
      await sqlConnection.end();
      await deleteQueueKeys(config);
      await rm(config.storageDir, { recursive: true, force: true });
    },
  };
}

/**
 * Resolves when no queue has a job waiting, running, prioritised or delayed. The next run of a
 * recurring schedule is always delayed; it does not count.
 */
export async function waitForQueues(queues: Queue[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all(
      queues.map(async (q) => {
        const counts = await q.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
        const delayed = (await q.getDelayed()).filter((job) => !job.repeatJobKey).length;
        return { queue: q.name, ...counts, delayed };
      }),
    );
    const pending = counts.reduce(
      (sum, { queue: _name, ...c }) => sum + Object.values(c).reduce((a, b) => a + b, 0),
      0,
    );
    if (pending === 0) return;
    if (Date.now() > deadline)
      throw new Error(`queues still busy after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Removes every Redis key of the test's prefix, so nothing is left for the next run. */
export async function deleteQueueKeys(config: AppConfig): Promise<void> {
  const redis = new Redis(config.redisUrl.toString(), {
    maxRetriesPerRequest: 1,
    lazyConnect: true,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    // A test that points REDIS_URL at a dead port has no keys to delete.
    await redis.connect();
  } catch {
    redis.disconnect();
    return;
  }
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${config.queuePrefix}:*`,
        'COUNT',
        500,
      );
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Algorithm, hash } from '@node-rs/argon2';
import { AppConfig, loadConfig } from '@app/core';
import { eventually, freePort } from '@app/testing';
import { adminCtx } from '../../libs/results/test/results-fixtures';
import { seedJudgedRound, SeededRound } from '../../bench/round-seed';
import { createApi } from '../../apps/api/src/create-api';
import { TestMariaDb, TestRedis } from './servers';

/**
 * The built output the fault tests run (`npm test`'s pretest builds dist/; FAULTS_DIST lets a
 * developer point at a build of their own without touching dist/).
 */
export const BUILT = resolve(process.env.FAULTS_DIST ?? join(__dirname, '..', '..', 'dist'));

export interface Child {
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

export interface GqlAnswer<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
}

/**
 * One deployment under test: the API and the worker as child processes of the built output,
 * on the harness's own MariaDB and Redis, with a database, queue prefix and storage of their own.
 */
export class Deployment {
  readonly config: AppConfig;
  readonly database: string;
  api?: Child;
  workers: Child[] = [];
  private adminTokenValue?: string;

  private constructor(
    readonly mariadb: TestMariaDb,
    readonly redis: TestRedis,
    readonly port: number,
  ) {
    const id = randomBytes(4).toString('hex');
    this.database = `faults_${id}`;
    this.config = loadConfig({
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: `${mariadb.url}/${this.database}`,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `faults_${id}`,
      JWT_SECRET: `faults-secret-${id}-0123456789abcdefghijklmnopqrstuvwxyz`,
      STORAGE_DIR: `/tmp/faults-storage-${id}`,
    });
  }

  static async create(mariadb: TestMariaDb, redis: TestRedis): Promise<Deployment> {
    if (!existsSync(join(BUILT, 'apps', 'api', 'src', 'main.js'))) {
      throw new Error(`${BUILT} has no build: run \`npm run build\` or set FAULTS_DIST`);
    }
    return new Deployment(mariadb, redis, await freePort());
  }

  /**
   * A deployment on a MariaDB and a Redis started for it alone (the API and workers not yet
   * started); `closeWithServers` ends all of it.
   */
  static async onOwnServers(): Promise<Deployment> {
    const [mariadb, redis] = await Promise.all([TestMariaDb.start(), TestRedis.start()]);
    try {
      return await Deployment.create(mariadb, redis);
    } catch (error) {
      await Promise.all([mariadb.close(), redis.close()]);
      throw error;
    }
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private env(): Record<string, string> {
    const c = this.config;
    return {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: String(this.port),
      DATABASE_URL: c.databaseUrl.toString(),
      REDIS_URL: c.redisUrl.toString(),
      QUEUE_PREFIX: c.queuePrefix,
      JWT_SECRET: c.jwtSecret ?? '',
      STORAGE_DIR: c.storageDir,
      WORKER_CONCURRENCY: '2',
    };
  }

  private spawn(entry: string): Child {
    const child = spawn(process.execPath, [join(BUILT, 'apps', entry)], {
      env: this.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const keep = (chunk: Buffer) => (out = (out + chunk.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    return { child, output: () => out, exited };
  }

  /** Starts the API and waits until it answers /health/live. */
  async startApi(): Promise<void> {
    this.api = this.spawn('api/src/main.js');
    await eventually(
      async () => ((await fetch(`${this.base}/health/live`)).ok ? true : undefined),
      60_000,
      'the API answers',
    );
  }

  /** Starts one worker and waits until its heartbeat shows in /health/ready. */
  async startWorker(): Promise<Child> {
    const before = await this.workerCount();
    const worker = this.spawn('worker/src/main.js');
    this.workers.push(worker);
    await eventually(
      async () => ((await this.workerCount()) > before ? true : undefined),
      60_000,
      'a worker heartbeat',
    );
    return worker;
  }

  private async workerCount(): Promise<number> {
    try {
      const body = (await (await fetch(`${this.base}/health/ready`)).json()) as {
        worker?: { workers?: number };
      };
      return body.worker?.workers ?? 0;
    } catch {
      return 0;
    }
  }

  async killWorker(worker: Child): Promise<void> {
    worker.child.kill('SIGKILL');
    await worker.exited;
  }

  async gql<T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GqlAnswer<T>> {
    const res = await fetch(`${this.base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Omit<GqlAnswer<T>, 'status'>;
    return { status: res.status, ...body };
  }

  /** Like gql, but throws on any error (for set-up steps). */
  async must<T = any>(query: string, variables: Record<string, unknown>, token?: string) {
    const res = await this.gql<T>(query, variables, token);
    if (res.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }

  async login(email: string, password: string): Promise<string> {
    const data = await this.must<{ login: { token: string } }>(
      'mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}',
      { e: email, p: password },
    );
    return data.login.token;
  }

  async adminToken(): Promise<string> {
    return (this.adminTokenValue ??= await this.login(
      this.config.adminEmail,
      this.config.adminPassword ?? '',
    ));
  }

  /** POST /api/entries/{id}/images, as a browser would. */
  async upload(
    entryId: string,
    bytes: Buffer,
    token: string,
  ): Promise<{ status: number; body: any }> {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'image/jpeg' }), 'photo.jpg');
    const res = await fetch(`${this.base}/api/entries/${entryId}/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: await res.json() };
  }

  /** A judged, OPEN round written in-process (bench/round-seed) before the processes start. */
  async seedRound(slug: string, entries: number): Promise<SeededRound> {
    const api = await createApi(this.config, { logger: ['error'], webDir: null });
    await api.init();
    try {
      return await seedJudgedRound(api, adminCtx(), {
        slug,
        entries,
        sheetsPerEntry: 3,
        judges: 6,
        seed: 4242,
      });
    } finally {
      await api.close();
    }
  }

  /** Gives the seeded judges a password, so they can sign in and score over HTTP. */
  async judgePasswords(seeded: SeededRound, password: string): Promise<void> {
    const passwordHash = await hash(password, { algorithm: Algorithm.Argon2id });
    await this.sql('UPDATE users SET password_hash = ? WHERE id IN (?)', [
      passwordHash,
      seeded.judgeIds,
    ]);
  }

  /** A query on this deployment's database, on a connection of its own (none of the API's). */
  async sql<R = Record<string, any>>(query: string, params: unknown[] = []): Promise<R[]> {
    const connection = await this.mariadb.connect(this.database);
    try {
      return (await connection.query(query, params))[0] as R[];
    } finally {
      await connection.end();
    }
  }

  async close(): Promise<void> {
    for (const p of [this.api, ...this.workers]) {
      if (p && p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGKILL');
        await p.exited;
      }
    }
    rmSync(this.config.storageDir, { recursive: true, force: true });
  }

  /** `close`, then the deployment's MariaDB and Redis stopped and removed. */
  async closeWithServers(): Promise<void> {
    await this.close();
    await Promise.all([this.mariadb.close(), this.redis.close()]);
  }
}

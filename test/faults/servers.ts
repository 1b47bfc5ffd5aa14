import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, Connection } from 'mysql2/promise';
import { eventually, freePort } from '@app/testing';

/**
 * A Redis and a MariaDB of the fault tests' own, on free ports and in /tmp, so stopping them or
 * cutting their connections never touches the machine's (on 6379 and 3306) nor another test's.
 */

function started(command: string, args: string[], logName: string): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-4000)));
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null && !child.killed) {
      process.stderr.write(`${logName} exited with ${code}: ${err}\n`);
    }
  });
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** redis-server without persistence: a stop loses every key, as a restarted cache would. */
export class TestRedis {
  private child?: ChildProcess;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<TestRedis> {
    const port = await freePort();
    const dir = `/tmp/faults-redis-${process.pid}-${port}`;
    mkdirSync(dir, { recursive: true });
    const redis = new TestRedis(port, dir);
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = started(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      'redis-server',
    );
    this.child.on('error', () => undefined);
    await eventually(async () => (this.ping() ? true : undefined), 10_000, 'test Redis answers');
  }

  /** Stops Redis the hard way (SIGKILL): no goodbye to clients, every key gone. */
  async stop(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGKILL');
    await exited(this.child);
    this.child = undefined;
  }

  ping(): boolean {
    try {
      return (
        execFileSync('redis-cli', ['-p', String(this.port), 'ping'], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }).trim() === 'PONG'
      );
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * mariadbd on a data directory made by mariadb-install-db (about 2 s), root without a password
 * over TCP. A small buffer pool: the tests write little.
 */
export class TestMariaDb {
  private child?: ChildProcess;
  private admin?: Connection;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<TestMariaDb> {
    const port = await freePort();
    const dir = `/tmp/faults-mariadb-${process.pid}-${port}`;
    rmSync(dir, { recursive: true, force: true });
    // A tmpdir of its own: two installs at once in /tmp collide on their temporary tables.
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    execFileSync(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${join(dir, 'data')}`,
        `--tmpdir=${join(dir, 'tmp')}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        '--skip-name-resolve',
        '--user=root',
      ],
      { stdio: 'ignore' },
    );
    const db = new TestMariaDb(port, dir);
    await db.start();
    return db;
  }

  /** `mysql://root@127.0.0.1:<port>`, without a database. */
  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = started(
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        `--tmpdir=${join(this.dir, 'tmp')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        '--user=root',
        '--skip-name-resolve',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=64M',
        '--innodb-log-file-size=32M',
        '--innodb-flush-log-at-trx-commit=2',
        '--max-connections=300',
      ],
      'mariadbd',
    );
    this.admin = await eventually(
      () => createConnection({ uri: this.url, multipleStatements: true }),
      30_000,
      'test MariaDB answers',
    );
    this.admin.on('error', () => undefined);
  }

  /** A query on the harness's own connection (not one of the processes under test). */
  async sql<R = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<R[]> {
    return (await this.admin!.query(query, params))[0] as R[];
  }

  /** A fresh connection to `database`, for a test's own transactions. */
  connect(database: string): Promise<Connection> {
    return createConnection({ uri: `${this.url}/${database}`, timezone: 'Z' });
  }

  async stop(): Promise<void> {
    await this.admin?.end().catch(() => undefined);
    this.admin = undefined;
    if (!this.child) return;
    this.child.kill('SIGTERM');
    await exited(this.child);
    this.child = undefined;
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

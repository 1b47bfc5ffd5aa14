import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createServer, AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/core';
import { createApi } from '../../apps/api/src/create-api';
import { adminCtx } from '../fixtures';
import { cpuSeconds, pidOf, treeCpuSeconds } from '../stats';
import { ScaleClient, until } from './scale-http';
import {
  assignJudges,
  closeAndTabulate,
  finalise,
  openRound,
  publish,
  submitAllSheets,
} from './scale-judging';
import { EDITION, ScaleOptions, scaleDatabaseName } from './scale-options';
import { PhotoFigures, photoStage } from './scale-photos';
import { PeakMemory, startProcesses } from './scale-processes';
import { seedEdition, seedJudging } from './scale-seed';

export interface StageFigure {
  stage: string;
  seconds: number;
  count: number;
  unit: string;
  /** count per second */
  rate: number | null;
  /** each process's peak resident memory (VmHWM) during this stage, MB */
  peakRssMb: Record<string, number>;
  /** CPU seconds each process used in this stage: unlike seconds, not stretched by a busy machine */
  cpuSeconds: Record<string, number>;
}

export interface ScaleReport {
  date: string;
  node: string;
  cpus: number;
  /** the machine is shared: its load when the run started and ended */
  loadAverage: { start: number[]; end: number[] };
  sizes: Omit<
    ScaleOptions,
    'log' | 'databaseUrl' | 'redisUrl' | 'storageDir' | 'appsDir' | 'resultsFile' | 'keep'
  >;
  stages: StageFigure[];
  /** the whole run's peak per process, boot included */
  peakRssMb: Record<string, number>;
  photos: PhotoFigures;
  counts: {
    entrants: number;
    accepted: number;
    categories: { major: number; leaf: number };
    images: { ready: number; renditions: number };
    judges: number;
    assignments: number;
    sheets: number;
    roundStatus: string;
    results: number;
  };
  assignment: { minLoad: number; maxLoad: number; unassignable: number };
  sheetsMs: { n: number; p50: number; p95: number; p99: number; max: number };
  tabulation: { version: number; hash: string };
  publication: {
    items: number;
    awarded: number;
    hash: string;
    refusedWhileNotice: string | null;
    finalStatus: string;
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * An edition taken through a full round against a database and queue prefix of its own, with
 * the API and the worker running as child processes; each stage timed, and each process's
 * peak memory read from /proc during it. The database is dropped and recreated first.
 */
export async function runScale(options: ScaleOptions): Promise<ScaleReport> {
  const loadAtStart = loadavg().map(round2);
  const dbName = scaleDatabaseName(options.databaseUrl);
  const server = new URL(options.databaseUrl);
  server.pathname = '/';
  const root = await createConnection({ uri: server.toString() });
  await root.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await root.end();
  await deleteQueueKeys(options.redisUrl, options.queuePrefix);
  rmSync(options.storageDir, { recursive: true, force: true });

  const adminPassword = randomBytes(18).toString('base64url');
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: options.queuePrefix,
    STORAGE_DIR: options.storageDir,
    JWT_SECRET: randomBytes(36).toString('base64url'),
    ADMIN_EMAIL: 'scale-admin@example.com',
    ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'warn',
    ...(process.env.API_PROCESSES ? { API_PROCESSES: process.env.API_PROCESSES } : {}),
  };
  // This process seeds through the services (it migrates the fresh database on init).
  const seeder = await createApi(loadConfig(env), { logger: ['error'], webDir: null });
  await seeder.init();
  const processes = startProcesses(options.appsDir, env, await freePort());
  const memory = new PeakMemory({
    api: { pid: () => processes.api.pid, children: true },
    worker: { pid: () => processes.worker.pid, children: false },
    script: { pid: () => process.pid, children: false },
  });
  const database = pidOf('mariadbd') ?? pidOf('mysqld');
  const cpuNow = (): Record<string, number> => ({
    api: processes.api.pid ? treeCpuSeconds(processes.api.pid) : 0,
    worker: processes.worker.pid ? cpuSeconds(processes.worker.pid) : 0,
    script: cpuSeconds(process.pid),
    database: database ? cpuSeconds(database) : 0,
  });
  const stages: StageFigure[] = [];
  const stage = async <T>(
    name: string,
    unit: string,
    work: () => Promise<{ value: T; count: number; seconds?: number }>,
  ): Promise<T> => {
    options.log(`${name} …`);
    memory.reset();
    const cpuBefore = cpuNow();
    const started = performance.now();
    const { value, count, seconds } = await work();
    const took = seconds ?? (performance.now() - started) / 1000;
    const cpuAfter = cpuNow();
    const figure = {
      stage: name,
      seconds: round2(took),
      count,
      unit,
      rate: took > 0 && unit !== 'processes' ? round2(count / took) : null,
      peakRssMb: memory.read(),
      cpuSeconds: Object.fromEntries(
        Object.entries(cpuAfter).map(([p, cpu]) => [p, round2(cpu - cpuBefore[p])]),
      ),
    };
    stages.push(figure);
    options.log(
      `  ${figure.count} ${unit} in ${figure.seconds} s` +
        (figure.rate !== null ? ` (${figure.rate}/s)` : '') +
        `; peak RSS ${Object.entries(figure.peakRssMb)
          .map(([p, mb]) => `${p} ${mb} MB`)
          .join(', ')}; CPU s ${Object.entries(figure.cpuSeconds)
          .map(([p, cpu]) => `${p} ${cpu}`)
          .join(', ')}`,
    );
    return value;
  };

  const client = new ScaleClient(`http://127.0.0.1:${processes.port}`);
  try {
    await stage('boot: API and worker ready', 'processes', async () => {
      await until(
        async () => {
          if (processes.api.exitCode !== null || processes.worker.exitCode !== null) {
            throw new Error('the API or the worker exited at start');
          }
          const res = await fetch(`${client.baseUrl}/health/ready`);
          const body = (await res.json()) as { worker?: { workers?: number } };
          return res.status === 200 && (body.worker?.workers ?? 0) >= 1 ? true : undefined;
        },
        120_000,
        'the API and a worker',
      );
      return { value: null, count: 2 };
    });
    const ctx = await adminCtx(seeder);
    const edition = await stage('1. event, categories, entrants, entries', 'entries', async () => ({
      value: await seedEdition(seeder, ctx, options),
      count: options.entries,
    }));
    const sql = seeder.get(DataSource);
    const admin = await client.login(env.ADMIN_EMAIL, adminPassword);
    const entryIds = (
      (await sql.query('SELECT id FROM entries WHERE event_id = ? ORDER BY code', [
        edition.eventId,
      ])) as Array<{ id: string }>
    ).map((row) => row.id);
    const photos = await stage('2. photos uploaded and rendered', 'photos', async () => {
      const figures = await photoStage(client, admin, sql, options, entryIds, EDITION.photos, () =>
        processes.worker.pid ? cpuSeconds(processes.worker.pid) : 0,
      );
      const phases = [figures.small, figures.large].filter((p) => p !== null);
      return {
        value: figures,
        count: phases.reduce((sum, p) => sum + p.photos, 0),
        seconds: phases.reduce((sum, p) => sum + p.untilAllReadySeconds, 0),
      };
    });
    const judging = await stage('3a. judges, round, panels', 'judges', async () => ({
      value: await seedJudging(seeder, ctx, options, edition),
      count: options.judges,
    }));
    const assignment = await stage('3b. assignJudges', 'assignments', async () => {
      const report = await assignJudges(client, admin, judging.roundId);
      return { value: report, count: report.assignments };
    });
    await stage('3c. openRound', 'round', async () => {
      await openRound(client, admin, judging.roundId);
      return { value: null, count: 1 };
    });
    const sheets = await stage('4. score sheets through the API', 'sheets', async () => {
      const done = await submitAllSheets(client, judging.roundId, judging.judgeEmails, options.log);
      return { value: done, count: done.sheets, seconds: done.seconds };
    });
    const tabulated = await stage('5. closeRound → TABULATED', 'sheets', async () => {
      const done = await closeAndTabulate(client, admin, judging.roundId);
      return { value: done, count: sheets.sheets, seconds: done.seconds };
    });
    const published = await stage('6a. publishResults', 'items', async () => {
      const done = await publish(client, admin, judging.roundId, options.noticeSeconds);
      return { value: done, count: done.items };
    });
    const noticeLeft = published.noticeEndsAt.getTime() - Date.now();
    options.log(`  the notice runs ${Math.max(0, noticeLeft / 1000).toFixed(1)} s more`);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, noticeLeft + 50)));
    const finalStatus = await stage('6b. finalisePublication', 'certificates', async () => ({
      value: await finalise(client, admin, published.id),
      count: published.awarded,
    }));
    const [counts] = await sql.query(
      `SELECT
        (SELECT COUNT(*) FROM entrants) AS entrants,
        (SELECT COUNT(*) FROM entries WHERE status = 'ACCEPTED' AND code IS NOT NULL) AS accepted,
        (SELECT COUNT(*) FROM categories WHERE parent_id IS NULL) AS majors,
        (SELECT COUNT(*) FROM categories WHERE parent_id IS NOT NULL) AS leaves,
        (SELECT COUNT(*) FROM images WHERE status = 'READY') AS ready,
        (SELECT COUNT(*) FROM image_renditions) AS renditions,
        (SELECT COUNT(*) FROM users WHERE role = 'JUDGE') AS judges,
        (SELECT COUNT(*) FROM assignments WHERE round_id = ?) AS assignments,
        (SELECT COUNT(*) FROM score_sheets WHERE round_id = ?) AS sheets,
        (SELECT status FROM rounds WHERE id = ?) AS roundStatus`,
      [judging.roundId, judging.roundId, judging.roundId],
    );
    const { roundResults } = await client.gql<{ roundResults: unknown[] }>(
      admin,
      'query($r:ID!){roundResults(roundId:$r){scopeKey}}',
      { r: judging.roundId },
    );
    const { log, databaseUrl, redisUrl, storageDir, appsDir, resultsFile, keep, ...sizes } =
      options;
    void [log, databaseUrl, redisUrl, storageDir, appsDir, resultsFile, keep];
    return {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadAverage: { start: loadAtStart, end: loadavg().map(round2) },
      sizes,
      stages,
      peakRssMb: memory.peaks(),
      photos,
      counts: {
        entrants: Number(counts.entrants),
        accepted: Number(counts.accepted),
        categories: { major: Number(counts.majors), leaf: Number(counts.leaves) },
        images: { ready: Number(counts.ready), renditions: Number(counts.renditions) },
        judges: Number(counts.judges),
        assignments: Number(counts.assignments),
        sheets: Number(counts.sheets),
        roundStatus: String(counts.roundStatus),
        results: roundResults.length,
      },
      assignment: {
        minLoad: assignment.minLoad,
        maxLoad: assignment.maxLoad,
        unassignable: assignment.unassignable,
      },
      sheetsMs: sheets.ms,
      tabulation: tabulated.tabulation,
      publication: {
        items: published.items,
        awarded: published.awarded,
        hash: published.hash,
        refusedWhileNotice: published.refusedWhileNotice,
        finalStatus,
      },
    };
  } finally {
    client.close();
    await processes.stop();
    await closeQuietly(seeder);
    // A run leaves nothing behind (36,000 photos are ~13 GB) unless SCALE_KEEP=1 keeps the
    // database, the photos and the queue together, so what is kept stays consistent.
    if (!options.keep) {
      rmSync(options.storageDir, { recursive: true, force: true });
      await deleteQueueKeys(options.redisUrl, options.queuePrefix);
      const cleanup = await createConnection({ uri: server.toString() });
      await cleanup.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await cleanup.end();
    }
  }
}

async function closeQuietly(app: INestApplication): Promise<void> {
  try {
    await app.close();
  } catch {
    // already half-closed by a failure: the run's own error is the one to report
  }
}

/** The run's BullMQ keys and heartbeats, all under its queue prefix. */
async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const listener = createServer();
    listener.once('error', reject);
    listener.listen(0, '127.0.0.1', () => {
      const { port } = listener.address() as AddressInfo;
      listener.close(() => resolve(port));
    });
  });
}

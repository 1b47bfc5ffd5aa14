import { ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig, mulberry32, systemCtx } from '@app/core';
import { documentsJobId, PublicationService } from '@app/publication';
import { QueueName } from '@app/queue';
import { TabulationRunner } from '@app/results';
import { createApi } from '../apps/api/src/create-api';
import { API_NODE_FLAGS } from '../apps/api/src/node-flags';
import { adminCtx, waitUntilReady } from './fixtures';
import { seedJudgedRound } from './round-seed';
import { cpuSeconds, summarise } from './stats';

const DB = 'judging_bench_pubdocs';
/** Issue 22's edition: 557 certificates in one FINAL publication. */
const CERTIFICATES = 557;
/** Entries judged: gold and silver take 30 %, so about 620 awards, cut to 557. */
const ENTRIES = 1_900;
const REQUESTS = 200;
const ZIP_RUNS = 3;
const TARGETS = { jobSeconds: 10, zipSeconds: 2, certificateP50Ms: 20 };
/** bench/results, from the build (dist/bench) or from the sources (bench/, run through swc). */
export const RESULTS = __filename.endsWith('.ts')
  ? join(__dirname, 'results')
  : join(__dirname, '..', '..', 'bench', 'results');

/**
 * Issue 22's certificates: a FINAL publication of 557 awards, with names and titles as varied as
 * an edition's (about 1,500 distinct characters), its documents drawn by the worker's job in a
 * worker process of its own (the job's time from BullMQ, the worker's CPU from /proc), then
 * served by an API process of its own over HTTP: one certificate at a time (REQUESTS requests,
 * keep-alive) and the ZIP of all 557 (time to the last byte). Beside them, a certificate drawn
 * in the request, as every request was before (its row deleted first): what storage saves.
 */
export async function publicationDocumentsBench(): Promise<void> {
  const base = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  const storageDir = join(tmpdir(), `judging-bench-pubdocs-${process.pid}`);
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `${base}/${DB}`,
    QUEUE_PREFIX: `judging_bench_pubdocs_${process.pid}`,
    STORAGE_DIR: storageDir,
    // The API and the worker must agree on it (the QR codes hold it, so the files' hashes do):
    // its default follows PORT, which only the API listens on.
    PUBLIC_URL: 'https://awards.example.org',
    JWT_SECRET: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    ADMIN_EMAIL: 'bench-admin@example.com',
    ADMIN_PASSWORD: 'bench-password-not-admin',
  });
  const root = await createConnection({ uri: base });
  await root.query(`DROP DATABASE IF EXISTS ${DB}`);
  const processes: ChildProcess[] = [];
  const redis = new Redis(config.redisUrl.toString(), { maxRetriesPerRequest: null });
  const queue = new Queue(QueueName.PublicationDocuments, {
    connection: redis,
    prefix: config.queuePrefix,
  });
  try {
    const seedStarted = performance.now();
    const seeder = await createApi(config, { logger: ['error'] });
    await seeder.init();
    const { publicationId, distinctCharacters } = await seedPublication(seeder);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    // The worker, started and idle before the publication becomes FINAL.
    const worker = start(config, 'worker');
    processes.push(worker);
    const sql = seeder.get(DataSource);
    await waitFor(async () => (await queue.getWorkersCount()) > 0, 180_000, 'the worker');
    const cpuBefore = cpuSeconds(worker.pid!);
    await seeder.get(PublicationService).finalise(await adminCtx(seeder), publicationId);
    await waitFor(
      async () => (await runOf(sql, publicationId))?.state === 'DONE',
      600_000,
      'the documents job',
    );
    const workerCpuSeconds = cpuSeconds(worker.pid!) - cpuBefore;
    const [{ requestedAt }] = (await sql.query(
      'SELECT requested_at AS requestedAt FROM publication_document_runs WHERE publication_id = ?',
      [publicationId],
    )) as { requestedAt: Date }[];
    const done = await queue.getJob(documentsJobId(publicationId, requestedAt));
    if (!done?.finishedOn || !done.processedOn) throw new Error('the documents job: no times');
    const job = { ms: done.finishedOn - done.processedOn };
    const [{ n: stored }] = (await sql.query(
      "SELECT COUNT(*) AS n FROM publication_documents WHERE publication_id = ? AND kind = 'CERTIFICATE'",
      [publicationId],
    )) as { n: string }[];
    if (Number(stored) !== CERTIFICATES) throw new Error(`${stored} certificates stored`);
    const codes = (
      (await sql.query(
        'SELECT entry_code AS code FROM published_items WHERE publication_id = ? AND certificate_code IS NOT NULL',
        [publicationId],
      )) as { code: string }[]
    ).map((r) => r.code);
    await seeder.close();
    await stop(worker);

    // The API, serving from storage.
    const port = 3990 + Math.floor(Math.random() * 9);
    const api = start(config, 'api', port);
    processes.push(api);
    await waitUntilReady(`http://127.0.0.1:${port}/health/ready`);
    const token = await login(port, config);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string) => fetchBytes(agent, port, path, token);
    const random = mulberry32(0x22);
    const pick = () => codes[Math.floor(random() * codes.length)];
    const certificate = (code: string) =>
      get(`/api/publications/${publicationId}/certificates/${code}.pdf`);

    for (let i = 0; i < 20; i++) await certificate(pick()); // warm-up: JIT, pools, page cache
    const requestMs: number[] = [];
    const apiCpuBefore = cpuSeconds(api.pid!);
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      const res = await certificate(pick());
      requestMs.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`certificate: HTTP ${res.status}`);
    }
    const apiCpuMsPerRequest = ((cpuSeconds(api.pid!) - apiCpuBefore) * 1000) / REQUESTS;
    const zipMs: number[] = [];
    const zipCpuBefore = cpuSeconds(api.pid!);
    let zipBytes = 0;
    for (let i = 0; i < ZIP_RUNS; i++) {
      const t0 = performance.now();
      const res = await get(`/api/publications/${publicationId}/certificates.zip`);
      zipMs.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`zip: HTTP ${res.status}`);
      zipBytes = res.body.length;
      const entries = res.body.toString('latin1').split('PK\x01\x02').length - 1;
      if (entries !== CERTIFICATES) throw new Error(`the ZIP holds ${entries} certificates`);
    }
    const zipCpuSeconds = (cpuSeconds(api.pid!) - zipCpuBefore) / ZIP_RUNS;
    // Drawn in the request, as before: the stored rows of 30 certificates deleted first.
    const cold = codes.slice(0, 30);
    const questions = await createConnection({ uri: `${base}/${DB}` });
    await questions.query(
      `DELETE FROM publication_documents WHERE publication_id = ? AND entry_code IN (${cold.map(() => '?').join(',')})`,
      [publicationId, ...cold],
    );
    await questions.end();
    const drawnMs: number[] = [];
    const drawnCpuBefore = cpuSeconds(api.pid!);
    for (const code of cold) {
      const t0 = performance.now();
      await certificate(code);
      drawnMs.push(performance.now() - t0);
    }
    const drawnCpuMs = ((cpuSeconds(api.pid!) - drawnCpuBefore) * 1000) / cold.length;
    agent.destroy();

    const report = {
      bench: 'publication-documents',
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      certificates: CERTIFICATES,
      distinctCharacters,
      seedSeconds: Math.round(seedSeconds * 10) / 10,
      job: {
        seconds: Math.round(job.ms / 10) / 100,
        workerCpuSeconds: Math.round(workerCpuSeconds * 100) / 100,
        msPerDocument: Math.round((job.ms / (CERTIFICATES + 1)) * 100) / 100,
      },
      certificateRequestMs: summarise(requestMs),
      certificateRequestApiCpuMs: Math.round(apiCpuMsPerRequest * 100) / 100,
      zip: {
        ms: summarise(zipMs),
        apiCpuSeconds: Math.round(zipCpuSeconds * 100) / 100,
        megabytes: Math.round(zipBytes / 10_485.76) / 100,
      },
      drawnInRequestMs: summarise(drawnMs),
      drawnInRequestApiCpuMs: Math.round(drawnCpuMs * 100) / 100,
      targets: TARGETS,
      note: 'job: its time in a worker process (BullMQ processedOn to finishedOn), with that process’s CPU over the same span; requests over HTTP to an API process of its own; drawnInRequestMs: a certificate not stored, drawn in the request as every request was before issue 22',
    };
    writeFileSync(
      join(RESULTS, 'publication-documents.json'),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await Promise.all(processes.map(stop));
    await queue.obliterate({ force: true }).catch(() => undefined);
    await deleteKeys(redis, `${config.queuePrefix}:*`);
    await queue.close();
    redis.disconnect();
    await root.query(`DROP DATABASE IF EXISTS ${DB}`);
    await root.end();
    rmSync(storageDir, { recursive: true, force: true });
  }
}

/** Stops a process of the app: SIGTERM, then SIGKILL if it is still there 20 s later. */
async function stop(child: ChildProcess): Promise<void> {
  // A process a signal ended has a signalCode and no exitCode.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** A process of the app: the built one under dist, or the sources through swc when run as .ts. */
function start(config: AppConfig, app: 'api' | 'worker', port?: number): ChildProcess {
  const fromSources = __filename.endsWith('.ts');
  const main = join(__dirname, '..', 'apps', app, 'src', fromSources ? 'main.ts' : 'main.js');
  const flags = fromSources
    ? ['-r', join(__dirname, '..', 'test', 'helpers', 'register-ts.cjs')]
    : [];
  // BENCH_PROFILE=<dir>: the process writes a CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const node = [...(app === 'api' ? API_NODE_FLAGS : []), ...profile, ...flags, main];
  return spawn(process.execPath, node, {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ...(port ? { PORT: String(port) } : {}),
      DATABASE_URL: config.databaseUrl.toString(),
      REDIS_URL: config.redisUrl.toString(),
      QUEUE_PREFIX: config.queuePrefix,
      STORAGE_DIR: config.storageDir,
      PUBLIC_URL: config.publicUrl,
      JWT_SECRET: config.jwtSecret!,
      ADMIN_EMAIL: config.adminEmail,
      ADMIN_PASSWORD: config.adminPassword!,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * A judged round of ENTRIES entries, tabulated and published, its awards cut to CERTIFICATES and
 * its items given names and titles drawn from a pool of common characters (the seed's own are
 * all alike), its notice ended: ready to be finalised.
 */
export async function seedPublication(
  api: Awaited<ReturnType<typeof createApi>>,
): Promise<{ publicationId: string; distinctCharacters: number }> {
  const ctx = await adminCtx(api);
  const { roundId } = await seedJudgedRound(api, ctx, {
    slug: 'bench-pubdocs',
    entries: ENTRIES,
    sheetsPerEntry: 2,
    judges: 40,
  });
  const sql = api.get(DataSource);
  await sql.query("UPDATE rounds SET status = 'CLOSED' WHERE id = ?", [roundId]);
  const outcome = await api.get(TabulationRunner).run(systemCtx('bench'), roundId, 'close');
  if (outcome.kind !== 'written') throw new Error(`tabulation: ${outcome.kind}`);
  const publication = await api
    .get(PublicationService)
    .publish(ctx, roundId, new Date(Date.now() + 86_400_000));
  const items = (await sql.query(
    'SELECT position FROM published_items WHERE publication_id = ? AND award_key IS NOT NULL ORDER BY position',
    [publication.id],
  )) as { position: number }[];
  if (items.length < CERTIFICATES) throw new Error(`only ${items.length} awards`);
  await sql.query(
    'UPDATE published_items SET award_key = NULL, award_name = NULL, award_rank = NULL WHERE publication_id = ? AND position > ? AND award_key IS NOT NULL',
    [publication.id, items[CERTIFICATES - 1].position],
  );
  const random = mulberry32(0x5eed22);
  const characters = new Set<string>();
  const all = (await sql.query('SELECT position FROM published_items WHERE publication_id = ?', [
    publication.id,
  ])) as { position: number }[];
  for (const { position } of all) {
    const entrant = entrantName(random);
    const title = titleOf(random);
    for (const c of entrant + title) characters.add(c);
    await sql.query(
      'UPDATE published_items SET entrant_name = ?, title = ? WHERE publication_id = ? AND position = ?',
      [entrant, title, publication.id, position],
    );
  }
  await sql.query('UPDATE publications SET notice_ends_at = ? WHERE id = ?', [
    new Date(Date.now() - 1000),
    publication.id,
  ]);
  return { publicationId: publication.id, distinctCharacters: characters.size };
}

const COMMON =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞';

function entrantName(random: () => number): string {
  const pick = (n: number) =>
    Array.from({ length: n }, () => COMMON[Math.floor(random() * COMMON.length)]).join('');
  switch (Math.floor(random() * 4)) {
    case 0:
      return `广西${pick(2)}市${pick(2 + Math.floor(random() * 3))}工艺品有限公司`;
    case 1:
      return `${pick(2)}县${pick(2)}民族手工艺合作社`;
    case 2:
      return pick(2 + Math.floor(random() * 2)); // a person
    default:
      return `${pick(3)}文化传播有限责任公司`;
  }
}

function titleOf(random: () => number): string {
  const n = 4 + Math.floor(random() * 9);
  const title = Array.from({ length: n }, () => COMMON[Math.floor(random() * COMMON.length)]);
  if (random() < 0.2) title.splice(2, 0, '·');
  return title.join('');
}

/** Every key of the bench's queue prefix (the worker's schedules and heartbeats too). */
async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function runOf(sql: DataSource, publicationId: string) {
  const [run] = (await sql.query(
    'SELECT state FROM publication_document_runs WHERE publication_id = ?',
    [publicationId],
  )) as { state: string }[];
  return run;
}

async function waitFor(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function login(port: number, config: AppConfig): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}',
      variables: { e: config.adminEmail, p: config.adminPassword },
    }),
  });
  const body = (await res.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.login.token;
}

function fetchBytes(
  agent: Agent,
  port: number,
  path: string,
  token: string,
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

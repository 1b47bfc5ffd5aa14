import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import { Connection, createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { loadConfig, Role, systemCtx } from '@app/core';
import { CategoryService, EventKind, EventService, EventStatus } from '@app/events';
import { EntrantService, EntrantType, RegionService } from '@app/identity';
import { completeCreditCode, GUANGXI_CITIES } from '@app/validators';
import { createApi } from '../apps/api/src/create-api';
import { API_NODE_FLAGS } from '../apps/api/src/node-flags';
import { waitUntilReady } from './fixtures';
import { summarise } from './stats';

const ENTRIES = 12_000;
const ENTRANTS = 236;
const PARENTS = 14;
const LEAVES_PER_PARENT = [4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4]; // 47 minor categories

const PAGE_WITHOUT_COUNT = `query($eventId:ID!,$first:Int,$after:String,$filter:EntryFilter){entries(eventId:$eventId,first:$first,after:$after,filter:$filter){
  pageInfo{hasNextPage endCursor}
  edges{cursor node{id code title status category{code name} entrant{name region{code name}}}}}}`;

const PAGE = `query($eventId:ID!,$first:Int,$after:String,$filter:EntryFilter){entries(eventId:$eventId,first:$first,after:$after,filter:$filter){
  totalCount pageInfo{hasNextPage endCursor}
  edges{cursor node{id code title status category{code name} entrant{name region{code name}}}}}}`;

/**
 * 12,000 entries listed in pages of 100 with category, entrant and region: milliseconds per
 * page over HTTP and SQL statements per page. The entries are written with multi-row INSERTs:
 * this measures reading, not the write path.
 */
export async function entriesListingBench(): Promise<void> {
  const base = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `${base}/judging_bench`,
    QUEUE_PREFIX: 'judging_bench',
    JWT_SECRET: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    ADMIN_EMAIL: 'bench-admin@example.com',
    ADMIN_PASSWORD: 'bench-password-not-admin',
  });
  const root = await createConnection({ uri: base });
  await root.query('DROP DATABASE IF EXISTS judging_bench');
  await root.end();

  // Seed in-process through the services, then serve from a process of its own, as in
  // production: the client's JSON work must not share the server's event loop.
  const started = performance.now();
  const seeder = await createApi(config, { logger: ['error'] });
  await seeder.init();
  const eventId = await seed(seeder);
  const parentId = (
    await seeder
      .get(DataSource)
      .query("SELECT id FROM categories WHERE event_id = ? AND code = 'P01'", [eventId])
  )[0].id as string;
  await seeder.close();
  const seedSeconds = (performance.now() - started) / 1000;

  const port = 3900 + Math.floor(Math.random() * 90);
  // BENCH_PROFILE=<dir>: the API writes a CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const server = spawn(
    process.execPath,
    [...API_NODE_FLAGS, ...profile, join(__dirname, '..', 'apps', 'api', 'src', 'main.js')],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: config.databaseUrl.toString(),
        QUEUE_PREFIX: config.queuePrefix,
        JWT_SECRET: config.jwtSecret!,
        ADMIN_EMAIL: config.adminEmail,
        ADMIN_PASSWORD: config.adminPassword!,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  const questions = await createConnection({ uri: `${base}/judging_bench` });
  try {
    await waitUntilReady(`http://127.0.0.1:${port}/health/ready`);
    const token = await login(url, config.adminEmail, config.adminPassword!);
    const counter = statementCounter(questions);

    const walk = async (
      first: number,
      filter: Record<string, unknown> | null,
      withCount = true,
    ) => {
      const times: number[] = [];
      const statements: number[] = [];
      let after: string | null = null;
      let total = 0;
      let seen = 0;
      for (;;) {
        await counter.reset();
        const t0 = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: withCount ? PAGE : PAGE_WITHOUT_COUNT,
            variables: { eventId, first, after, filter },
          }),
        });
        const body = (await res.json()) as any;
        times.push(performance.now() - t0);
        statements.push(await counter.count());
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        total = withCount ? body.data.entries.totalCount : ENTRIES;
        seen += body.data.entries.edges.length;
        if (!body.data.entries.pageInfo.hasNextPage) break;
        after = body.data.entries.pageInfo.endCursor;
      }
      if (seen !== total) throw new Error(`walked ${seen} entries of ${total}`);
      return {
        first,
        filter,
        totalCount: withCount,
        pages: times.length,
        entries: total,
        ms: summarise(times),
        statementsPerPage: [...new Set(statements)],
      };
    };

    await walk(100, null); // warm-up: JIT, connection pool, InnoDB buffer pool
    const results = [];
    for (const first of [100, 50, 20]) results.push(await walk(first, null));
    results.push(await walk(100, null, false));
    results.push(await walk(100, { categoryId: parentId, regionCode: '450100' }));
    results.push(await walk(100, { search: '茶' }));

    const report = {
      bench: 'entries-listing',
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      entries: ENTRIES,
      entrants: ENTRANTS,
      categories: `${PARENTS} major, ${LEAVES_PER_PARENT.reduce((a, b) => a + b, 0)} minor`,
      seedSeconds: Math.round(seedSeconds * 10) / 10,
      note: 'over HTTP on 127.0.0.1 to an API process of its own (NODE_ENV=production); statements counted by the server (Questions); entries written by multi-row INSERT (reading is measured)',
      results,
    };
    writeFileSync(
      join(__dirname, '..', '..', 'bench', 'results', 'entries-listing.json'),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    process.stdout.write(
      `\nentries listing: ${ENTRIES} entries, ${report.categories} categories, ${ENTRANTS} entrants (${report.node}, ${report.cpus} CPUs)\n`,
    );
    process.stdout.write(
      'page size | totalCount | filter                      | pages | p50 ms | p95 ms | p99 ms | max ms | SQL/page\n',
    );
    for (const r of results) {
      process.stdout.write(
        `${String(r.first).padStart(9)} | ${String(r.totalCount).padEnd(10)} | ${JSON.stringify(
          r.filter ?? 'none',
        )
          .slice(0, 27)
          .padEnd(
            27,
          )} | ${String(r.pages).padStart(5)} | ${pad(r.ms.p50)} | ${pad(r.ms.p95)} | ${pad(r.ms.p99)} | ${pad(r.ms.max)} | ${r.statementsPerPage.join(',')}\n`,
      );
    }
    process.stdout.write('written to bench/results/entries-listing.json\n');
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await questions.end();
    // BENCH_KEEP=1 keeps judging_bench, to EXPLAIN its queries.
    if (process.env.BENCH_KEEP !== '1') {
      const cleanup = await createConnection({ uri: base });
      await cleanup.query('DROP DATABASE IF EXISTS judging_bench');
      await cleanup.end();
    }
  }
}

const pad = (n: number) => n.toFixed(2).padStart(6);

async function seed(app: INestApplication): Promise<string> {
  const ctx = {
    ...systemCtx('bench'),
    viewer: { userId: randomUUID(), role: Role.ADMIN, entrantId: null, regionCode: null },
  };
  await app.get(RegionService).upsert(
    ctx,
    GUANGXI_CITIES.map((c) => ({ code: c.code, name: c.name })),
  );
  const event = await app.get(EventService).create(ctx, {
    slug: 'bench',
    name: '基准测试展',
    kind: EventKind.CRAFTS_EXHIBITION,
    maxEntriesPerEntrant: 10_000,
  });
  const categories = app.get(CategoryService);
  const leaves: string[] = [];
  for (let p = 0; p < PARENTS; p++) {
    const parent = await categories.create(ctx, {
      eventId: event.id,
      code: `P${String(p + 1).padStart(2, '0')}`,
      name: `大类${p + 1}`,
    });
    for (let l = 0; l < LEAVES_PER_PARENT[p]; l++) {
      const leaf = await categories.create(ctx, {
        eventId: event.id,
        code: `${parent.code}-${l + 1}`,
        name: `小类${p + 1}-${l + 1}`,
        parentId: parent.id,
      });
      leaves.push(leaf.id);
    }
  }
  await app.get(EventService).setStatus(ctx, event.id, EventStatus.OPEN);
  const entrants: Array<{ id: string; region: string }> = [];
  for (let i = 0; i < ENTRANTS; i++) {
    const region = GUANGXI_CITIES[i % GUANGXI_CITIES.length].code;
    const entrant = await app.get(EntrantService).create(ctx, {
      type: EntrantType.ENTERPRISE,
      name: `基准企业${i + 1}`,
      creditCode: completeCreditCode(`91${region}MA${String(i + 1).padStart(6, '0')}`),
      regionCode: region,
    });
    entrants.push({ id: entrant.id, region });
  }
  const sql = app.get(DataSource);
  const statuses = ['DRAFT', 'SUBMITTED', 'ACCEPTED', 'REJECTED'];
  const start = Date.now() - ENTRIES * 1000;
  for (let batch = 0; batch < ENTRIES; batch += 1000) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let i = batch; i < Math.min(batch + 1000, ENTRIES); i++) {
      const entrant = entrants[i % ENTRANTS];
      const status = statuses[i % statuses.length];
      rows.push('(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
      values.push(
        randomUUID(),
        event.id,
        entrant.id,
        leaves[(i * 7) % leaves.length],
        entrant.region,
        status === 'ACCEPTED' ? `X-${String(i).padStart(5, '0')}` : null,
        status,
        `${i % 5 === 0 ? '茶具' : '作品'} ${i}`,
        '竹、木',
        '手工',
        JSON.stringify(['李明']),
        1,
        JSON.stringify([]),
        new Date(start + i * 1000),
        new Date(start + i * 1000),
      );
    }
    await sql.query(
      `INSERT INTO entries (id, event_id, entrant_id, category_id, region_code, code, status, title, materials, techniques, creators, item_count, patent_numbers, created_at, updated_at) VALUES ${rows.join(',')}`,
      values,
    );
  }
  await sql.query('ANALYZE TABLE entries, categories, entrants');
  return event.id;
}

async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}',
      variables: { e: email, p: password },
    }),
  });
  const body = (await res.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.login.token;
}

/**
 * Counts the statements the server ran for one request: the server's `Questions` counter
 * before and after (nothing else talks to the bench database), less our own SHOW.
 */
function statementCounter(sql: Connection) {
  let before = 0;
  const questions = async () =>
    Number(((await sql.query("SHOW GLOBAL STATUS LIKE 'Questions'")) as any)[0][0].Value);
  return {
    reset: async () => {
      before = await questions();
    },
    count: async () => (await questions()) - before - 1,
  };
}

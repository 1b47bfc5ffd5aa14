import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/core';
import { templateHeaders } from '@app/entries';
import { CategoryService, EventKind, EventService, EventStatus } from '@app/events';
import { EntrantService, EntrantType, RegionService } from '@app/identity';
import { completeCreditCode, GUANGXI_CITIES, patentCheckCharacter } from '@app/validators';
import { createApi } from '../apps/api/src/create-api';
import { API_NODE_FLAGS } from '../apps/api/src/node-flags';
import { adminCtx, waitUntilReady } from './fixtures';

const ROWS = 12_000;
const ENTRANTS = 236;
const PARENTS = 14;
const LEAVES_PER_PARENT = 4;
const DB = 'judging_bench_import';
const TARGETS = { seconds: 30, peakRssMb: 400 };

/**
 * Issue 22's import: one XLSX of 12,000 entries (credit code, category, title, a description,
 * materials, techniques, dimensions, two or three creators, item count, year, one or two patent
 * numbers), as an organiser fills in the template, sent to an API running in a process of its
 * own (`dist/apps/api`, production mode, the API's node flags); seconds from sending the file
 * to the answer that every row is stored (read, checked, resolved, written with its audit
 * record, in one transaction), and the API's peak resident memory meanwhile (VmHWM, reset
 * before the request). The seeding (event, categories, 236 entrants) is not timed.
 */
export async function entriesImportBench(): Promise<void> {
  const base = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `${base}/${DB}`,
    QUEUE_PREFIX: 'judging_bench_import',
    JWT_SECRET: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    ADMIN_EMAIL: 'bench-admin@example.com',
    ADMIN_PASSWORD: 'bench-password-not-admin',
  });
  const root = await createConnection({ uri: base });
  await root.query(`DROP DATABASE IF EXISTS ${DB}`);
  await root.end();

  const seeder = await createApi(config, { logger: ['error'] });
  await seeder.init();
  const { eventId, codes, leaves } = await seed(seeder);
  await seeder.close();
  const file = await workbook(codes, leaves);

  const port = 3900 + Math.floor(Math.random() * 90);
  const server = spawn(
    process.execPath,
    [...API_NODE_FLAGS, join(__dirname, '..', 'apps', 'api', 'src', 'main.js')],
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
  const sql = await createConnection({ uri: `${base}/${DB}` });
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(`${url}/health/ready`);
    const token = await login(`${url}/graphql`, config.adminEmail, config.adminPassword!);
    const idleRssMb = memory(server).rss;
    // Writing 5 resets the kernel's peak (VmHWM) to the present size: boot is not counted.
    writeFileSync(`/proc/${server.pid}/clear_refs`, '5');

    const form = new FormData();
    form.append('file', new Blob([file]), 'entries.xlsx');
    const started = performance.now();
    const res = await fetch(`${url}/api/events/${eventId}/entries/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const body = (await res.json()) as { imported?: number; reason?: string; report?: unknown[] };
    const seconds = (performance.now() - started) / 1000;
    const peakRssMb = memory(server).peak;
    if (res.status !== 200 || body.imported !== ROWS) {
      throw new Error(
        `the import answered ${res.status} ${body.reason ?? ''}: ${JSON.stringify(body).slice(0, 500)}`,
      );
    }
    const [[stored]] = (await sql.query(
      'SELECT COUNT(*) AS entries, (SELECT COUNT(*) FROM audit_records WHERE action = ?) AS audited FROM entries',
      ['entry.created'],
    )) as any;
    if (Number(stored.entries) !== ROWS || Number(stored.audited) !== ROWS) {
      throw new Error(`stored ${stored.entries} entries and ${stored.audited} audit records`);
    }

    const report = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      rows: ROWS,
      fileBytes: file.length,
      seconds: Math.round(seconds * 100) / 100,
      idleRssMb,
      peakRssMb,
      targets: TARGETS,
    };
    writeFileSync(
      join(__dirname, '..', '..', 'bench', 'results', 'entries-import.json'),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    process.stdout.write(
      `\nentries import: ${ROWS} rows (${(file.length / 1e6).toFixed(1)} MB XLSX) checked and ` +
        `committed in ${report.seconds} s (target ${TARGETS.seconds} s); API peak RSS ` +
        `${peakRssMb} MB (idle ${idleRssMb} MB, target ${TARGETS.peakRssMb} MB)\n` +
        'written to bench/results/entries-import.json\n',
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await sql.end();
    if (process.env.BENCH_KEEP !== '1') {
      const cleanup = await createConnection({ uri: base });
      await cleanup.query(`DROP DATABASE IF EXISTS ${DB}`);
      await cleanup.end();
    }
  }
}

/** An OPEN event with 14 × 4 leaf categories and 236 enterprise entrants. */
async function seed(
  app: INestApplication,
): Promise<{ eventId: string; codes: string[]; leaves: string[] }> {
  const ctx = await adminCtx(app);
  await app.get(RegionService).upsert(
    ctx,
    GUANGXI_CITIES.map((c) => ({ code: c.code, name: c.name })),
  );
  const event = await app.get(EventService).create(ctx, {
    slug: 'bench-import',
    name: '导入基准展',
    kind: EventKind.CRAFTS_EXHIBITION,
    maxEntriesPerEntrant: 1_000,
  });
  const categories = app.get(CategoryService);
  const leaves: string[] = [];
  for (let p = 0; p < PARENTS; p++) {
    const parent = await categories.create(ctx, {
      eventId: event.id,
      code: `P${String(p + 1).padStart(2, '0')}`,
      name: `大类${p + 1}`,
    });
    for (let l = 0; l < LEAVES_PER_PARENT; l++) {
      const code = `${parent.code}-${l + 1}`;
      await categories.create(ctx, {
        eventId: event.id,
        code,
        name: `小类${p + 1}-${l + 1}`,
        parentId: parent.id,
      });
      leaves.push(code);
    }
  }
  await app.get(EventService).setStatus(ctx, event.id, EventStatus.OPEN);
  const codes: string[] = [];
  for (let i = 0; i < ENTRANTS; i++) {
    const region = GUANGXI_CITIES[i % GUANGXI_CITIES.length].code;
    const creditCode = completeCreditCode(`91${region}MA${String(i + 1).padStart(6, '0')}`);
    await app.get(EntrantService).create(ctx, {
      type: EntrantType.ENTERPRISE,
      name: `导入企业${i + 1}`,
      creditCode,
      regionCode: region,
    });
    codes.push(creditCode);
  }
  await app.get(DataSource).query('ANALYZE TABLE categories, entrants');
  return { eventId: event.id, codes, leaves };
}

const CREATORS = ['李明', '王芳', '韦秀英', '覃海', '阿依古丽·买买提', '黄志强', '陆小凤', '蒙德'];
const MATERIALS = ['钦州坭兴陶土', '毛竹', '壮锦丝线', '红木', '银'];
const DESCRIPTION =
  '以传统手工技艺制作，选料考究，造型端庄，纹饰取材于广西山水与民族图案，' +
  '经拉坯、修坯、雕刻、填泥、烧制、打磨等多道工序完成，体现了地方工艺的传承与创新。';

/** The 12,000 rows in the template's columns, as an organiser would fill them in. */
async function workbook(codes: string[], leaves: string[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('作品 Entries');
  sheet.addRow(templateHeaders());
  for (let i = 0; i < ROWS; i++) {
    const application = `2019${String(10_000_000 + i).slice(-8)}`;
    const second = `2020${String(20_000_000 + i).slice(-8)}`;
    const patents = [`ZL${application}.${patentCheckCharacter(application)}`];
    if (i % 3 === 0) patents.push(`ZL${second}.${patentCheckCharacter(second)}`);
    const creators = [CREATORS[i % CREATORS.length], CREATORS[(i + 3) % CREATORS.length]];
    if (i % 4 === 0) creators.push(CREATORS[(i + 5) % CREATORS.length]);
    // Columns of templateHeaders(): credit code, entrant name, category, title, description,
    // materials, techniques, dimensions, creators, item count, year, patent numbers.
    sheet.addRow([
      codes[i % codes.length],
      '',
      leaves[(i * 7) % leaves.length],
      `第${i + 1}号作品 ${i % 5 === 0 ? '坭兴陶茶具' : '竹编花篮'}`,
      `${DESCRIPTION}（编号${i + 1}）`,
      MATERIALS[i % MATERIALS.length],
      '手工拉坯、雕刻',
      `${20 + (i % 30)}×${15 + (i % 20)}×${10 + (i % 10)} cm`,
      creators.join('、'),
      1 + (i % 4),
      2015 + (i % 10),
      patents.join('；'),
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
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

/** Current and peak resident memory of a process, from /proc (MB). */
function memory(child: ChildProcess): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

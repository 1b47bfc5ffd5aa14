import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import archiver from 'archiver';
import type { Queue } from 'bullmq';
import { createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { openAsBlob } from 'node:fs';
import { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/core';
import { EntryBatchService, validateEntryFields } from '@app/entries';
import { PHOTO } from '@app/fixtures';
import { QueueName } from '@app/queue';
import { createApi } from '../apps/api/src/create-api';
import { adminCtx, smallOpenEvent } from './fixtures';

const PHOTOS = 1_000;
/** Photos named by exhibit code; the rest by title. */
const BY_CODE = 800;
const DB = 'judging_bench_bulk_photos';
const TARGETS = { seconds: 60 };

/**
 * Issue 22's bulk photos: 1,000 photos of 1 MP (JPEG, about 300 kB each, every one different
 * bytes) in one ZIP, as an office makes it from a memory card (archiver, stored, with data
 * descriptors), 800 named by exhibit code and 200 by title, for an event of 1,000 entries. Sent
 * over HTTP to the API (production mode, in this process, listening on a port): the batch is
 * started, the ZIP uploaded and staged (every photo unpacked, hashed, checked, stored), the
 * preview matches all of them, the commit adds them and queues their renditions. Seconds from
 * starting the batch to the commit's answer, with each step's share; the images queue is paused
 * by no worker running, so every job is counted waiting at the end.
 */
export async function bulkPhotosBench(): Promise<void> {
  const base = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  const storageDir = join(tmpdir(), `judging-bench-bulk-${process.pid}`);
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `${base}/${DB}`,
    QUEUE_PREFIX: `judging_bench_bulk_${process.pid}`,
    STORAGE_DIR: storageDir,
    JWT_SECRET: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    ADMIN_EMAIL: 'bench-admin@example.com',
    ADMIN_PASSWORD: 'bench-password-not-admin',
    LOG_LEVEL: 'warn',
  });
  const root = await createConnection({ uri: base });
  await root.query(`DROP DATABASE IF EXISTS ${DB}`);
  await root.end();

  const api = await createApi(config, { logger: ['error'], webDir: null });
  await api.init();
  await api.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
  const work = join(storageDir, 'bench-input');
  mkdirSync(work, { recursive: true });
  try {
    const { eventId, codes, titles } = await seed(api);
    const zipPath = join(work, 'card.zip');
    const zipBytes = await writeZip(zipPath, codes, titles);
    const token = await login(`${url}/graphql`, config.adminEmail, config.adminPassword!);
    const auth = { authorization: `Bearer ${token}` };
    const call = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${url}${path}`, {
        ...init,
        headers: { ...auth, ...(init.headers ?? {}) },
      });
      const body = (await res.json()) as any;
      if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body)}`);
      return body;
    };

    const started = performance.now();
    const batch = await call(`/api/events/${eventId}/photo-batches`, { method: 'POST' });
    const form = new FormData();
    form.append('files', await openAsBlob(zipPath), 'card.zip');
    const sent = await call(`/api/photo-batches/${batch.id}/files`, { method: 'POST', body: form });
    const staged = performance.now();
    const preview = await call(`/api/photo-batches/${batch.id}`);
    const previewed = performance.now();
    const committed = await call(`/api/photo-batches/${batch.id}/commit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const finished = performance.now();

    const stagedCount = sent.files.filter((f: any) => f.state === 'STAGED').length;
    const queue = api.get<Queue>(getQueueToken(QueueName.Images), { strict: false });
    const waitingJobs = await queue.getWaitingCount();
    const [{ pending }] = await api
      .get(DataSource)
      .query("SELECT COUNT(*) AS pending FROM images WHERE status = 'PENDING'");
    if (
      stagedCount !== PHOTOS ||
      preview.counts.MATCHED !== PHOTOS ||
      committed.counts.ADDED !== PHOTOS ||
      Number(pending) !== PHOTOS ||
      waitingJobs !== PHOTOS
    ) {
      throw new Error(
        `staged ${stagedCount}, matched ${preview.counts.MATCHED}, added ${committed.counts.ADDED}, ` +
          `${pending} photos pending, ${waitingJobs} render jobs waiting (expected ${PHOTOS} each)`,
      );
    }
    const seconds = (ms: number) => Math.round(ms / 10) / 100;
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      photos: PHOTOS,
      byCode: BY_CODE,
      byTitle: PHOTOS - BY_CODE,
      zipMb: Math.round((zipBytes / 1024 / 1024) * 10) / 10,
      seconds: seconds(finished - started),
      uploadAndStageSeconds: seconds(staged - started),
      previewSeconds: seconds(previewed - staged),
      commitSeconds: seconds(finished - previewed),
      targets: TARGETS,
    };
    writeFileSync(join(resultsDir(), 'bulk-photos.json'), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(
      `\nbulk photos: ${PHOTOS} photos of 1 MP in a ${report.zipMb} MB ZIP matched and queued in ` +
        `${report.seconds} s (upload and staging ${report.uploadAndStageSeconds} s, preview ` +
        `${report.previewSeconds} s, commit ${report.commitSeconds} s; target ${TARGETS.seconds} s)\n` +
        'written to bench/results/bulk-photos.json\n',
    );
  } finally {
    await api.close();
    rmSync(storageDir, { recursive: true, force: true });
    if (process.env.BENCH_KEEP !== '1') {
      const cleanup = await createConnection({ uri: base });
      await cleanup.query(`DROP DATABASE IF EXISTS ${DB}`);
      await cleanup.end();
    }
  }
}

/** An OPEN event of 1,000 entries: 800 accepted with exhibit codes, 200 drafts with their titles. */
async function seed(api: INestApplication) {
  const ctx = await adminCtx(api);
  const { eventId, leafId, entrantId } = await smallOpenEvent(api, ctx, {
    slug: 'bench-bulk-photos',
    name: '批量照片基准',
    maxEntriesPerEntrant: PHOTOS,
  });
  const year = new Date().getFullYear();
  const items = Array.from({ length: PHOTOS }, (_, i) => {
    const checked = validateEntryFields(
      { title: `坭兴陶茶具 第${i + 1}号`, creators: ['李明'], itemCount: 1 },
      year,
    );
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    return { entrantId, categoryId: leafId, fields: checked.value };
  });
  const { ids } = await api.get(EntryBatchService).createMany(ctx, eventId, items, {
    dryRun: false,
  });
  const sql = api.get(DataSource);
  const codes: string[] = [];
  for (let i = 0; i < BY_CODE; i++) {
    const code = `P-1-${String(i + 1).padStart(4, '0')}`;
    codes.push(code);
    await sql.query("UPDATE entries SET status = 'ACCEPTED', code = ? WHERE id = ?", [
      code,
      ids[i],
    ]);
  }
  const titles = ids.slice(BY_CODE).map((_, i) => `坭兴陶茶具 第${BY_CODE + i + 1}号`);
  return { eventId, codes, titles };
}

/**
 * The ZIP: eight 1 MP JPEGs cut from the fixtures' real photos, each of the 1,000 files one of
 * them with a comment segment of its own (different bytes, different SHA-256, the same pixels).
 */
async function writeZip(path: string, codes: string[], titles: string[]): Promise<number> {
  const sources = [PHOTO.seeding, PHOTO.sunset, PHOTO.wine, PHOTO.wood];
  const bases: Buffer[] = [];
  for (const [i, source] of [...sources, ...sources].entries()) {
    bases.push(
      await sharp(source)
        .resize(1155, 866, { fit: 'cover', position: i < 4 ? 'centre' : 'north' })
        .jpeg({ quality: 90 })
        .toBuffer(),
    );
  }
  const names = [...codes.map((c) => `DCIM/${c}.jpg`), ...titles.map((t) => `按名称/${t}.jpg`)];
  const zip = archiver('zip', { store: true });
  const out = createWriteStream(path);
  const done = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    zip.on('error', reject);
  });
  zip.pipe(out);
  for (const [i, name] of names.entries()) {
    zip.append(withComment(bases[i % bases.length], `bench photo ${i}`), { name });
  }
  await zip.finalize();
  await done;
  return zip.pointer();
}

/** A JPEG with a COM segment after its SOI: other bytes, the same photo. */
function withComment(jpeg: Buffer, text: string): Buffer {
  const body = Buffer.from(text);
  const segment = Buffer.alloc(4 + body.length);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(body.length + 2, 2);
  body.copy(segment, 4);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
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

/** bench/results, from the sources or from dist/bench. */
function resultsDir(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'bench', 'results');
    if (dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

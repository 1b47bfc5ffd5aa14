import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { inParallel, ScaleClient } from './scale-http';
import type { ScaleOptions } from './scale-options';

/**
 * A JPEG that compresses like a photo: coarse noise blown up into soft shapes, with fine grain
 * on top (plain noise would be several times a real photo's size, a flat gradient a tenth).
 * About 260 kB at 1 MP and 2.9 MB at 12 MP, quality 85.
 */
export async function photoLike(width: number, height: number, seed: number): Promise<Buffer> {
  const coarse = await sharp({
    create: {
      width: Math.ceil(width / 40),
      height: Math.ceil(height / 40),
      channels: 3,
      background: { r: 60 + ((seed * 37) % 160), g: 90 + ((seed * 11) % 120), b: 70 },
      noise: { type: 'gaussian', mean: 110 + (seed % 40), sigma: 60 },
    },
  })
    .png()
    .toBuffer();
  const pixels = await sharp(coarse).resize(width, height, { kernel: 'cubic' }).raw().toBuffer();
  const grain = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 0, sigma: 18 },
    },
  })
    .raw()
    .toBuffer();
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.min(255, pixels[i] + grain[i]);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

export interface PhotoPhase {
  photos: number;
  megapixels: number;
  meanKb: number;
  /** from the first upload sent to the last answered */
  uploadSeconds: number;
  uploadsPerSecond: number;
  uploadMbPerSecond: number;
  /** from the first photo the worker took to the last READY */
  renderSeconds: number;
  rendersPerSecond: number;
  /** from the first upload to every photo READY: what an organiser waits */
  untilAllReadySeconds: number;
  /** CPU the worker spent on this phase's photos, per photo: what a busy machine does not stretch */
  workerCpuMsPerPhoto: number;
}

export interface PhotoFigures {
  generateSeconds: number;
  distinctFiles: { small: number; large: number };
  small: PhotoPhase | null;
  large: PhotoPhase | null;
  extrapolation: {
    /** every photo of the edition (36,000) at ~1 MP, at the small phase's rate */
    editionSmallSeconds: number | null;
    /** every photo of the edition at full size, at the full-size sample's render rate */
    editionFullSizeSeconds: number | null;
    editionFullSizeUploadSeconds: number | null;
    editionFullSizeGb: number | null;
    /** the worker's CPU for every photo of the edition at full size, and that spread over 2 idle cores */
    editionFullSizeWorkerCpuHours: number | null;
    editionFullSizeOnTwoIdleCoresSeconds: number | null;
  };
}

const SMALL_POOL = 24;
const LARGE_POOL = 4;

/**
 * Stage 2: the photos uploaded through POST /api/entries/{id}/images (`uploadConcurrency` at
 * once, as the organiser: entrants upload their own the same way) and rendered by the worker
 * process. The small ones first, three to an entry, then the full-size sample, each to an
 * entry of its own from the end of the list, timed apart so its rate is its own. The files are
 * a pool of distinct generated JPEGs, none twice on one entry (that upload would be a
 * duplicate, answered 200 without a rendition).
 */
export async function photoStage(
  client: ScaleClient,
  token: string,
  sql: DataSource,
  options: ScaleOptions,
  entryIds: readonly string[],
  editionPhotos: number,
  workerCpuSeconds: () => number,
): Promise<PhotoFigures> {
  const smallCount = Math.min(options.photos - options.largePhotos, entryIds.length * 3);
  const largeCount = Math.min(options.largePhotos, entryIds.length);
  const generated = performance.now();
  const smallPool: Buffer[] = [];
  for (let i = 0; i < Math.min(SMALL_POOL, Math.max(3, smallCount)); i++) {
    smallPool.push(await photoLike(options.smallSize.width, options.smallSize.height, i));
  }
  const largePool: Buffer[] = [];
  for (let i = 0; i < Math.min(LARGE_POOL, largeCount); i++) {
    largePool.push(await photoLike(options.largeSize.width, options.largeSize.height, 100 + i));
  }
  const generateSeconds = (performance.now() - generated) / 1000;
  options.log(
    `  generated ${smallPool.length} + ${largePool.length} distinct JPEGs in ${generateSeconds.toFixed(1)} s`,
  );

  const small =
    smallCount === 0
      ? null
      : await phase(client, token, sql, options, workerCpuSeconds, 0, {
          size: options.smallSize,
          uploads: Array.from({ length: smallCount }, (_, p) => ({
            entryId: entryIds[Math.floor(p / 3)],
            bytes: smallPool[p % smallPool.length],
          })),
        });
  const large =
    largeCount === 0
      ? null
      : await phase(client, token, sql, options, workerCpuSeconds, smallCount, {
          size: options.largeSize,
          uploads: Array.from({ length: largeCount }, (_, p) => ({
            entryId: entryIds[entryIds.length - 1 - p],
            bytes: largePool[p % largePool.length],
          })),
        });

  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    generateSeconds: round(generateSeconds),
    distinctFiles: { small: smallPool.length, large: largePool.length },
    small,
    large,
    extrapolation: {
      editionSmallSeconds: small ? round(editionPhotos / small.rendersPerSecond) : null,
      editionFullSizeSeconds: large ? round(editionPhotos / large.rendersPerSecond) : null,
      editionFullSizeUploadSeconds: large
        ? round((editionPhotos * large.meanKb) / 1024 / large.uploadMbPerSecond)
        : null,
      editionFullSizeGb: large ? round((editionPhotos * large.meanKb) / 1024 / 1024) : null,
      editionFullSizeWorkerCpuHours: large
        ? round((editionPhotos * large.workerCpuMsPerPhoto) / 1000 / 3600)
        : null,
      editionFullSizeOnTwoIdleCoresSeconds: large
        ? round((editionPhotos * large.workerCpuMsPerPhoto) / 1000 / 2)
        : null,
    },
  };
}

/** How often the photo phases look at the images' states. */
const WATCH_POLL_MS = 200;

async function phase(
  client: ScaleClient,
  token: string,
  sql: DataSource,
  options: ScaleOptions,
  workerCpuSeconds: () => number,
  readyBefore: number,
  plan: {
    size: { width: number; height: number };
    uploads: Array<{ entryId: string; bytes: Buffer }>;
  },
): Promise<PhotoPhase> {
  const total = plan.uploads.length;
  const cpuBefore = workerCpuSeconds();
  const started = performance.now();
  let firstTaken: number | null = null;
  let watching = true;
  // The worker's progress, watched while the uploads go on; two minutes without a photo
  // taken or finished means the worker is gone.
  const watcher = (async () => {
    let last = '';
    let lastChange = performance.now();
    while (watching) {
      const [row] = await sql.query(
        "SELECT SUM(status <> 'PENDING') AS taken, SUM(status = 'READY') AS ready, SUM(status = 'FAILED') AS failed FROM images",
      );
      if (Number(row.failed) > 0) throw new Error(`${row.failed} photos FAILED`);
      if (firstTaken === null && Number(row.taken) > readyBefore) firstTaken = performance.now();
      if (Number(row.ready) >= readyBefore + total) return performance.now();
      const now = performance.now();
      if (`${row.taken}/${row.ready}` !== last)
        [last, lastChange] = [`${row.taken}/${row.ready}`, now];
      if (now - lastChange > 120_000) throw new Error(`no photo rendered for 2 minutes (${last})`);
      await new Promise((resolve) => setTimeout(resolve, WATCH_POLL_MS));
    }
    return performance.now();
  })();
  watcher.catch(() => undefined); // awaited below; a failure meanwhile is not unhandled
  let sent = 0;
  let bytes = 0;
  try {
    await inParallel(plan.uploads, options.uploadConcurrency, async (upload, index) => {
      await client.upload(token, upload.entryId, upload.bytes, `photo-${index + 1}.jpg`);
      bytes += upload.bytes.length;
      sent += 1;
      if (sent % 2000 === 0) options.log(`  ${sent} / ${total} uploaded`);
    });
  } catch (error) {
    watching = false;
    await watcher.catch(() => undefined);
    throw error;
  }
  const uploaded = performance.now();
  const allReady = await watcher;
  const workerCpu = workerCpuSeconds() - cpuBefore;
  const uploadSeconds = (uploaded - started) / 1000;
  // From the first photo seen taken; when it was seen on the same poll as the last one ready
  // (a tiny run, a fast worker), from the first upload instead: slower, never zero.
  const renderFrom =
    firstTaken !== null && allReady - firstTaken >= WATCH_POLL_MS ? firstTaken : started;
  const renderSeconds = (allReady - renderFrom) / 1000;
  const r2 = (n: number) => Math.round(n * 100) / 100;
  return {
    photos: total,
    megapixels: r2((plan.size.width * plan.size.height) / 1e6),
    meanKb: Math.round(bytes / total / 1024),
    uploadSeconds: r2(uploadSeconds),
    uploadsPerSecond: r2(total / uploadSeconds),
    uploadMbPerSecond: r2(bytes / 1024 / 1024 / uploadSeconds),
    renderSeconds: r2(renderSeconds),
    rendersPerSecond: r2(total / renderSeconds),
    untilAllReadySeconds: r2((allReady - started) / 1000),
    workerCpuMsPerPhoto: Math.round((workerCpu * 1000) / total),
  };
}

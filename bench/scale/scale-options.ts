import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The size of one scale run and where it runs; `scaleOptionsFromEnv` reads it for the script. */
export interface ScaleOptions {
  /**
   * dropped and recreated, and dropped after the run unless `keep`: its name must contain
   * "scale" (a stray DATABASE_URL is not wiped)
   */
  databaseUrl: string;
  redisUrl: string;
  /** its Redis keys are deleted before the run */
  queuePrefix: string;
  /** emptied before the run; removed after it unless `keep` */
  storageDir: string;
  /** the built `apps` directory holding api/src/main.js and worker/src/main.js */
  appsDir: string;
  entries: number;
  entrants: number;
  majorCategories: number;
  leafCategories: number;
  judges: number;
  panels: number;
  judgesPerEntry: number;
  /** photos in all, the full-size sample included */
  photos: number;
  /** how many of them are rendered at full size, apart, for timing */
  largePhotos: number;
  smallSize: { width: number; height: number };
  largeSize: { width: number; height: number };
  /** uploads in flight at once */
  uploadConcurrency: number;
  /** how long the publication's public notice runs before it is finalised */
  noticeSeconds: number;
  /** the JSON report is written here when given */
  resultsFile: string | null;
  /** SCALE_KEEP=1: the database, the photos and the queue are left for inspection */
  keep: boolean;
  log: (line: string) => void;
}

/** The scale of one real edition (docs/roles-and-rules.md, "Scale"), as defaults. */
export const EDITION = {
  entries: 12_000,
  entrants: 236,
  majorCategories: 14,
  leafCategories: 47,
  judges: 100,
  panels: 4,
  judgesPerEntry: 5,
  photos: 36_000,
  largePhotos: 100,
} as const;

const count = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};

/**
 * `npm run seed:scale`'s options: the edition's sizes unless SCALE_ENTRIES, SCALE_PHOTOS,
 * SCALE_LARGE_PHOTOS, SCALE_JUDGES or SCALE_ENTRANTS say otherwise; DATABASE_URL (default
 * `judging_scale` on the local server), REDIS_URL, SCALE_QUEUE_PREFIX, SCALE_STORAGE_DIR.
 */
export function scaleOptionsFromEnv(env: NodeJS.ProcessEnv, appsDir: string): ScaleOptions {
  const photos = count(env, 'SCALE_PHOTOS', EDITION.photos);
  return {
    databaseUrl: env.DATABASE_URL || 'mysql://root@127.0.0.1:3306/judging_scale',
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    queuePrefix: env.SCALE_QUEUE_PREFIX || 'judging_scale',
    storageDir: env.SCALE_STORAGE_DIR || join(tmpdir(), 'judging-scale-media'),
    appsDir,
    entries: count(env, 'SCALE_ENTRIES', EDITION.entries),
    entrants: count(env, 'SCALE_ENTRANTS', EDITION.entrants),
    majorCategories: EDITION.majorCategories,
    leafCategories: EDITION.leafCategories,
    judges: count(env, 'SCALE_JUDGES', EDITION.judges),
    panels: EDITION.panels,
    judgesPerEntry: EDITION.judgesPerEntry,
    photos,
    largePhotos: Math.min(photos, count(env, 'SCALE_LARGE_PHOTOS', EDITION.largePhotos)),
    smallSize: { width: 1200, height: 900 }, // 1.08 MP
    largeSize: { width: 4000, height: 3000 }, // 12 MP, a phone camera's photo
    uploadConcurrency: count(env, 'SCALE_UPLOAD_CONCURRENCY', 6),
    noticeSeconds: count(env, 'SCALE_NOTICE_SECONDS', 20),
    resultsFile: join(process.cwd(), 'bench', 'results', 'seed-scale.json'),
    keep: env.SCALE_KEEP === '1',
    log: (line) => process.stdout.write(`${line}\n`),
  };
}

/** Refuses a database whose name does not say it is a scale run's, before it is dropped. */
export function scaleDatabaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name) || !name.includes('scale')) {
    throw new Error(
      `seed:scale drops and recreates its database: "${name}" does not look like one of its own (its name must contain "scale")`,
    );
  }
  return name;
}

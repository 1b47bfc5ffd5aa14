import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { PHOTO } from '@app/fixtures';

/**
 * The photos the images benchmarks render: 28 JPEGs in the sizes and encodings of the 28
 * Debian wallpapers the earlier runs used (1.3–20.4 MP, 6.4 MP on average, portrait and
 * landscape, baseline and progressive, 4:2:0 and 4:4:4), made with sharp from the six real
 * photos in test/fixtures/images, since only those are in the repository. Each is cut (cover,
 * centred) from a fixture of the same orientation, taken in turn among those at least as large
 * (the largest when none is: only the 20 MP one is enlarged), so the pixels stay photographs.
 * 4:2:2, which sharp cannot write, becomes 4:2:0.
 */
const SET: ReadonlyArray<{ width: number; height: number; progressive: boolean; c444?: true }> = [
  { width: 4352, height: 2448, progressive: true },
  { width: 4224, height: 3168, progressive: true },
  { width: 2572, height: 1740, progressive: true },
  { width: 1365, height: 1074, progressive: true, c444: true },
  { width: 2560, height: 3837, progressive: true },
  { width: 3088, height: 2056, progressive: true },
  { width: 2880, height: 2160, progressive: false },
  { width: 2880, height: 2160, progressive: false, c444: true },
  { width: 2056, height: 3088, progressive: true },
  { width: 2880, height: 2160, progressive: true, c444: true },
  { width: 3088, height: 2056, progressive: true },
  { width: 3264, height: 2448, progressive: true },
  { width: 5312, height: 2988, progressive: true },
  { width: 4272, height: 2848, progressive: true },
  { width: 6028, height: 3391, progressive: false },
  { width: 3840, height: 2160, progressive: true },
  { width: 2560, height: 1600, progressive: false },
  { width: 1920, height: 1200, progressive: false },
  { width: 1680, height: 1050, progressive: false },
  { width: 1600, height: 1203, progressive: true },
  { width: 2560, height: 1600, progressive: false },
  { width: 1280, height: 1024, progressive: true },
  { width: 2560, height: 1600, progressive: false },
  { width: 1920, height: 1200, progressive: false },
  { width: 1920, height: 1280, progressive: false },
  { width: 2560, height: 1600, progressive: false },
  { width: 2560, height: 1920, progressive: false },
  { width: 2560, height: 1600, progressive: false },
];
/** JPEG qualities, in turn: the wallpapers went from q70 to q100. */
const QUALITIES = [92, 80, 70, 95, 85, 100, 75];
/** Bump when the recipe changes: the folder's name changes with it. */
const RECIPE = 1;

export interface BenchPhotos {
  dir: string;
  files: string[];
  megapixels: number;
}

/**
 * Makes the set once into a folder of the system's temp dir named after the recipe and sharp's
 * version (about 20 s), and finds it there on later runs; both benchmarks and the vipsthumbnail
 * anchor read the same files.
 */
export async function benchPhotos(): Promise<BenchPhotos> {
  const key = createHash('sha256')
    .update(JSON.stringify({ RECIPE, SET, QUALITIES, PHOTO, sharp: sharp.versions }))
    .digest('hex')
    .slice(0, 12);
  const dir = join(tmpdir(), `judging-bench-photos-${key}`);
  if (!existsSync(join(dir, '.complete'))) {
    const partial = `${dir}.${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    await make(partial);
    writeFileSync(join(partial, '.complete'), '');
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jpg'))
    .sort();
  const megapixels = SET.reduce((sum, p) => sum + (p.width * p.height) / 1e6, 0);
  return { dir, files, megapixels: Math.round(megapixels * 10) / 10 };
}

async function make(dir: string): Promise<void> {
  const sources = await Promise.all(
    Object.values(PHOTO).map(async (path) => {
      const { width, height } = await sharp(path).metadata();
      return { path, width: width!, height: height! };
    }),
  );
  const turn = new Map<boolean, number>();
  for (const [index, target] of SET.entries()) {
    const portrait = target.height > target.width;
    const sameWay = sources
      .filter((s) => s.height > s.width === portrait)
      .sort((a, b) => b.width * b.height - a.width * a.height);
    const bigEnough = sameWay.filter((s) => s.width >= target.width && s.height >= target.height);
    const candidates = bigEnough.length > 0 ? bigEnough : sameWay.slice(0, 1);
    const n = turn.get(portrait) ?? 0;
    turn.set(portrait, n + 1);
    const source = candidates[n % candidates.length];
    const bytes = await sharp(source.path)
      .resize(target.width, target.height, { fit: 'cover' })
      .keepExif()
      .jpeg({
        quality: QUALITIES[index % QUALITIES.length],
        progressive: target.progressive,
        chromaSubsampling: target.c444 ? '4:4:4' : '4:2:0',
      })
      .toBuffer();
    const name = `${String(index + 1).padStart(2, '0')}_${target.width}x${target.height}.jpg`;
    writeFileSync(join(dir, name), bytes);
  }
}

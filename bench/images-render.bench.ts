import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderRenditions } from '@app/media';
import { benchPhotos } from './bench-photos';

/** bench/vips-anchor.sh, from dist/bench where this runs */
const ANCHOR = join(__dirname, '..', '..', 'bench', 'vips-anchor.sh');
const IN_FLIGHT = 2; // WORKER_CONCURRENCY's default: libvips runs one thread per image on glibc

/**
 * The renditions' rate on the bench photos (bench-photos.ts: 28 made from the real fixtures),
 * measured in the same run as the vipsthumbnail anchor (issue 4): photos per second for both,
 * their ratio, and peak memory.
 */
export async function imagesRenderBench(): Promise<void> {
  const { dir: photos, files, megapixels } = await benchPhotos();
  const out = mkdtempSync(join(tmpdir(), 'renditions-'));
  try {
    await renderRenditions(join(photos, files[0])); // warm-up: load libvips and its codecs

    const started = performance.now();
    let next = 0;
    let written = 0;
    const lane = async () => {
      while (next < files.length) {
        const file = files[next++];
        const rendered = await renderRenditions(join(photos, file));
        for (const r of rendered.renditions) {
          writeFileSync(join(out, `${file}.${r.size}.webp`), r.bytes);
          written += r.bytes.length;
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    const seconds = (performance.now() - started) / 1000;
    const ours = files.length / seconds;
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

    let anchor: number | null = null;
    let anchorLine = 'vipsthumbnail not installed (apt-get install libvips-tools)';
    try {
      anchorLine = execFileSync('bash', [ANCHOR, photos, join(out, 'anchor')], {
        encoding: 'utf8',
      }).trim();
      anchor = Number(/= ([\d.]+) photos\/s/.exec(anchorLine)?.[1]);
    } catch (error) {
      anchorLine = `anchor failed: ${(error as Error).message.split('\n')[0]}`;
    }

    const report = {
      bench: 'images-render',
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      photos: files.length,
      photoSet: `bench-photos.ts from test/fixtures/images, ${megapixels} MP in all`,
      inFlight: IN_FLIGHT,
      seconds: Math.round(seconds * 100) / 100,
      photosPerSecond: Math.round(ours * 100) / 100,
      anchorPhotosPerSecond: anchor,
      ratioToAnchor: anchor ? Math.round((ours / anchor) * 100) / 100 : null,
      peakRssMb,
      renditionBytes: written,
      anchorLine,
    };
    writeFileSync(
      join(__dirname, '..', '..', 'bench', 'results', 'images-render.json'),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    process.stdout.write(
      `\nrenditions: ${files.length} photos in ${report.seconds} s = ${report.photosPerSecond} photos/s (${IN_FLIGHT} in flight), peak RSS ${peakRssMb} MB\n` +
        `${anchorLine}\nratio to the anchor: ${report.ratioToAnchor ?? 'n/a'} (target >= 1.6, peak RSS <= 450 MB)\n` +
        'written to bench/results/images-render.json\n',
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

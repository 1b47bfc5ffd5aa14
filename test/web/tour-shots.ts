import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';

/**
 * The screenshots of docs/first-ten-minutes.md, in the order the tour takes them. The browser
 * test (organiser-tour.e2e-spec.ts) takes exactly these, and a unit test
 * (apps/api/test/docs-tour.spec.ts) holds the document, this list and docs/images/tour/ to the
 * same names.
 */
export const TOUR_SHOTS = [
  '01-sign-in',
  '02-new-event',
  '03-categories',
  '04-entry-counts',
  '05-screening',
  '06-new-round',
  '07-panel-and-assignment',
  '08-progress',
  '09-results',
  '10-notice',
  '11-final',
  '12-public-results',
] as const;

export type TourShot = (typeof TOUR_SHOTS)[number];

/** The browser window of the tour: a common laptop screen, so the pictures stay small. */
export const TOUR_VIEWPORT = { width: 1366, height: 768 } as const;

const ROOT = resolve(__dirname, '../..');

/** Where the committed copies live (docs/first-ten-minutes.md links them). */
export const TOUR_IMAGES_DIR = join(ROOT, 'docs/images/tour');

/**
 * With UPDATE_DOC_SCREENSHOTS=1: the tour's screenshots, re-encoded as palette PNGs (a few
 * tens of kB each), replace docs/images/tour/. Without it, nothing is written there.
 */
export async function publishTourShots(fromDir: string): Promise<boolean> {
  if (process.env.UPDATE_DOC_SCREENSHOTS !== '1') return false;
  mkdirSync(TOUR_IMAGES_DIR, { recursive: true });
  for (const file of readdirSync(TOUR_IMAGES_DIR)) {
    if (file.endsWith('.png')) rmSync(join(TOUR_IMAGES_DIR, file));
  }
  for (const name of TOUR_SHOTS) {
    await sharp(join(fromDir, `${name}.png`))
      .png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 })
      .toFile(join(TOUR_IMAGES_DIR, `${name}.png`));
  }
  return true;
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { TOUR_IMAGES_DIR, TOUR_SHOTS, TOUR_VIEWPORT } from '../../../test/web/tour-shots';

const ROOT = resolve(__dirname, '../../..');
const DOC = readFileSync(join(ROOT, 'docs/first-ten-minutes.md'), 'utf8');

/**
 * docs/first-ten-minutes.md shows the screenshots the browser tour takes (TOUR_SHOTS; the tour
 * test fails unless it takes exactly those), in the same order, and docs/images/tour/ holds
 * those and no others.
 */
describe('docs/first-ten-minutes.md', () => {
  it('shows every screenshot of the tour, in its order, and no other picture', () => {
    const images = [...DOC.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(images).toEqual(TOUR_SHOTS.map((name) => `images/tour/${name}.png`));
  });

  it('has each one committed in docs/images/tour/, small, at the size of the tour window', async () => {
    const files = readdirSync(TOUR_IMAGES_DIR).sort();
    expect(files).toEqual(TOUR_SHOTS.map((name) => `${name}.png`).sort());
    for (const file of files) {
      const path = join(TOUR_IMAGES_DIR, file);
      const { format, width, height } = await sharp(path).metadata();
      expect({ file, format, width, height }).toEqual({ file, format: 'png', ...TOUR_VIEWPORT });
      expect({ file, small: statSync(path).size < 200 * 1024 }).toEqual({ file, small: true });
    }
  });

  it('names the command that refreshes them', () => {
    expect(DOC).toContain('UPDATE_DOC_SCREENSHOTS=1');
    expect(DOC).toContain('test/web/organiser-tour.e2e-spec.ts');
  });
});

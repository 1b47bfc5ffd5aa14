import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ImageDecodeError, renderRenditions } from './renditions';
import { sniffImage } from './sniff';

const SAMPLES = join(__dirname, '..', '..', '..', '..', 'shared', 'sample-images');
const sample = (file: string) => join(SAMPLES, file);
const SEEDING = 'real/13_lomiri1604_seeding_by_Clements_Engelhardt.jpg';

function meanDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

describe('renderRenditions', () => {
  it('makes WebP renditions of 2048, 1024 and 320 px on the long edge from a 3840×2160 photo', async () => {
    const source = sample('real/16_mate_Elephants_3840x2160.jpg');
    const out = await renderRenditions(source);
    expect({ width: out.width, height: out.height }).toEqual({ width: 3840, height: 2160 });
    const sizes = Object.fromEntries(out.renditions.map((r) => [r.size, [r.width, r.height]]));
    expect(sizes).toEqual({ LARGE: [2048, 1152], MEDIUM: [1024, 576], THUMB: [320, 180] });
    for (const r of out.renditions) {
      const meta = await sharp(r.bytes).metadata();
      expect(meta.format).toBe('webp');
      expect([meta.width, meta.height]).toEqual([r.width, r.height]);
    }
    expect(out.placeholder).toMatch(/^#[0-9a-f]{6}$/);
  });

  it.each(['formats/orient6_seeding_1600.jpg', 'formats/orient8_seeding_1600.jpg'])(
    'turns %s upright by its EXIF orientation, and keeps no EXIF',
    async (file) => {
      const meta = await sharp(sample(file)).metadata();
      expect([6, 8]).toContain(meta.orientation);
      const out = await renderRenditions(sample(file));
      // stored sideways: upright, the width and the height swap
      expect([out.width, out.height]).toEqual([meta.height, meta.width]);
      const large = out.renditions.find((r) => r.size === 'LARGE')!;
      expect(large.width).toBe(meta.height);
      // and the right way up: the pixels match the upright original's
      const ours = await sharp(large.bytes).removeAlpha().raw().toBuffer();
      const reference = await sharp(sample(SEEDING))
        .resize(large.width, large.height, { fit: 'fill' })
        .removeAlpha()
        .raw()
        .toBuffer();
      expect(meanDifference(ours, reference)).toBeLessThan(12);
      const rendered = await sharp(large.bytes).metadata();
      expect(rendered.orientation).toBeUndefined();
      expect(rendered.exif).toBeUndefined();
      expect(rendered.xmp).toBeUndefined();
      expect(rendered.icc).toBeUndefined();
    },
  );

  it('strips EXIF with GPS, XMP and comments a camera wrote', async () => {
    const withMetadata = await sharp(sample('formats/png_seeding_1024.png'))
      .jpeg()
      .withExif({
        IFD0: { Make: 'Canon', Artist: '韦𠮷阿婆' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '22/1 48/1 0/1' },
      })
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>',
      )
      .toBuffer();
    expect((await sharp(withMetadata).metadata()).exif).toBeDefined();
    const out = await renderRenditions(withMetadata);
    for (const r of out.renditions) {
      const meta = await sharp(r.bytes).metadata();
      expect([meta.exif, meta.xmp, meta.iptc, meta.comments]).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
      expect(r.bytes.includes(Buffer.from('Canon'))).toBe(false);
    }
  });

  it('never enlarges a small photo', async () => {
    const small = await sharp({
      create: { width: 300, height: 200, channels: 3, background: '#884422' },
    })
      .png()
      .toBuffer();
    const out = await renderRenditions(small);
    expect(out.renditions.map((r) => [r.size, r.width, r.height])).toEqual([
      ['LARGE', 300, 200],
      ['MEDIUM', 300, 200],
      ['THUMB', 300, 200],
    ]);
    expect(out.placeholder).toBe('#884422');
  });

  it.each([
    'formats/png_seeding_1024.png',
    'formats/webp_seeding_2016.webp',
    'formats/avif_seeding_2016.avif',
  ])('renders %s, every accepted format', async (file) => {
    const out = await renderRenditions(sample(file));
    expect(out.renditions).toHaveLength(3);
    for (const r of out.renditions)
      expect(sniffImage(r.bytes)).toMatchObject({ ok: true, image: { format: 'webp' } });
  });

  it('refuses a truncated file and more pixels than allowed, as a decode error', async () => {
    const truncated = readFileSync(sample('formats/orient6_seeding_1600.jpg')).subarray(0, 20_000);
    await expect(renderRenditions(truncated)).rejects.toBeInstanceOf(ImageDecodeError);
    await expect(
      renderRenditions(sample('real/16_mate_Elephants_3840x2160.jpg'), { maxPixels: 1_000_000 }),
    ).rejects.toBeInstanceOf(ImageDecodeError);
  });
});

import sharp from 'sharp';
import { madeFormat, PHOTO } from '@app/fixtures';
import { ImageDecodeError, renderRenditions } from './renditions';
import { sniffImage } from './sniff';

function meanDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

describe('renderRenditions', () => {
  it('makes WebP renditions of 2048, 1024 and 320 px on the long edge from a 5312×2988 photo', async () => {
    const out = await renderRenditions(PHOTO.seeding);
    expect({ width: out.width, height: out.height }).toEqual({ width: 5312, height: 2988 });
    const sizes = Object.fromEntries(out.renditions.map((r) => [r.size, [r.width, r.height]]));
    expect(sizes).toEqual({ LARGE: [2048, 1152], MEDIUM: [1024, 576], THUMB: [320, 180] });
    for (const r of out.renditions) {
      const meta = await sharp(r.bytes).metadata();
      expect(meta.format).toBe('webp');
      expect([meta.width, meta.height]).toEqual([r.width, r.height]);
    }
    expect(out.placeholder).toMatch(/^#[0-9a-f]{6}$/);
  });

  it.each(['orient6', 'orient8'] as const)(
    'turns the made %s JPEG upright by its EXIF orientation, and keeps no EXIF',
    async (format) => {
      const file = await madeFormat(format);
      const meta = await sharp(file).metadata();
      expect([6, 8]).toContain(meta.orientation);
      const out = await renderRenditions(file);
      // stored sideways: upright, the width and the height swap
      expect([out.width, out.height]).toEqual([meta.height, meta.width]);
      const large = out.renditions.find((r) => r.size === 'LARGE')!;
      expect(large.width).toBe(meta.height);
      // and the right way up: the pixels match the upright original's
      const ours = await sharp(large.bytes).removeAlpha().raw().toBuffer();
      const reference = await sharp(PHOTO.seeding)
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
    const withMetadata = await sharp(await madeFormat('png'))
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

  it.each(['png', 'webp', 'avif'] as const)(
    'renders the made %s, every accepted format',
    async (format) => {
      const out = await renderRenditions(await madeFormat(format));
      expect(out.renditions).toHaveLength(3);
      for (const r of out.renditions)
        expect(sniffImage(r.bytes)).toMatchObject({ ok: true, image: { format: 'webp' } });
    },
  );

  it('refuses a truncated file and more pixels than allowed, as a decode error', async () => {
    const truncated = (await madeFormat('orient6')).subarray(0, 20_000);
    await expect(renderRenditions(truncated)).rejects.toBeInstanceOf(ImageDecodeError);
    await expect(renderRenditions(PHOTO.seeding, { maxPixels: 1_000_000 })).rejects.toBeInstanceOf(
      ImageDecodeError,
    );
  });
});

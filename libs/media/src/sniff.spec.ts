import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import sharp from 'sharp';
import { HEIC_PHOTO, MadeFormat, madeFormat, PHOTO, realPhotos } from '@app/fixtures';
import { SNIFF_BYTES, sniffImage } from './sniff';

const head = (path: string) => readFileSync(path).subarray(0, SNIFF_BYTES);
const madeHead = async (format: MadeFormat) => (await madeFormat(format)).subarray(0, SNIFF_BYTES);

describe('sniffImage', () => {
  it.each([
    ['png', 'png'],
    ['webp', 'webp'],
    ['avif', 'avif'],
    ['orient6', 'jpeg'],
  ] as const)(
    'knows the made %s as %s, with the size its decoder reports',
    async (made, format) => {
      const result = sniffImage(await madeHead(made));
      const meta = await sharp(await madeFormat(made)).metadata();
      expect(result).toEqual({
        ok: true,
        image: { format, width: meta.width, height: meta.height, animated: false },
      });
    },
  );

  it('reads the size of every real photo from its header, as the decoder does', async () => {
    const photos = realPhotos();
    // among them one whose camera EXIF puts the frame header at byte 65,503 of the 65,536 read
    expect(photos).toContain(PHOTO.wood);
    for (const path of photos) {
      const file = basename(path);
      const result = sniffImage(head(path));
      const meta = await sharp(path).metadata();
      expect({ file, result }).toEqual({
        file,
        result: {
          ok: true,
          image: { format: 'jpeg', width: meta.width, height: meta.height, animated: false },
        },
      });
    }
  });

  it('refuses HEIC, GIF, SVG, TIFF, PDF and BMP by their bytes, whatever they are called', async () => {
    expect(sniffImage(head(HEIC_PHOTO))).toMatchObject({
      ok: false,
      format: 'heic',
      reason: 'UNSUPPORTED_FORMAT',
    });
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#c00' } })
      .gif()
      .toBuffer();
    expect(sniffImage(gif)).toMatchObject({ ok: false, format: 'gif' });
    const tiff = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#c00' } })
      .tiff()
      .toBuffer();
    expect(sniffImage(tiff)).toMatchObject({ ok: false, format: 'tiff' });
    expect(
      sniffImage(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toMatchObject({ format: 'svg' });
    expect(sniffImage(Buffer.from('  <svg onload="alert(1)"></svg>'))).toMatchObject({
      format: 'svg',
    });
    expect(sniffImage(Buffer.from('%PDF-1.7\n'))).toMatchObject({ format: 'pdf' });
    expect(sniffImage(Buffer.from('BM\u0000\u0000'))).toMatchObject({ format: 'bmp' });
    expect(sniffImage(Buffer.alloc(0))).toMatchObject({ ok: false, reason: 'UNSUPPORTED_FORMAT' });
  });

  it('sees animation in WebP, PNG (APNG) and AVIF sequences', async () => {
    const frame = (colour: string) =>
      sharp({ create: { width: 8, height: 8, channels: 3, background: colour } })
        .png()
        .toBuffer();
    const animated = await sharp([await frame('#0c0'), await frame('#c00')], {
      join: { animated: true },
    })
      .webp({ loop: 0 })
      .toBuffer();
    expect(sniffImage(animated)).toMatchObject({
      ok: true,
      image: { format: 'webp', animated: true, width: 8, height: 8 },
    });
    const still = await sharp(await frame('#0c0'))
      .webp()
      .toBuffer();
    expect(sniffImage(still)).toMatchObject({
      ok: true,
      image: { format: 'webp', animated: false },
    });

    const chunk = (type: string, data: Buffer) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(8, 0);
    ihdr.writeUInt32BE(8, 4);
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const apng = Buffer.concat([
      signature,
      chunk('IHDR', ihdr),
      chunk('acTL', Buffer.alloc(8)),
      chunk('IDAT', Buffer.alloc(4)),
    ]);
    expect(sniffImage(apng)).toMatchObject({ ok: true, image: { format: 'png', animated: true } });
    const plain = Buffer.concat([
      signature,
      chunk('IHDR', ihdr),
      chunk('IDAT', Buffer.alloc(4)),
      chunk('acTL', Buffer.alloc(8)),
    ]);
    expect(sniffImage(plain)).toMatchObject({ ok: true, image: { animated: false } });

    const avis = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypavis\u0000\u0000\u0000\u0000avifmif1', 'latin1'),
    ]);
    expect(sniffImage(avis)).toMatchObject({ ok: true, image: { format: 'avif', animated: true } });
  });

  it('calls a truncated or zero-sized header invalid, not a crash', async () => {
    const png = await madeHead('png');
    expect(sniffImage(png.subarray(0, 20))).toMatchObject({ ok: false, reason: 'INVALID_IMAGE' });
    const jpeg = Buffer.from(await madeHead('orient6'));
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xd9, 0, 0]))).toMatchObject({
      ok: false,
      reason: 'INVALID_IMAGE',
    });
    expect(sniffImage(jpeg.subarray(0, 3))).toMatchObject({ ok: true, image: { width: null } });
  });

  it('never throws, whatever the bytes (property)', () => {
    const prefixes = [
      [0xff, 0xd8, 0xff],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [...Buffer.from('RIFF')],
      [0, 0, 0, 0x20, ...Buffer.from('ftypavif')],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.uint8Array({ maxLength: 300 }),
        (prefix, rest) => {
          const result = sniffImage(Buffer.concat([Buffer.from(prefix), Buffer.from(rest)]));
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });
});

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { MADE_FORMATS, madeFormat, realPhotos } from '@app/fixtures';
import { looksComplete, TAIL_BYTES } from './completeness';
import { SNIFF_BYTES, sniffImage } from './sniff';

function check(bytes: Buffer): boolean {
  const sniffed = sniffImage(bytes.subarray(0, SNIFF_BYTES));
  if (!sniffed.ok) throw new Error('not an accepted image');
  return looksComplete(
    sniffed.image.format,
    bytes.subarray(0, SNIFF_BYTES),
    bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)),
    bytes.length,
  );
}

/** Every accepted format made from the seeding photo (HEIC is refused), and every real photo. */
const samples: [string, () => Buffer | Promise<Buffer>][] = [
  ...MADE_FORMATS.map((format): [string, () => Promise<Buffer>] => [
    `the made ${format}`,
    () => madeFormat(format),
  ]),
  ...realPhotos().map((path): [string, () => Buffer] => [basename(path), () => readFileSync(path)]),
];

describe('looksComplete', () => {
  it.each(samples)('accepts the whole file: %s', async (_name, read) => {
    expect(check(await read())).toBe(true);
  });

  it.each(samples)('refuses %s cut at two thirds', async (_name, read) => {
    const bytes = await read();
    expect(check(bytes.subarray(0, Math.floor((bytes.length * 2) / 3)))).toBe(false);
  });

  it('accepts a JPEG with a trailer after its end marker', async () => {
    const bytes = await madeFormat('orient6');
    expect(check(Buffer.concat([bytes, Buffer.alloc(200)]))).toBe(true);
  });

  it('refuses an AVIF whose box claims more bytes than the file has', async () => {
    const bytes = await madeFormat('avif');
    expect(check(bytes.subarray(0, bytes.length - 1))).toBe(false);
  });
});

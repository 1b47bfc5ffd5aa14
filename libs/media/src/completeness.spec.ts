import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { looksComplete, TAIL_BYTES } from './completeness';
import { SNIFF_BYTES, sniffImage } from './sniff';

const FORMATS = join(__dirname, '../../../../shared/sample-images/formats');
const REAL = join(__dirname, '../../../../shared/sample-images/real');

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

const samples = [
  ...readdirSync(FORMATS)
    .filter((name) => !name.endsWith('.heic'))
    .map((name) => join(FORMATS, name)),
  ...readdirSync(REAL)
    .slice(0, 4)
    .map((name) => join(REAL, name)),
];

describe('looksComplete', () => {
  it.each(samples)('accepts the whole file %s', (path) => {
    expect(check(readFileSync(path))).toBe(true);
  });

  it.each(samples)('refuses %s cut at two thirds', (path) => {
    const bytes = readFileSync(path);
    expect(check(bytes.subarray(0, Math.floor((bytes.length * 2) / 3)))).toBe(false);
  });

  it('accepts a JPEG with a trailer after its end marker', () => {
    const bytes = readFileSync(join(FORMATS, 'orient6_seeding_1600.jpg'));
    expect(check(Buffer.concat([bytes, Buffer.alloc(200)]))).toBe(true);
  });

  it('refuses an AVIF whose box claims more bytes than the file has', () => {
    const bytes = readFileSync(join(FORMATS, 'avif_seeding_2016.avif'));
    expect(check(bytes.subarray(0, bytes.length - 1))).toBe(false);
  });
});

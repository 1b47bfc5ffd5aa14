/**
 * What an image file is, decided by its bytes (docs/http.md: the name and the declared type are not
 * trusted), and its size in pixels read from the header before anything is decoded, so a
 * decompression bomb is refused without being opened. Pure: a Buffer of the file's first
 * bytes in, facts out.
 */

export type AcceptedFormat = 'jpeg' | 'png' | 'webp' | 'avif';
export type RefusedFormat = 'gif' | 'svg' | 'tiff' | 'pdf' | 'heic' | 'bmp' | 'unknown';

export interface SniffedImage {
  format: AcceptedFormat;
  /** null when the header did not say (the decoder will) */
  width: number | null;
  height: number | null;
  animated: boolean;
}

export type SniffResult =
  | { ok: true; image: SniffedImage }
  | { ok: false; format: RefusedFormat; reason: 'UNSUPPORTED_FORMAT' | 'INVALID_IMAGE' };

/** How many leading bytes sniffing needs: enough for every header, AVIF's boxes included. */
export const SNIFF_BYTES = 64 * 1024;

const ascii = (bytes: Buffer, start: number, length: number) =>
  bytes.toString('latin1', start, start + length);

export function sniffImage(head: Buffer): SniffResult {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return jpeg(head);
  if (
    head.length >= 8 &&
    head.readUInt32BE(0) === 0x89504e47 &&
    head.readUInt32BE(4) === 0x0d0a1a0a
  )
    return png(head);
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP')
    return webp(head);
  if (head.length >= 12 && ascii(head, 4, 4) === 'ftyp') return isoBmff(head);
  return { ok: false, format: refusedKind(head), reason: 'UNSUPPORTED_FORMAT' };
}

function refusedKind(head: Buffer): RefusedFormat {
  const start = ascii(head, 0, 6);
  if (start === 'GIF87a' || start === 'GIF89a') return 'gif';
  if (start.startsWith('%PDF')) return 'pdf';
  if (start.startsWith('II*\u0000') || start.startsWith('MM\u0000*')) return 'tiff';
  if (start.startsWith('BM')) return 'bmp';
  const text = head
    .toString('utf8', 0, Math.min(head.length, 1024))
    .replace(/^\uFEFF/u, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) return 'svg';
  return 'unknown';
}

/** The signature said what it is, but the header is broken: an empty, truncated or corrupt file. */
const invalid = (): SniffResult => ({ ok: false, format: 'unknown', reason: 'INVALID_IMAGE' });

function image(
  format: AcceptedFormat,
  width: number | null,
  height: number | null,
  animated = false,
): SniffResult {
  if (width === 0 || height === 0) return invalid();
  return { ok: true, image: { format, width, height, animated } };
}

/** JPEG: walk the markers to the first SOFn, which holds height then width. */
function jpeg(bytes: Buffer): SniffResult {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return invalid();
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2) return invalid();
    const isSof =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (offset + 9 > bytes.length) return image('jpeg', null, null);
      return image('jpeg', bytes.readUInt16BE(offset + 7), bytes.readUInt16BE(offset + 5));
    }
    if (marker === 0xda || marker === 0xd9) return invalid(); // scan or end before a frame header
    offset += 2 + length;
  }
  return image('jpeg', null, null); // the frame header lies beyond the bytes we read
}

/** PNG: IHDR first; an acTL chunk before IDAT makes it an animated PNG. */
function png(bytes: Buffer): SniffResult {
  if (bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return invalid();
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  let offset = 8;
  let animated = false;
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = ascii(bytes, offset + 4, 4);
    if (type === 'acTL') animated = true;
    if (type === 'IDAT' || type === 'IEND') break;
    offset += 12 + length;
  }
  return image('png', width, height, animated);
}

/** WebP: VP8 (lossy), VP8L (lossless) or VP8X (extended, with an animation flag). */
function webp(bytes: Buffer): SniffResult {
  if (bytes.length < 30) return invalid();
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ') {
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return invalid();
    return image('webp', bytes.readUInt16LE(26) & 0x3fff, bytes.readUInt16LE(28) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) return invalid();
    const bits = bytes.readUInt32LE(21);
    return image('webp', (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    const animated = (bytes[20] & 0x02) !== 0;
    const width = 1 + bytes.readUIntLE(24, 3);
    const height = 1 + bytes.readUIntLE(27, 3);
    return image('webp', width, height, animated);
  }
  return invalid();
}

/** ISO BMFF (`ftyp`): AVIF is accepted (an `avis` sequence is animated); HEIC is refused. */
function isoBmff(bytes: Buffer): SniffResult {
  const ftypSize = bytes.readUInt32BE(0);
  const brands: string[] = [ascii(bytes, 8, 4)];
  for (let o = 16; o + 4 <= Math.min(ftypSize, bytes.length); o += 4)
    brands.push(ascii(bytes, o, 4));
  if (brands.includes('avif') || brands.includes('avis')) {
    const size = ispe(bytes);
    return image(
      'avif',
      size?.width ?? null,
      size?.height ?? null,
      brands[0] === 'avis' || brands.includes('avis'),
    );
  }
  if (
    brands.some((b) => ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(b))
  ) {
    return { ok: false, format: 'heic', reason: 'UNSUPPORTED_FORMAT' };
  }
  return { ok: false, format: 'unknown', reason: 'UNSUPPORTED_FORMAT' };
}

/** The largest `ispe` (image spatial extents) property in the header: the primary image's size. */
function ispe(bytes: Buffer): { width: number; height: number } | null {
  let best: { width: number; height: number } | null = null;
  for (
    let o = bytes.indexOf('ispe', 0, 'latin1');
    o !== -1;
    o = bytes.indexOf('ispe', o + 4, 'latin1')
  ) {
    if (o + 16 > bytes.length) break;
    const width = bytes.readUInt32BE(o + 8);
    const height = bytes.readUInt32BE(o + 12);
    if (!best || width * height > best.width * best.height) best = { width, height };
  }
  return best;
}

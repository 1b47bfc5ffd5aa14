import type { AcceptedFormat } from './sniff';

/** How many trailing bytes `looksComplete` needs. */
export const TAIL_BYTES = 1024;

/**
 * Whether a file of an accepted format ends where its own structure says it ends, so an upload
 * cut short is refused at once (INVALID_IMAGE) instead of failing later in the worker. It reads
 * only the head (as sniffed), the last TAIL_BYTES and the total size: nothing is decoded.
 * Conservative: when the structure cannot be followed within the head, it answers true and
 * the decoder has the last word.
 */
export function looksComplete(
  format: AcceptedFormat,
  head: Buffer,
  tail: Buffer,
  totalBytes: number,
): boolean {
  switch (format) {
    case 'jpeg':
      // The end-of-image marker; cameras may pad or append a trailer after it. Inside
      // entropy-coded data 0xFF is always followed by 0x00 or a restart marker, so FF D9 in
      // the tail is the end of an image, not a coincidence.
      return tail.includes(Buffer.from([0xff, 0xd9]));
    case 'png':
      return tail.includes(Buffer.from('IEND', 'latin1'));
    case 'webp':
      // RIFF: the size after the first 8 bytes, padded to even.
      return head.length >= 8 && 8 + head.readUInt32LE(4) <= totalBytes;
    case 'avif':
      return boxesFit(head, totalBytes);
  }
}

/** ISO BMFF: top-level boxes are laid end to end; none may run past the end of the file. */
function boxesFit(head: Buffer, totalBytes: number): boolean {
  let offset = 0;
  while (offset + 8 <= head.length) {
    let size = head.readUInt32BE(offset);
    if (size === 1) {
      if (offset + 16 > head.length) return true;
      size = Number(head.readBigUInt64BE(offset + 8));
    } else if (size === 0) {
      return true; // the box runs to the end of the file by definition
    }
    if (size < 8) return false;
    if (offset + size > totalBytes) return false;
    offset += size;
  }
  // Either every box was followed to the end, or the next header lies beyond the head.
  return offset <= totalBytes;
}

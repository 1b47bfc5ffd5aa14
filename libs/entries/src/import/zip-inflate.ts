import { createInflateRaw, crc32 } from 'node:zlib';
import { storedBytes, ZipDirectory, ZipEntry, ZipFormatError } from './zip-directory';

/**
 * Unpacks one part of a ZIP archive as a stream of chunks, never more than `CHUNK` bytes held
 * at a time: the inflater produces only as fast as the reader takes.
 *
 * The central directory's sizes were checked before (import-limits), but a directory can lie:
 * a part that unpacks to more than it declared is refused the moment it does
 * (ZipPartTooLargeError), so a 1.6 MB file that says "1 kB" and inflates to gigabytes costs
 * one chunk of memory, not gigabytes. A part whose checksum is wrong is damaged.
 */

export const CHUNK = 64 * 1024;

/** A part unpacked to more bytes than its directory entry declared. */
export class ZipPartTooLargeError extends Error {
  override readonly name = 'ZipPartTooLargeError';

  constructor(readonly entry: ZipEntry) {
    super(
      `the part ${entry.name} unpacks to more than the ${entry.uncompressedSize} bytes it declares`,
    );
  }
}

export async function* unpackedChunks(
  bytes: Buffer,
  directory: ZipDirectory,
  entry: ZipEntry,
): AsyncGenerator<Buffer> {
  if (entry.flags & 0x1) throw new ZipFormatError(`the part ${entry.name} is encrypted`);
  const stored = storedBytes(bytes, directory, entry);
  let total = 0;
  let crc = 0;
  const take = (chunk: Buffer): Buffer => {
    total += chunk.length;
    if (total > entry.uncompressedSize) throw new ZipPartTooLargeError(entry);
    crc = crc32(chunk, crc);
    return chunk;
  };

  if (entry.method === 0) {
    for (let at = 0; at < stored.length; at += CHUNK) yield take(stored.subarray(at, at + CHUNK));
  } else if (entry.method === 8) {
    const inflater = createInflateRaw({ chunkSize: CHUNK });
    inflater.end(stored);
    try {
      for await (const chunk of inflater) yield take(chunk as Buffer);
    } catch (error) {
      if (error instanceof ZipPartTooLargeError) throw error;
      throw new ZipFormatError(`the part ${entry.name} is damaged (${(error as Error).message})`);
    } finally {
      // Stopped early (refused, or the reader had enough): free zlib's memory now.
      inflater.destroy();
    }
  } else {
    throw new ZipFormatError(`the part ${entry.name} is compressed in a way Excel does not use`);
  }

  if (total !== entry.uncompressedSize || crc >>> 0 !== entry.crc32) {
    throw new ZipFormatError(`the part ${entry.name} is damaged (its size or checksum is wrong)`);
  }
}

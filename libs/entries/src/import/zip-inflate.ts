import type { Readable } from 'node:stream';
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
  yield* unpack(entry, storedBytes(bytes, directory, entry));
}

/**
 * The same for a part whose stored bytes come as a stream (an archive read from a file, the
 * bulk photo upload's: zip-directory.ts `storedRange` says where they lie). The stream is
 * destroyed when unpacking stops early.
 */
export async function* unpackedChunksOf(entry: ZipEntry, stored: Readable): AsyncGenerator<Buffer> {
  try {
    if (entry.flags & 0x1) throw new ZipFormatError(`the part ${entry.name} is encrypted`);
    yield* unpack(entry, stored);
  } finally {
    stored.destroy();
  }
}

async function* unpack(entry: ZipEntry, stored: Buffer | Readable): AsyncGenerator<Buffer> {
  let total = 0;
  let crc = 0;
  const take = (chunk: Buffer): Buffer => {
    total += chunk.length;
    if (total > entry.uncompressedSize) throw new ZipPartTooLargeError(entry);
    crc = crc32(chunk, crc);
    return chunk;
  };

  if (entry.method === 0) {
    if (Buffer.isBuffer(stored)) {
      for (let at = 0; at < stored.length; at += CHUNK) yield take(stored.subarray(at, at + CHUNK));
    } else {
      for await (const chunk of stored) yield take(chunk as Buffer);
    }
  } else if (entry.method === 8) {
    const inflater = createInflateRaw({ chunkSize: CHUNK });
    if (Buffer.isBuffer(stored)) inflater.end(stored);
    else {
      // pipe() does not pass a failing read on: the inflater must fail with it.
      stored.on('error', (error) => inflater.destroy(error));
      stored.pipe(inflater);
    }
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

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  END_RECORD_SEARCH,
  LOCAL_HEADER_BYTES,
  locateDirectory,
  readZipDirectory,
  storedRange,
  ZipDirectory,
  ZipEntry,
  ZipFormatError,
} from '../import/zip-directory';
import { unpackedChunksOf } from '../import/zip-inflate';

/**
 * A ZIP archive in a file on disk, read the way the import reads a workbook (zip-directory.ts,
 * zip-inflate.ts), but by position: its end record and central directory are read, never the
 * rest; each file inside is unpacked as a stream from its own bytes, held to the size the
 * directory declares. Memory: the directory (bounded by `maxDirectoryBytes`) and one chunk.
 */
export class ZipArchive {
  private constructor(
    private readonly path: string,
    readonly directory: ZipDirectory,
  ) {}

  /**
   * Reads the archive's directory. Refuses (ZipFormatError) what zip-directory.ts refuses and
   * a directory larger than `maxDirectoryBytes`; (ZipTooManyEntriesError) more than
   * `maxEntries` files, before reading the directory.
   */
  static async open(
    path: string,
    limits: { maxEntries: number; maxDirectoryBytes: number },
  ): Promise<ZipArchive> {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const tailStart = Math.max(0, size - END_RECORD_SEARCH);
      const tail = await readAt(file, tailStart, size - tailStart);
      if (tail.length < 22) throw new ZipFormatError('the file is too short to be a ZIP');
      const where = locateDirectory(tail, tailStart);
      if (where.size > limits.maxDirectoryBytes) {
        throw new ZipFormatError(`the table of contents takes ${where.size} bytes`);
      }
      // From the directory's start to the end: the directory and the end record behind it.
      const bytes = await readAt(file, where.offset, size - where.offset);
      return new ZipArchive(path, readZipDirectory(bytes, limits.maxEntries, where.offset));
    } finally {
      await file.close();
    }
  }

  get entries(): readonly ZipEntry[] {
    return this.directory.entries;
  }

  /**
   * The unpacked bytes of one file of the archive, as a stream that fails (ZipFormatError,
   * ZipPartTooLargeError) when they are damaged or more than declared.
   */
  async unpack(entry: ZipEntry): Promise<Readable> {
    const file = await open(this.path, 'r');
    let range: { start: number; end: number };
    try {
      const header = await readAt(file, entry.localHeaderOffset, LOCAL_HEADER_BYTES);
      range = storedRange(header, this.directory, entry);
    } finally {
      await file.close();
    }
    const stored =
      range.end > range.start
        ? createReadStream(this.path, { start: range.start, end: range.end - 1 })
        : Readable.from([]);
    return Readable.from(unpackedChunksOf(entry, stored), { objectMode: false });
  }
}

async function readAt(
  file: Awaited<ReturnType<typeof open>>,
  position: number,
  length: number,
): Promise<Buffer> {
  const buffer = Buffer.alloc(Math.max(0, length));
  let read = 0;
  while (read < buffer.length) {
    const { bytesRead } = await file.read(buffer, read, buffer.length - read, position + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return buffer.subarray(0, read);
}

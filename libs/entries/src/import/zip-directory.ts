/**
 * The table of contents of a ZIP archive (its central directory), read from the bytes without
 * unpacking anything: what an XLSX workbook holds, and how large each part says it unpacks to.
 * The import checks those sizes before reading a part, and the inflater (zip-inflate.ts) holds
 * each part to what it declared, since a directory can lie.
 *
 * Only what a workbook needs: one disk, no ZIP64, no encryption, parts stored or deflated.
 * The bulk photo upload reads its archives with it too, from a file on disk: `locateDirectory`
 * on the archive's last bytes says where the directory is, `readZipDirectory` reads just those
 * bytes (`base` being where they start), and `storedRange` finds a part's data from its local
 * header, so an archive of gigabytes costs its directory in memory, not its size.
 */

/** One file of the archive as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (anything else is refused when read) */
  method: number;
  /** the general purpose flags (bit 0: encrypted) */
  flags: number;
  crc32: number;
  compressedSize: number;
  /** what the directory says; zip-inflate.ts refuses a part that unpacks to more */
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** where the central directory starts: every part's data lies before it */
  directoryOffset: number;
}

/** The archive cannot be read as a ZIP at all (damaged, cut short, or a kind we do not take). */
export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

/** The archive's table of contents names more files than `maxEntries`. */
export class ZipTooManyEntriesError extends Error {
  override readonly name = 'ZipTooManyEntriesError';

  constructor(
    readonly entries: number,
    readonly maxEntries: number,
  ) {
    super(`the archive holds ${entries} files; at most ${maxEntries}`);
  }
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_LENGTH = 22;
const DIRECTORY_HEADER_LENGTH = 46;
const LOCAL_HEADER_LENGTH = 30;
/** The end record's comment is at most 65,535 bytes: the record is within that of the end. */
const MAX_COMMENT = 0xffff;

/**
 * Reads the central directory. Refuses (ZipFormatError) an archive without an end record, one
 * spread over several disks, a ZIP64 archive, or a directory that points outside the bytes;
 * refuses (ZipTooManyEntriesError) more than `maxEntries` files before reading any of them.
 *
 * `bytes` are the archive's bytes from its offset `base` to its end: the whole archive (0), or
 * only its directory and end record (`locateDirectory(…).offset`); offsets stay the archive's.
 */
export function readZipDirectory(bytes: Buffer, maxEntries: number, base = 0): ZipDirectory {
  const { end, offset, size, count } = endRecord(bytes);
  if (count > maxEntries) throw new ZipTooManyEntriesError(count, maxEntries);
  if (offset < base) throw new ZipFormatError('the table of contents lies before the bytes read');
  if (offset + size > base + end) {
    throw new ZipFormatError('the table of contents lies outside the file');
  }

  const entries: ZipEntry[] = [];
  const first = offset - base;
  let at = first;
  for (let i = 0; i < count; i++) {
    if (
      at + DIRECTORY_HEADER_LENGTH > first + size ||
      bytes.readUInt32LE(at) !== DIRECTORY_HEADER
    ) {
      throw new ZipFormatError('the table of contents is damaged');
    }
    const flags = bytes.readUInt16LE(at + 8);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const next = at + DIRECTORY_HEADER_LENGTH + nameLength + extraLength + commentLength;
    if (next > first + size) throw new ZipFormatError('the table of contents is damaged');
    const nameBytes = bytes.subarray(
      at + DIRECTORY_HEADER_LENGTH,
      at + DIRECTORY_HEADER_LENGTH + nameLength,
    );
    entries.push({
      // Bit 11: the name is UTF-8; else CP437, which agrees with it on the ASCII names of a
      // workbook's parts (latin1 keeps the other bytes one character each).
      name: nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1'),
      method: bytes.readUInt16LE(at + 10),
      flags,
      crc32: bytes.readUInt32LE(at + 16),
      compressedSize: bytes.readUInt32LE(at + 20),
      uncompressedSize: bytes.readUInt32LE(at + 24),
      localHeaderOffset: bytes.readUInt32LE(at + 42),
    });
    at = next;
  }
  return { entries, directoryOffset: offset };
}

/** How many of an archive's last bytes hold its end record, whatever its comment. */
export const END_RECORD_SEARCH = END_LENGTH + MAX_COMMENT;

/**
 * Where the central directory lies and how many files it lists, from the archive's last bytes
 * (`tail`, starting at the archive's offset `base`; END_RECORD_SEARCH of them are enough).
 * Refuses what readZipDirectory refuses of the end record.
 */
export function locateDirectory(
  tail: Buffer,
  base: number,
): { offset: number; size: number; count: number } {
  const { offset, size, count, end } = endRecord(tail);
  if (offset + size > base + end) {
    throw new ZipFormatError('the table of contents lies outside the file');
  }
  return { offset, size, count };
}

function endRecord(bytes: Buffer) {
  const end = findEndOfDirectory(bytes);
  const disk = bytes.readUInt16LE(end + 4);
  const directoryDisk = bytes.readUInt16LE(end + 6);
  const entriesOnDisk = bytes.readUInt16LE(end + 8);
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new ZipFormatError('a ZIP64 archive (over 4 GiB or 65,535 files: not taken)');
  }
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== count) {
    throw new ZipFormatError('an archive spread over several files');
  }
  return { end, offset, size, count };
}

/** The sum of what the parts say they unpack to (a number: 65,535 × 4 GiB fits a double). */
export function declaredUnpackedBytes(directory: ZipDirectory): number {
  return directory.entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
}

/**
 * The bytes of a part as stored in the archive (compressed or not), found through its local
 * header; they must end before the central directory.
 */
export function storedBytes(bytes: Buffer, directory: ZipDirectory, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + LOCAL_HEADER_LENGTH > directory.directoryOffset) {
    throw new ZipFormatError(`the part ${entry.name} is damaged`);
  }
  const { start, end } = storedRange(
    bytes.subarray(at, at + LOCAL_HEADER_LENGTH),
    directory,
    entry,
  );
  return bytes.subarray(start, end);
}

/** The fixed part of a local header: what `storedRange` needs read at `localHeaderOffset`. */
export const LOCAL_HEADER_BYTES = LOCAL_HEADER_LENGTH;

/**
 * Where a part's stored bytes lie in the archive (`end` exclusive), from the LOCAL_HEADER_BYTES
 * read at its `localHeaderOffset`; they must end before the central directory.
 */
export function storedRange(
  localHeader: Buffer,
  directory: ZipDirectory,
  entry: ZipEntry,
): { start: number; end: number } {
  const at = entry.localHeaderOffset;
  if (
    localHeader.length < LOCAL_HEADER_LENGTH ||
    at + LOCAL_HEADER_LENGTH > directory.directoryOffset ||
    localHeader.readUInt32LE(0) !== LOCAL_HEADER
  ) {
    throw new ZipFormatError(`the part ${entry.name} is damaged`);
  }
  const start =
    at + LOCAL_HEADER_LENGTH + localHeader.readUInt16LE(26) + localHeader.readUInt16LE(28);
  const end = start + entry.compressedSize;
  if (end > directory.directoryOffset) {
    throw new ZipFormatError(`the part ${entry.name} lies outside the file`);
  }
  return { start, end };
}

function findEndOfDirectory(bytes: Buffer): number {
  const last = bytes.length - END_LENGTH;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at--) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw new ZipFormatError('the archive has no table of contents (it is cut short or damaged)');
}

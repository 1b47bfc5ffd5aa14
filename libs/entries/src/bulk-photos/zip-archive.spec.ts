import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { deflatedPart, repeatedPart, storedPart, zipOfParts } from '../import/test/import-fixtures';
import { ZipFormatError, ZipTooManyEntriesError } from '../import/zip-directory';
import { ZipPartTooLargeError } from '../import/zip-inflate';
import { ZipArchive } from './zip-archive';

const LIMITS = { maxEntries: 100, maxDirectoryBytes: 1024 * 1024 };

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('ZipArchive: a ZIP read from disk by position', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zip-archive-spec-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function fileOf(bytes: Buffer, name = `${Math.random()}.zip`): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  }

  it('lists the files and unpacks each, stored or deflated, behind 5 MB of other data', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 7);
    const zip = zipOfParts([
      storedPart('big.bin', big),
      storedPart('照片/TC-01-4821.jpg', 'stored bytes'),
      deflatedPart('b.txt', 'deflated '.repeat(10_000)),
    ]);
    // an archive comment after the end record, as some archivers write
    const comment = Buffer.from('made on a memory card');
    const withComment = Buffer.concat([zip, comment]);
    withComment.writeUInt16LE(comment.length, zip.length - 2);
    const archive = await ZipArchive.open(await fileOf(withComment), LIMITS);
    expect(archive.entries.map((e) => e.name)).toEqual(['big.bin', '照片/TC-01-4821.jpg', 'b.txt']);
    expect((await bytesOf(await archive.unpack(archive.entries[1]))).toString()).toBe(
      'stored bytes',
    );
    expect((await bytesOf(await archive.unpack(archive.entries[2]))).toString()).toBe(
      'deflated '.repeat(10_000),
    );
    expect((await bytesOf(await archive.unpack(archive.entries[0]))).equals(big)).toBe(true);
  });

  it('stops a file that unpacks to more than it declares at the first chunk past it', async () => {
    const bomb = repeatedPart('bomb.jpg', '\xff\xd8\xff', Buffer.alloc(1024 * 1024), 200, '');
    bomb.size = 10_000; // the directory lies
    const archive = await ZipArchive.open(await fileOf(zipOfParts([bomb])), LIMITS);
    const before = process.memoryUsage().rss;
    await expect(bytesOf(await archive.unpack(archive.entries[0]))).rejects.toBeInstanceOf(
      ZipPartTooLargeError,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses more files than allowed, and a directory over its size, before reading it', async () => {
    const parts = Array.from({ length: 101 }, (_, i) => storedPart(`p${i}.jpg`, 'x'));
    await expect(ZipArchive.open(await fileOf(zipOfParts(parts)), LIMITS)).rejects.toBeInstanceOf(
      ZipTooManyEntriesError,
    );
    await expect(
      ZipArchive.open(await fileOf(zipOfParts(parts.slice(0, 50))), {
        maxEntries: 100,
        maxDirectoryBytes: 1000,
      }),
    ).rejects.toBeInstanceOf(ZipFormatError);
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['a cut-off archive', zipOfParts([storedPart('a.jpg', 'x'.repeat(100))]).subarray(0, 120)],
    ['not an archive', Buffer.from('PK\u0003\u0004 and nothing else of a ZIP')],
  ])('refuses %s (ZipFormatError)', async (_what, bytes) => {
    await expect(ZipArchive.open(await fileOf(bytes), LIMITS)).rejects.toBeInstanceOf(
      ZipFormatError,
    );
  });

  it('refuses a file whose local header is not where the directory says', async () => {
    const zip = zipOfParts([storedPart('a.jpg', 'abc')]);
    zip.writeUInt32LE(0, 0); // the local header's signature
    const archive = await ZipArchive.open(await fileOf(zip), LIMITS);
    await expect(archive.unpack(archive.entries[0])).rejects.toBeInstanceOf(ZipFormatError);
  });
});

import { crc32 } from 'node:zlib';
import {
  declaredUnpackedBytes,
  readZipDirectory,
  ZipFormatError,
  ZipTooManyEntriesError,
} from './zip-directory';
import { CHUNK, unpackedChunks, ZipPartTooLargeError } from './zip-inflate';
import {
  deflatedPart,
  RawPart,
  repeatedPart,
  storedPart,
  xlsxOf,
  zipOfParts,
} from './test/import-fixtures';

async function unpack(zip: Buffer, name: string): Promise<Buffer> {
  const directory = readZipDirectory(zip, 100);
  const entry = directory.entries.find((e) => e.name === name)!;
  const chunks: Buffer[] = [];
  for await (const chunk of unpackedChunks(zip, directory, entry)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function unpackError(zip: Buffer, name: string): Promise<Error> {
  try {
    await unpack(zip, name);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the part to be refused');
}

describe('readZipDirectory', () => {
  it('lists the parts with their declared sizes, as Excel (exceljs) writes them', async () => {
    const bytes = await xlsxOf([['作品名称', '类别代码']]);
    const directory = readZipDirectory(bytes, 100);
    const names = directory.entries.map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
        '[Content_Types].xml',
      ]),
    );
    const sheet = directory.entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const xml = await unpack(bytes, sheet.name);
    expect(xml.length).toBe(sheet.uncompressedSize);
    expect(xml.toString('utf8')).toContain('<sheetData>');
    expect(declaredUnpackedBytes(directory)).toBe(
      directory.entries.reduce((sum, e) => sum + e.uncompressedSize, 0),
    );
  });

  it('reads stored and deflated parts, and UTF-8 names', async () => {
    const zip = zipOfParts([
      storedPart('a.txt', 'stored 𠮷'),
      deflatedPart('目录/b.xml', '<b/>'.repeat(1000)),
    ]);
    expect(readZipDirectory(zip, 10).entries.map((e) => [e.name, e.method])).toEqual([
      ['a.txt', 0],
      ['目录/b.xml', 8],
    ]);
    expect((await unpack(zip, 'a.txt')).toString()).toBe('stored 𠮷');
    expect((await unpack(zip, '目录/b.xml')).toString()).toBe('<b/>'.repeat(1000));
  });

  it('finds the table of contents behind an archive comment', () => {
    const zip = zipOfParts([storedPart('a', 'x')]);
    const comment = Buffer.from('a comment');
    const withComment = Buffer.concat([zip, comment]);
    withComment.writeUInt16LE(comment.length, zip.length - 2);
    expect(readZipDirectory(withComment, 10).entries.map((e) => e.name)).toEqual(['a']);
  });

  it('refuses more parts than allowed before reading any of them', () => {
    const parts = Array.from({ length: 11 }, (_, i) => storedPart(`p${i}`, ''));
    expect(readZipDirectory(zipOfParts(parts), 11).entries).toHaveLength(11);
    expect(() => readZipDirectory(zipOfParts(parts), 10)).toThrow(ZipTooManyEntriesError);
  });

  it.each([
    ['nothing', Buffer.alloc(0)],
    ['a cut-off archive', zipOfParts([storedPart('a', 'x'.repeat(100))]).subarray(0, 120)],
    ['not an archive', Buffer.from('PK\u0003\u0004 but nothing else of a ZIP')],
  ])('refuses %s (ZipFormatError)', (_what, bytes) => {
    expect(() => readZipDirectory(bytes, 10)).toThrow(ZipFormatError);
  });

  it('refuses a ZIP64 archive and a directory pointing outside the file', () => {
    const zip = zipOfParts([storedPart('a', 'x')]);
    const end = zip.length - 22;
    const zip64 = Buffer.from(zip);
    zip64.writeUInt32LE(0xffffffff, end + 16);
    expect(() => readZipDirectory(zip64, 10)).toThrow(/ZIP64/u);
    const outside = Buffer.from(zip);
    outside.writeUInt32LE(zip.length, end + 16);
    expect(() => readZipDirectory(outside, 10)).toThrow(ZipFormatError);
  });
});

describe('unpackedChunks', () => {
  it('gives a large part in chunks of at most 64 kB', async () => {
    const content = Buffer.alloc(5 * CHUNK + 7, 'x');
    const zip = zipOfParts([deflatedPart('big', content)]);
    const directory = readZipDirectory(zip, 10);
    const sizes: number[] = [];
    for await (const chunk of unpackedChunks(zip, directory, directory.entries[0])) {
      sizes.push(chunk.length);
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(CHUNK);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(content.length);
  });

  it('refuses a part the moment it unpacks to more than it declared (a lying zip bomb)', async () => {
    // 64 MiB of "A" from 64 kB, declared as 1 kB: refused after the first chunk.
    const bomb: RawPart = {
      ...repeatedPart('bomb', '', Buffer.alloc(1024 * 1024, 'A'), 64, ''),
      size: 1024,
    };
    const zip = zipOfParts([bomb]);
    expect(zip.length).toBeLessThan(100 * 1024);
    const directory = readZipDirectory(zip, 10);
    let unpacked = 0;
    const error = await (async () => {
      try {
        for await (const chunk of unpackedChunks(zip, directory, directory.entries[0])) {
          unpacked += chunk.length;
        }
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ZipPartTooLargeError);
    expect((error as Error).message).toMatch(/more than the 1024 bytes it declares/u);
    expect(unpacked).toBe(0);
  });

  it('unpacks a repeated part to what it declares, checksum and all', async () => {
    const part = repeatedPart('r', '<a>', Buffer.from('xyz'.repeat(1000)), 5, '</a>');
    const content = (await unpack(zipOfParts([part]), 'r')).toString();
    expect(content).toBe(`<a>${'xyz'.repeat(5000)}</a>`);
    expect(part.crc).toBe(crc32(Buffer.from(content)));
  });

  it('refuses a part shorter than declared, a wrong checksum, damaged data, and encryption', async () => {
    const part = deflatedPart('p', 'hello world '.repeat(100));
    expect(await unpackError(zipOfParts([{ ...part, size: part.size + 1 }]), 'p')).toBeInstanceOf(
      ZipFormatError,
    );
    expect(await unpackError(zipOfParts([{ ...part, crc: part.crc ^ 1 }]), 'p')).toBeInstanceOf(
      ZipFormatError,
    );
    const damaged = { ...part, data: Buffer.from(part.data).fill(0xff, 2, 8) };
    expect(await unpackError(zipOfParts([damaged]), 'p')).toBeInstanceOf(ZipFormatError);
    const encrypted = zipOfParts([part]);
    const directoryAt = encrypted.length - 22 - (46 + 1);
    encrypted.writeUInt16LE(0x801, directoryAt + 8);
    expect((await unpackError(encrypted, 'p')).message).toMatch(/encrypted/u);
    expect(await unpackError(zipOfParts([{ ...part, method: 12 }]), 'p')).toBeInstanceOf(
      ZipFormatError,
    );
  });
});

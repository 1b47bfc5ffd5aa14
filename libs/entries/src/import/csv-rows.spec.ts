import { ImportFileError, openImportFile, readImportFile } from './import-file';
import { IMPORT_LIMITS } from './import-limits';
import { gb18030, utf8 } from './test/import-fixtures';

const HEADER = '作品名称,类别代码,作品简介';

/** Rows long enough that the file spans several 64 kB chunks of decoding. */
function bigCsv(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++)
    lines.push(`茶具𠮷${i},A-01,"手工拉坯，\n雕刻填泥。${'坭兴陶'.repeat(i % 7)}"`);
  return lines.join('\r\n');
}

describe('reading a CSV as a stream', () => {
  it.each([
    ['UTF-8', (text: string) => utf8(text, true)],
    ['GB18030', (text: string) => gb18030(text)],
    ['UTF-16', (text: string) => Buffer.from(`\uFEFF${text}`, 'utf16le')],
  ])(
    'reads a %s file of many chunks whole, characters cut by a chunk boundary included',
    async (_what, encode) => {
      const text = bigCsv(3_000);
      const bytes = encode(text);
      expect(bytes.length).toBeGreaterThan(2 * 64 * 1024);
      const sheet = await readImportFile(bytes, 'x.csv');
      expect(sheet.rows).toHaveLength(3_000);
      expect(sheet.rows[2_999]).toEqual({
        rowNumber: 3_001,
        cells: ['茶具𠮷2999', 'A-01', `手工拉坯，\n雕刻填泥。${'坭兴陶'.repeat(2_999 % 7)}`],
      });
    },
  );

  it('refuses a control character found far into the file (UNSUPPORTED_FILE), having read the rows before it', async () => {
    const bytes = utf8(`${bigCsv(3_000)}\r\n\u0001,A-01,x`);
    const opened = await openImportFile(bytes, 'x.csv');
    let read = 0;
    await expect(
      (async () => {
        for await (const _row of opened.rows) read++;
      })(),
    ).rejects.toMatchObject({ reason: 'UNSUPPORTED_FILE' } satisfies Partial<ImportFileError>);
    expect(read).toBeGreaterThan(1_000);
  });

  it('stops at the first row past the limit', async () => {
    const error = await readImportFile(utf8(bigCsv(50)), 'x.csv', {
      ...IMPORT_LIMITS,
      maxRows: 20,
    }).catch((caught: unknown) => caught as ImportFileError);
    expect(error).toMatchObject({ reason: 'TOO_MANY_ROWS' });
    expect((error as ImportFileError).message).toMatch(/row 22 would be entry 21/u);
  });
});

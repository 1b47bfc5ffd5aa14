import ExcelJS from 'exceljs';
import { templateHeaders } from './import-columns';
import {
  IMPORT_MAX_ROWS,
  ImportFileError,
  ImportFileReason,
  ImportSheet,
  numberText,
  readImportFile,
} from './import-file';
import {
  CODE_A,
  PNG,
  csvOf,
  gb18030,
  numericCreditCode,
  utf8,
  xlsxOf,
  zipOf,
} from './test/import-fixtures';

const HEADER = ['统一社会信用代码', '类别代码', '作品名称', '作者'];

async function failure(bytes: Buffer, fileName = 'entries.csv'): Promise<ImportFileError> {
  try {
    await readImportFile(bytes, fileName);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}

async function reasonOf(bytes: Buffer, fileName?: string): Promise<ImportFileReason> {
  return (await failure(bytes, fileName)).reason;
}

function cellsOf(sheet: ImportSheet): string[][] {
  return sheet.rows.map((r) => r.cells);
}

describe('readImportFile: CSV', () => {
  const rows = [HEADER, [CODE_A, 'a-01', '坭兴陶茶具', '李明、王芳']];

  it('reads UTF-8, with or without a BOM', async () => {
    for (const bom of [false, true]) {
      const sheet = await readImportFile(utf8(csvOf(rows), bom), 'x.csv');
      expect(sheet.headers).toEqual(HEADER);
      expect(sheet.rows).toEqual([{ rowNumber: 2, cells: rows[1] }]);
      expect(sheet.format).toBe('csv');
      expect(sheet.headerRowNumber).toBe(1);
    }
  });

  it('reads GB18030/GBK, as Chinese Excel saves CSV', async () => {
    expect(gb18030('你好')).toEqual(Buffer.from([0xc4, 0xe3, 0xba, 0xc3]));
    expect(new TextDecoder('gb18030').decode(gb18030('𠮷'))).toBe('𠮷');
    const bytes = gb18030(csvOf([...rows, [CODE_A, 'A-02', '𠮷祥如意 你好', '阿依古丽·买买提']]));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const sheet = await readImportFile(bytes, 'x.csv');
    expect(sheet.headers).toEqual(HEADER);
    expect(cellsOf(sheet)).toEqual([rows[1], [CODE_A, 'A-02', '𠮷祥如意 你好', '阿依古丽·买买提']]);
  });

  it('reads UTF-16 with a BOM (Excel\'s "Unicode text", tab separated)', async () => {
    const text = `\uFEFF${csvOf(rows, '\t')}`;
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const bytes of [le, be]) {
      expect(cellsOf(await readImportFile(bytes, 'x.txt'))).toEqual([rows[1]]);
    }
  });

  it('sniffs ; and tab delimiters from the header line, and honours an Excel sep= line', async () => {
    const withCommas = [HEADER, [CODE_A, 'A-01', '茶具, 一套', '李明,王芳']];
    for (const delimiter of [';', '\t']) {
      const sheet = await readImportFile(utf8(csvOf(withCommas, delimiter)), 'x.csv');
      expect(sheet.headers).toEqual(HEADER);
      expect(cellsOf(sheet)).toEqual([withCommas[1]]);
    }
    const sep = await readImportFile(utf8(`sep=;\r\n${csvOf(withCommas, ';')}`), 'x.csv');
    expect(sep.headers).toEqual(HEADER);
    expect(sep.rows).toEqual([{ rowNumber: 2, cells: withCommas[1] }]);
  });

  it('numbers rows as Excel does: a quoted line break stays in its row, blank rows count', async () => {
    const text = [
      '作品名称,作品简介,类别代码',
      '',
      '"茶具","第一行',
      '第二行",A-01',
      ',,',
      '  竹编  ,  ,A-02  ',
    ].join('\n');
    const sheet = await readImportFile(utf8(text), 'x.csv');
    expect(sheet.rows).toEqual([
      { rowNumber: 3, cells: ['茶具', '第一行\n第二行', 'A-01'] },
      { rowNumber: 5, cells: ['竹编', '', 'A-02'] },
    ]);
  });

  it('keeps 𠮷 and quotes in a title', async () => {
    const title = '𠮷 "吉祥" 如意, 一套';
    const sheet = await readImportFile(utf8(csvOf([HEADER, [CODE_A, 'A-01', title, '']])), 'x');
    expect(sheet.rows[0].cells[2]).toBe(title);
  });

  it('skips a title row above the header row', async () => {
    const text = csvOf([
      ['2025年工艺美术展 参展作品登记表', '', '', ''],
      ['填表日期：2025-05-01', '', '', ''],
      HEADER,
      [CODE_A, 'A-01', '茶具', ''],
    ]);
    const sheet = await readImportFile(utf8(text), 'x.csv');
    expect(sheet.headerRowNumber).toBe(3);
    expect(sheet.headers).toEqual(HEADER);
    expect(sheet.rows).toEqual([{ rowNumber: 4, cells: [CODE_A, 'A-01', '茶具', ''] }]);
  });

  it('reads CSV bytes whatever the name says', async () => {
    const sheet = await readImportFile(utf8(csvOf(rows)), 'entries.xlsx');
    expect(sheet.format).toBe('csv');
    expect(cellsOf(sheet)).toEqual([rows[1]]);
  });

  it('refuses an empty file (EMPTY_FILE)', async () => {
    expect(await reasonOf(Buffer.alloc(0))).toBe('EMPTY_FILE');
    expect(await reasonOf(utf8('', true))).toBe('EMPTY_FILE');
    expect(await reasonOf(utf8(' \r\n\r\n'))).toBe('EMPTY_FILE');
    expect(await reasonOf(utf8(',,,\r\n, ,\r\n'))).toBe('EMPTY_FILE');
  });

  it('refuses a header row without entries (EMPTY_FILE)', async () => {
    const error = await failure(utf8(`${HEADER.join(',')}\r\n,,,\r\n`));
    expect(error.reason).toBe('EMPTY_FILE');
    expect(error.message).toMatch(/header row \(row 1\) but no entries/u);
  });

  it('refuses a file whose first row is not a header row (NO_HEADER_ROW)', async () => {
    const error = await failure(utf8(csvOf([[CODE_A, 'A-01', '茶具', '李明']])));
    expect(error.reason).toBe('NO_HEADER_ROW');
    expect(error.message).toContain(templateHeaders()[0]);
  });

  it(`accepts ${IMPORT_MAX_ROWS} rows and refuses one more (TOO_MANY_ROWS)`, async () => {
    const line = `${CODE_A},A-01,茶具,李明`;
    const file = (n: number) => utf8([HEADER.join(','), ...Array(n).fill(line)].join('\n'));
    const sheet = await readImportFile(file(IMPORT_MAX_ROWS), 'x.csv');
    expect(sheet.rows).toHaveLength(IMPORT_MAX_ROWS);
    expect(sheet.rows[IMPORT_MAX_ROWS - 1].rowNumber).toBe(IMPORT_MAX_ROWS + 1);
    expect(await reasonOf(file(IMPORT_MAX_ROWS + 1))).toBe('TOO_MANY_ROWS');
    // blank lines are not rows of entries
    const withBlanks = utf8(
      [HEADER.join(','), ...Array(IMPORT_MAX_ROWS).fill(line), ',,,', ''].join('\n'),
    );
    expect((await readImportFile(withBlanks, 'x.csv')).rows).toHaveLength(IMPORT_MAX_ROWS);
  });

  it('refuses a CSV whose quotes never close (INVALID_FILE)', async () => {
    const error = await failure(utf8(`${HEADER.join(',')}\n"${CODE_A},A-01,茶具,李明\n`));
    expect(error.reason).toBe('INVALID_FILE');
  });
});

describe('readImportFile: what is not a workbook nor text', () => {
  it('refuses a PNG (UNSUPPORTED_FILE), even named .csv', async () => {
    const error = await failure(PNG, 'entries.csv');
    expect(error.reason).toBe('UNSUPPORTED_FILE');
    expect(error.message).toMatch(/image/u);
  });

  it.each([
    ['an Excel 97-2003 workbook', 'd0cf11e0a1b11ae1000000000000000000000000', /97–2003/u],
    ['a PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj\n', 'latin1').toString('hex'), /PDF/u],
    ['a JPEG', 'ffd8ffe000104a464946', /image/u],
    ['a gzip archive', '1f8b0800000000000003', /archive/u],
    ['random binary', '00010203fffefd80', /neither/u],
    ['bytes neither UTF-8 nor GB18030', '41422c43440d0a80ff80ff', /neither/u],
  ])('refuses %s (UNSUPPORTED_FILE)', async (_what, hex, message) => {
    const error = await failure(Buffer.from(hex, 'hex'), 'entries.xls');
    expect(error.reason).toBe('UNSUPPORTED_FILE');
    expect(error.message).toMatch(message);
  });

  it('refuses text with control characters (UNSUPPORTED_FILE)', async () => {
    expect(await reasonOf(utf8(`${HEADER.join(',')}\n\u0001,\u0002\n`))).toBe('UNSUPPORTED_FILE');
  });

  it('refuses an HTML table saved with an .xls name (UNSUPPORTED_FILE)', async () => {
    const html = '<html><body><table><tr><td>作品名称</td></tr></table></body></html>';
    const error = await failure(utf8(html), 'export.xls');
    expect(error.reason).toBe('UNSUPPORTED_FILE');
    expect(error.message).toMatch(/web page/u);
  });

  it('refuses a ZIP that is not a workbook, and an OpenDocument spreadsheet (UNSUPPORTED_FILE)', async () => {
    const docx = zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(await reasonOf(docx, 'entries.xlsx')).toBe('UNSUPPORTED_FILE');
    const ods = zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet' });
    const error = await failure(ods, 'entries.ods');
    expect(error.reason).toBe('UNSUPPORTED_FILE');
    expect(error.message).toMatch(/OpenDocument/u);
  });
});

describe('readImportFile: XLSX', () => {
  it('reads the first worksheet, by the bytes whatever the name says', async () => {
    const bytes = await xlsxOf([HEADER, [CODE_A, 'A-01', '茶具', '李明']], (_sheet, workbook) => {
      workbook.addWorksheet('Other').getCell('A1').value = '作品名称';
    });
    for (const name of ['entries.xlsx', 'entries.csv', 'upload']) {
      const sheet = await readImportFile(bytes, name);
      expect(sheet.format).toBe('xlsx');
      expect(sheet.headers).toEqual(HEADER);
      expect(sheet.rows).toEqual([{ rowNumber: 2, cells: [CODE_A, 'A-01', '茶具', '李明'] }]);
    }
  });

  it('turns every kind of cell value into the text the organiser sees', async () => {
    const code = numericCreditCode();
    const bytes = await xlsxOf([
      [
        '统一社会信用代码',
        '作品名称',
        '件数',
        '创作年份',
        '作品简介',
        '材质',
        '工艺',
        '尺寸',
        '作者',
      ],
      [
        Number(code),
        { richText: [{ text: '𠮷祥' }, { text: '如意', font: { bold: true } }] },
        { formula: '1+2', result: 3 },
        2025,
        { text: '详见网页', hyperlink: 'https://example.com/a' },
        new Date(Date.UTC(2025, 2, 1)),
        true,
        0.1 + 0.2,
        { formula: 'A1&"x"', result: { error: '#N/A' } } as unknown as ExcelJS.CellValue,
      ],
      [
        '  ' + CODE_A.toLowerCase() + '  ',
        { formula: 'NOW()' } as ExcelJS.CellValue,
        { sharedFormula: 'C2', result: 4 } as unknown as ExcelJS.CellValue,
        3.0,
        { text: { richText: [{ text: '富文本链接' }] }, hyperlink: 'https://x' } as never,
        new Date(Date.UTC(2025, 2, 1, 9, 30)),
        false,
        1e21,
        { error: '#DIV/0!' } as ExcelJS.CellValue,
      ],
    ]);
    const sheet = await readImportFile(bytes, 'x.xlsx');
    expect(cellsOf(sheet)).toEqual([
      [code, '𠮷祥如意', '3', '2025', '详见网页', '2025-03-01', 'TRUE', '0.3', '#N/A'],
      [
        CODE_A.toLowerCase(),
        '',
        '4',
        '3',
        '富文本链接',
        '2025-03-01 09:30',
        'FALSE',
        '1000000000000000000000',
        '#DIV/0!',
      ],
    ]);
    expect(code).toMatch(/^\d{18}$/u);
  });

  it('keeps spreadsheet row numbers across blank rows, shows a merged value once, skips a title row', async () => {
    const bytes = await xlsxOf(
      [
        ['2025 参展作品登记表'],
        HEADER,
        [CODE_A, 'A-01', '茶具', '李明'],
        [],
        [],
        [undefined, 'A-02', '竹编', undefined],
      ],
      (sheet) => {
        sheet.mergeCells('A1:D1');
        sheet.getCell('C3').value = '茶具';
        sheet.mergeCells('C3:D3');
      },
    );
    const sheet = await readImportFile(bytes, 'x.xlsx');
    expect(sheet.headerRowNumber).toBe(2);
    expect(sheet.rows).toEqual([
      { rowNumber: 3, cells: [CODE_A, 'A-01', '茶具', ''] },
      { rowNumber: 6, cells: ['', 'A-02', '竹编'] },
    ]);
  });

  it('refuses a truncated workbook (INVALID_FILE)', async () => {
    const bytes = await xlsxOf([HEADER, [CODE_A, 'A-01', '茶具', '李明']]);
    for (const length of [bytes.length - 10, Math.floor(bytes.length / 2), 40]) {
      expect(await reasonOf(bytes.subarray(0, length), 'x.xlsx')).toBe('INVALID_FILE');
    }
  });

  it('refuses an empty worksheet and a header without entries (EMPTY_FILE)', async () => {
    expect(await reasonOf(await xlsxOf([]), 'x.xlsx')).toBe('EMPTY_FILE');
    expect(await reasonOf(await xlsxOf([HEADER]), 'x.xlsx')).toBe('EMPTY_FILE');
  });

  it('refuses a first row that is not a header row (NO_HEADER_ROW)', async () => {
    expect(await reasonOf(await xlsxOf([[CODE_A, 'A-01', '茶具']]), 'x.xlsx')).toBe(
      'NO_HEADER_ROW',
    );
  });

  it(`refuses ${IMPORT_MAX_ROWS + 1} rows (TOO_MANY_ROWS)`, async () => {
    const rows = Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => [
      CODE_A,
      'A-01',
      `作品${i}`,
    ]);
    const error = await failure(await xlsxOf([HEADER, ...rows]), 'x.xlsx');
    expect(error.reason).toBe('TOO_MANY_ROWS');
    expect(error.message).toContain(String(IMPORT_MAX_ROWS + 1));
  });
});

describe('numberText', () => {
  it.each([
    [3, '3'],
    [-5, '-5'],
    [2.5, '2.5'],
    [0.1 + 0.2, '0.3'],
    [1e-7, '0.0000001'],
    [914401001234567936, '914401001234568000'],
    [123456789012345, '123456789012345'],
    [1e21, '1000000000000000000000'],
    [-1.5e16, '-15000000000000000'],
  ])('%p → %s', (value, text) => {
    expect(numberText(value)).toBe(text);
  });
});

import { IMPORT_LIMITS, ImportLimits } from './import-limits';
import { ImportFileError, openImportFile, readImportFile } from './import-file';
import {
  deflatedPart,
  repeatedPart,
  sheetXml,
  storedPart,
  workbookParts,
  xlsxBomb,
  zipOfParts,
} from './test/import-fixtures';

async function failure(
  bytes: Buffer,
  limits: ImportLimits = IMPORT_LIMITS,
): Promise<ImportFileError> {
  try {
    await readImportFile(bytes, 'x.xlsx', limits);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}

const inline = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const headerRow = `<row r="1">${inline('A1', '作品名称')}${inline('B1', '类别代码')}</row>`;

/** A workbook of hand-written XML: the sheet's rows, and optionally shared strings and styles. */
function workbook(
  rowsXml: string,
  parts: { sharedStrings?: string; styles?: string; date1904?: boolean } = {},
): Buffer {
  return zipOfParts([
    ...workbookParts({
      sharedStrings: parts.sharedStrings !== undefined,
      styles: parts.styles !== undefined,
      date1904: parts.date1904,
    }),
    deflatedPart('xl/worksheets/sheet1.xml', sheetXml(rowsXml)),
    ...(parts.sharedStrings !== undefined
      ? [deflatedPart('xl/sharedStrings.xml', `<sst>${parts.sharedStrings}</sst>`)]
      : []),
    ...(parts.styles !== undefined
      ? [deflatedPart('xl/styles.xml', `<styleSheet>${parts.styles}</styleSheet>`)]
      : []),
  ]);
}

describe('reading an XLSX as a stream', () => {
  it('keeps a Chinese character whole when a chunk boundary cuts it', async () => {
    // 64 kB chunks: at one of these offsets a three- or four-byte character straddles the
    // boundary. (Written by hand: exceljs's own writer breaks 𠮷 at its 16 kB boundaries.)
    for (const pad of ['', 'a', 'ab', 'abc']) {
      const long = `${pad}${'茶具𠮷'.repeat(12_000)}`;
      const bytes = workbook(`${headerRow}<row r="2"><c r="A2" t="s"><v>0</v></c></row>`, {
        sharedStrings: `<si><t>${long}</t></si>`,
      });
      const sheet = await readImportFile(bytes, 'x.xlsx');
      expect(sheet.rows[0].cells[0] === long).toBe(true);
    }
  });

  it('joins rich text runs, leaves out phonetic guides, reads inline strings and cells without a reference', async () => {
    const bytes = workbook(
      `${headerRow}<row><c t="s"><v>0</v></c><c t="inlineStr"><is><r><t>竹</t></r><r><t xml:space="preserve">编 </t></r><rPh><t>zhu</t></rPh></is></c></row>`,
      {
        sharedStrings:
          '<si><r><t>坭兴</t></r><r><rPr><b/></rPr><t>陶&amp;瓷</t></r><rPh sb="0" eb="1"><t>ni</t></rPh></si>',
      },
    );
    const sheet = await readImportFile(bytes, 'x.xlsx');
    expect(sheet.rows).toEqual([{ rowNumber: 2, cells: ['坭兴陶&瓷', '竹编'] }]);
  });

  it('shows dates by the cell style (built-in and custom formats, 1900 and 1904 systems)', async () => {
    const styles =
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
      '<numFmt numFmtId="165" formatCode="0&quot;件&quot;"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>';
    const row = `${headerRow}<row r="2"><c r="A2" s="1"><v>45717</v></c><c r="B2" s="2"><v>45717.5</v></c><c r="C2" s="3"><v>3</v></c><c r="D2"><v>45717</v></c></row>`;
    const sheet1900 = await readImportFile(workbook(row, { styles }), 'x.xlsx');
    expect(sheet1900.rows[0].cells).toEqual(['2025-03-01', '2025-03-01 12:00', '3', '45717']);
    const sheet1904 = await readImportFile(workbook(row, { styles, date1904: true }), 'x.xlsx');
    expect(sheet1904.rows[0].cells[0]).toBe('2029-03-02');
  });

  it('reads booleans, errors, formula strings and an out-of-range shared string', async () => {
    const bytes = workbook(
      `${headerRow}<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><v>#REF!</v></c><c r="C2" t="str"><f>A1&amp;"x"</f><v>好x</v></c><c r="D2" t="s"><v>99</v></c></row>`,
      { sharedStrings: '<si><t>只有一个</t></si>' },
    );
    expect((await readImportFile(bytes, 'x.xlsx')).rows[0].cells).toEqual([
      'TRUE',
      '#REF!',
      '好x',
      '',
    ]);
  });

  it('reads nothing after the sheet data (merged ranges, hyperlinks)', async () => {
    const bytes = zipOfParts([
      ...workbookParts(),
      storedPart(
        'xl/worksheets/sheet1.xml',
        sheetXml(
          `${headerRow}<row r="2">${inline('A2', '茶具')}${inline('B2', 'A-01')}</row>`,
        ).replace(
          '</worksheet>',
          // past the first 64 kB chunk, so that reading it would fail
          `${' '.repeat(70_000)}<mergeCells><mergeCell ref="A1:B1"/></mergeCells> not XML <<<</worksheet>`,
        ),
      ),
    ]);
    expect((await readImportFile(bytes, 'x.xlsx')).rows).toEqual([
      { rowNumber: 2, cells: ['茶具', 'A-01'] },
    ]);
  });

  it('refuses a workbook whose first sheet is missing (INVALID_FILE) or that has none (EMPTY_FILE)', async () => {
    expect((await failure(zipOfParts(workbookParts()))).reason).toBe('INVALID_FILE');
    const noSheets = zipOfParts([
      deflatedPart('xl/workbook.xml', '<workbook><sheets/></workbook>'),
    ]);
    expect((await failure(noSheets)).reason).toBe('EMPTY_FILE');
  });

  it('refuses broken XML in the sheet (INVALID_FILE)', async () => {
    expect(
      (await failure(workbook(`${headerRow}<row r="2"><c r="A2"><v>1</c></row>`))).reason,
    ).toBe('INVALID_FILE');
  });
});

describe('what an XLSX may hold (ImportLimits)', () => {
  const limits = (overrides: Partial<ImportLimits>): ImportLimits => ({
    ...IMPORT_LIMITS,
    ...overrides,
  });

  it('refuses a workbook that says it unpacks to more than the limit, before unpacking it', async () => {
    // 3 MiB of sheet, said honestly; the limit is 2 MiB.
    const error = await failure(xlsxBomb(3), limits({ maxUnpackedBytes: 2 * 1024 * 1024 }));
    expect(error.reason).toBe('UNPACKED_TOO_LARGE');
    expect(error.message).toMatch(/unpacks to 3 MiB; at most 2 MiB is read/u);
  });

  it('refuses a part that unpacks to more than it declared (a directory that lies)', async () => {
    const error = await failure(xlsxBomb(64, 2048));
    expect(error.reason).toBe('UNPACKED_TOO_LARGE');
    expect(error.message).toMatch(
      /xl\/worksheets\/sheet1\.xml unpacks to more than the 2048 bytes/u,
    );
  });

  it('refuses a ZIP of more parts than a workbook has (TOO_MANY_PARTS)', async () => {
    const parts = [
      ...workbookParts(),
      deflatedPart('xl/worksheets/sheet1.xml', sheetXml(headerRow)),
    ];
    const padded = [...parts, ...Array.from({ length: 20 }, (_, i) => storedPart(`x/${i}`, ''))];
    expect((await failure(zipOfParts(padded), limits({ maxParts: 10 }))).reason).toBe(
      'TOO_MANY_PARTS',
    );
  });

  it('refuses a value right of the last column read (TOO_MANY_COLUMNS); empty cells there are nothing', async () => {
    const row = (ref: string, value: string | null) =>
      workbook(
        `${headerRow}<row r="2">${inline('A2', '茶具')}${value === null ? `<c r="${ref}" s="1"/>` : inline(ref, value)}</row>`,
      );
    expect((await readImportFile(row('XFD2', null), 'x.xlsx')).rows[0].cells).toEqual(['茶具']);
    const error = await failure(row('IW2', '备注'));
    expect(error.reason).toBe('TOO_MANY_COLUMNS');
    expect(error.message).toMatch(/row 2 has a value in column 257/u);
    expect((await readImportFile(row('IV2', '备注'), 'x.xlsx')).rows[0].cells).toHaveLength(256);
  });

  it('stops reading at the first row past the limit (the rest is never parsed)', async () => {
    // Broken XML after 1,000 rows (past the first 64 kB chunk): read that far, it would be
    // INVALID_FILE.
    const rows = Array.from(
      { length: 1_000 },
      (_, i) =>
        `<row r="${i + 2}">${inline(`A${i + 2}`, `作品${i}`)}${inline(`B${i + 2}`, 'A-01')}</row>`,
    ).join('');
    const bytes = workbook(`${headerRow}${rows}<row><c><v>broken`);
    const error = await failure(bytes, limits({ maxRows: 20 }));
    expect(error.reason).toBe('TOO_MANY_ROWS');
    expect(error.message).toMatch(/more than 20 rows of entries \(row 22 would be entry 21\)/u);
    expect((await failure(bytes, limits({ maxRows: 2_000 }))).reason).toBe('INVALID_FILE');
  });

  it('streams a sheet of 200,000 rows to the row limit without reading it whole', async () => {
    // 200,000 rows (about 20 MB of XML) from about 300 kB; refused at row 20,002.
    const unit = Buffer.from(
      Array.from(
        { length: 100 },
        () => `<row>${inline('A9', '作品')}${inline('B9', 'A-01')}</row>`,
      ).join(''),
    );
    const sheet = repeatedPart(
      'xl/worksheets/sheet1.xml',
      sheetXml(headerRow).replace('</sheetData></worksheet>', ''),
      unit,
      2_000,
      '</sheetData></worksheet>',
    );
    const bytes = zipOfParts([...workbookParts(), sheet]);
    expect(bytes.length).toBeLessThan(400 * 1024);
    const opened = await openImportFile(bytes, 'x.xlsx');
    let read = 0;
    const error = await (async () => {
      try {
        for await (const row of opened.rows) read += row.cells.length > 0 ? 1 : 0;
      } catch (caught) {
        return caught as ImportFileError;
      }
    })();
    expect(error?.reason).toBe('TOO_MANY_ROWS');
    expect(read).toBe(IMPORT_LIMITS.maxRows);
  });
});

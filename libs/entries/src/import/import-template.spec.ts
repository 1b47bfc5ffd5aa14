import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, ImportColumnKey, mapColumns, templateHeaders } from './import-columns';
import { ImportFileError, cellText, readImportFile } from './import-file';
import { interpretRows } from './import-rows';
import {
  TEMPLATE_SHEETS,
  TemplateCategory,
  buildTemplateCsv,
  buildTemplateXlsx,
} from './import-template';
import {
  CODE_A,
  CODE_B,
  PATENT_A,
  PATENT_B,
  YEAR,
  numericCreditCode,
} from './test/import-fixtures';

const CATEGORIES: TemplateCategory[] = [
  { code: 'A', name: '陶瓷', parentCode: null, leaf: false },
  { code: 'A-01', name: '日用陶瓷', parentCode: 'A', leaf: true },
  { code: 'A-02', name: '陈设陶瓷', parentCode: 'A', leaf: true },
  { code: 'B', name: '竹编', parentCode: null, leaf: true },
];

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

const columnOf = (key: ImportColumnKey) => IMPORT_COLUMNS.findIndex((c) => c.key === key) + 1;

describe('buildTemplateXlsx', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await load(await buildTemplateXlsx(CATEGORIES, '2025 广西工艺美术展'));
  });

  it('has the entries, instructions and categories sheets, in that order', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      TEMPLATE_SHEETS.entries,
      TEMPLATE_SHEETS.instructions,
      TEMPLATE_SHEETS.categories,
    ]);
    expect(TEMPLATE_SHEETS.entries).toMatch(/Entries/u);
    expect(TEMPLATE_SHEETS.entries).toMatch(/作品/u);
  });

  it('sheet 1 is the bilingual header row only, frozen, the credit code column as text', () => {
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(templateHeaders());
    expect(headers).toContain('作品名称 Title');
    expect(sheet.actualRowCount).toBe(1);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(columnOf('creditCode')).numFmt).toBe('@');
    expect(sheet.getColumn(columnOf('patentNumbers')).numFmt).toBe('@');
    for (const column of IMPORT_COLUMNS) {
      expect(sheet.getColumn(columnOf(column.key)).width).toBeGreaterThanOrEqual(14);
    }
    expect(sheet.getColumn(columnOf('description')).width).toBeGreaterThan(
      sheet.getColumn(columnOf('itemCount')).width!,
    );
  });

  it('sheet 2 explains, with an example that passes the importer', () => {
    const sheet = workbook.worksheets[1];
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push((row.values as unknown[]).slice(1).join(' | ')));
    expect(texts[0]).toBe('2025 广西工艺美术展');
    expect(texts.join('\n')).toMatch(/统一社会信用代码/u);
    const headerIndex = texts.findIndex((t) => t.startsWith(templateHeaders()[0]));
    expect(headerIndex).toBeGreaterThan(0);
    const exampleRow = sheet.getRow(headerIndex + 2);
    const example = IMPORT_COLUMNS.map((_, i) => cellText(exampleRow.getCell(i + 1).value));
    const { map, problems } = mapColumns(templateHeaders());
    expect(problems).toEqual([]);
    const [row] = interpretRows([{ rowNumber: 2, cells: example }], map, YEAR);
    expect(row.problems).toEqual([]);
    expect(row.categoryCode).toBe('A-01');
  });

  it('sheet 3 lists every leaf category with its parent', () => {
    const sheet = workbook.worksheets[2];
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows.slice(1)).toEqual([
      ['A-01', '日用陶瓷', 'A', '陶瓷'],
      ['A-02', '陈设陶瓷', 'A', '陶瓷'],
      ['B', '竹编'],
    ]);
  });

  it('offers the leaf codes as a drop-down in the category code column', () => {
    const cell = workbook.worksheets[0].getCell(2, columnOf('categoryCode'));
    expect(cell.dataValidation).toMatchObject({
      type: 'list',
      formulae: [`'${TEMPLATE_SHEETS.categories}'!$A$2:$A$4`],
    });
  });

  it('builds a template for an event without categories', async () => {
    const empty = await load(await buildTemplateXlsx([], 'x'));
    expect(empty.worksheets[2].actualRowCount).toBe(1);
  });
});

describe('the template round trip', () => {
  it('template → rows filled in Excel → readImportFile → mapColumns → interpretRows gives the values back', async () => {
    const workbook = await load(await buildTemplateXlsx(CATEGORIES, '展'));
    const sheet = workbook.worksheets[0];
    const numeric = numericCreditCode();
    const fill = (row: number, values: Partial<Record<ImportColumnKey, ExcelJS.CellValue>>) => {
      for (const [key, value] of Object.entries(values)) {
        sheet.getCell(row, columnOf(key as ImportColumnKey)).value = value;
      }
    };
    fill(2, {
      creditCode: CODE_A,
      categoryCode: 'a-01',
      title: '𠮷祥如意 坭兴陶茶具',
      description: '手工拉坯，\n雕刻填泥。',
      materials: '钦州坭兴陶土',
      techniques: '手工拉坯',
      dimensions: '30×20×15 cm',
      creators: '李明、阿依古丽·买买提',
      itemCount: 3,
      yearCreated: 2025,
      patentNumbers: `${PATENT_A}\n${PATENT_B}`,
    });
    fill(3, {
      entrantName: '张三',
      categoryCode: 'B',
      title: { richText: [{ text: '竹编' }, { text: '花篮', font: { bold: true } }] },
      itemCount: { formula: '1+1', result: 2 },
    });
    fill(5, { creditCode: Number(numeric), categoryCode: 'A-02', title: '数字代码' });
    fill(6, { creditCode: CODE_B, categoryCode: 'A-02', title: '茶盘' });
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    const file = await readImportFile(bytes, 'filled.xlsx');
    expect(file.headers).toEqual(templateHeaders());
    const { map, problems } = mapColumns(file.headers);
    expect(problems).toEqual([]);
    const rows = interpretRows(file.rows, map, YEAR);
    expect(rows.map((r) => r.problems)).toEqual([[], [], [], []]);
    expect(rows.map((r) => [r.rowNumber, r.entrant, r.categoryCode])).toEqual([
      [2, { creditCode: CODE_A, name: null }, 'A-01'],
      [3, { creditCode: null, name: '张三' }, 'B'],
      [5, { creditCode: numeric, name: null }, 'A-02'],
      [6, { creditCode: CODE_B, name: null }, 'A-02'],
    ]);
    expect(rows[0].fields).toEqual({
      title: '𠮷祥如意 坭兴陶茶具',
      description: '手工拉坯，\n雕刻填泥。',
      materials: '钦州坭兴陶土',
      techniques: '手工拉坯',
      dimensions: '30×20×15 cm',
      creators: ['李明', '阿依古丽·买买提'],
      itemCount: 3,
      yearCreated: 2025,
      patentNumbers: [PATENT_A, PATENT_B],
    });
    expect(rows[1].fields).toMatchObject({ title: '竹编花篮', itemCount: 2, creators: [] });
  });

  it('the CSV template: UTF-8 with a BOM, the same header row only', async () => {
    const bytes = buildTemplateCsv();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')).toEqual([`\uFEFF${templateHeaders().join(',')}`, '']);

    // as downloaded, it has nothing to import
    await expect(readImportFile(bytes, 't.csv')).rejects.toMatchObject({
      reason: 'EMPTY_FILE',
    } satisfies Partial<ImportFileError>);

    // filled in, it reads back
    const filled = Buffer.concat([
      bytes,
      Buffer.from(`${CODE_A},,A-01,𠮷祥如意,,,,,"李明,王芳",2,2024,${PATENT_A}\r\n`, 'utf8'),
    ]);
    const file = await readImportFile(filled, 't.csv');
    const { map, problems } = mapColumns(file.headers);
    expect(problems).toEqual([]);
    const [row] = interpretRows(file.rows, map, YEAR);
    expect(row.problems).toEqual([]);
    expect(row.fields).toMatchObject({
      title: '𠮷祥如意',
      creators: ['李明', '王芳'],
      itemCount: 2,
      yearCreated: 2024,
      patentNumbers: [PATENT_A],
    });
  });
});

import ExcelJS from 'exceljs';
import { completeCreditCode } from '@app/validators';
import { IMPORT_COLUMNS, ImportColumnKey, columnLetters, templateHeader } from './import-columns';
import { IMPORT_MAX_ROWS } from './import-file';

export interface TemplateCategory {
  code: string;
  name: string;
  parentCode: string | null;
  leaf: boolean;
}

export const TEMPLATE_SHEETS = {
  entries: '作品 Entries',
  instructions: '说明 Instructions',
  categories: '类别 Categories',
} as const;

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** Columns the organiser must fill (the entrant by either of its two columns). */
const REQUIRED: ReadonlySet<ImportColumnKey> = new Set(['categoryCode', 'title']);

/** Typed as text so Excel keeps every digit and leading zero. */
const TEXT_COLUMNS: ReadonlySet<ImportColumnKey> = new Set([
  'creditCode',
  'categoryCode',
  'patentNumbers',
]);

const WIDTHS: Partial<Record<ImportColumnKey, number>> = {
  creditCode: 24,
  entrantName: 28,
  categoryCode: 16,
  title: 30,
  description: 48,
  creators: 24,
  itemCount: 14,
  yearCreated: 16,
  patentNumbers: 28,
};

const NOTES: Record<ImportColumnKey, string> = {
  creditCode:
    '企业、机构填18位统一社会信用代码。\nEnterprises and institutions: the 18-character code.',
  entrantName:
    '没有信用代码的个人填注册时的姓名（须完全一致）。\nIndividuals: the name as registered, exactly.',
  categoryCode:
    '必填。见“类别 Categories”表，填末级类别代码。\nRequired: a code from the Categories sheet.',
  title: '必填，最多200字。\nRequired, at most 200 characters.',
  description: '最多5000字，可换行。\nAt most 5,000 characters; line breaks allowed.',
  materials: '最多500字。\nAt most 500 characters.',
  techniques: '最多500字。\nAt most 500 characters.',
  dimensions: '如 30×20×15 cm。\nE.g. 30×20×15 cm.',
  creators: '多位作者用顿号、逗号或分号隔开。\nSeveral: separate them with 、 , or ;',
  itemCount: '整数，不填为1。\nA whole number; 1 when blank.',
  yearCreated: '四位年份，如 2024。\nFour digits, e.g. 2024.',
  patentNumbers:
    '如 ZL201310123456.2；多个用顿号、逗号或分号隔开。\nE.g. ZL201310123456.2; several: separate with 、 , or ;',
};

const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFD9E1F2' },
};
const REQUIRED_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFFCE4D6' },
};

/**
 * The XLSX template of an event's import: sheet 1 the header row to fill (nothing else, so
 * nothing in it is imported by mistake), sheet 2 instructions with an example, sheet 3 the
 * event's leaf categories. `readImportFile` + `mapColumns` accept exactly the headers it writes.
 */
export async function buildTemplateXlsx(
  categories: ReadonlyArray<TemplateCategory>,
  eventName: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = eventName;
  workbook.title = `${eventName} 作品导入模板 entry import template`;
  const leaves = categories.filter((c) => c.leaf);

  // 1. Entries
  const entries = workbook.addWorksheet(TEMPLATE_SHEETS.entries, {
    views: [{ state: 'frozen', ySplit: 1, activeCell: 'A2' }],
  });
  entries.columns = IMPORT_COLUMNS.map((column) => ({
    key: column.key,
    width: WIDTHS[column.key] ?? 18,
    style: TEXT_COLUMNS.has(column.key)
      ? { numFmt: '@' }
      : column.key === 'description'
        ? { alignment: { wrapText: true, vertical: 'top' } }
        : {},
  }));
  const header = entries.getRow(1);
  IMPORT_COLUMNS.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = templateHeader(column.key);
    cell.font = { bold: true };
    cell.fill = REQUIRED.has(column.key) ? REQUIRED_FILL : HEADER_FILL;
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.note = NOTES[column.key];
  });
  header.height = 30;
  if (leaves.length > 0) {
    const column = columnLetters(IMPORT_COLUMNS.findIndex((c) => c.key === 'categoryCode') + 1);
    // exceljs writes range validations, but its typings only know cell.dataValidation
    const validations = (
      entries as unknown as {
        dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
      }
    ).dataValidations;
    validations.add(`${column}2:${column}${IMPORT_MAX_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'${TEMPLATE_SHEETS.categories}'!$A$2:$A$${leaves.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '类别代码 Category code',
      error: '不是本届的末级类别代码。Not a leaf category code of this event.',
    });
  }

  // 2. Instructions, with an example
  const help = workbook.addWorksheet(TEMPLATE_SHEETS.instructions);
  help.columns = IMPORT_COLUMNS.map((column) => ({ width: WIDTHS[column.key] ?? 18 }));
  const line = (text: string, font: Partial<ExcelJS.Font> = {}) => {
    const row = help.addRow([text]);
    row.getCell(1).font = font;
  };
  line(`${eventName}`, { bold: true, size: 14 });
  line('作品批量导入说明 How to fill in the entry import', { bold: true });
  line('');
  for (const text of [
    '1. 在“作品 Entries”表中每行填一件作品，第一行表头不要改动，也不要在表头上方插入行。',
    '   One row per entry on the “Entries” sheet; keep its header row as it is.',
    '2. 参展单位：企业、机构填统一社会信用代码；没有信用代码的个人填与注册完全一致的姓名。',
    '   Entrant: its unified social credit code, or (individuals) its registered name exactly.',
    '3. 类别代码：见“类别 Categories”表，只能填末级类别。',
    '   Category code: a code from the “Categories” sheet (leaf categories only).',
    '4. 作者、专利号可填多个，用顿号（、）、逗号或分号隔开。专利号如 ZL201310123456.2。',
    '   Several creators or patent numbers: separate them with 、 , or ; (e.g. ZL201310123456.2).',
    '5. 件数不填为 1；创作年份填四位数字。',
    '   Item count: 1 when blank. Year created: four digits.',
    `6. 每个文件最多 ${IMPORT_MAX_ROWS} 行作品。也可另存为 CSV（UTF-8 或 GBK）后上传。`,
    `   At most ${IMPORT_MAX_ROWS} entries a file. A CSV file (UTF-8 or GBK) is accepted too.`,
    '7. 只要有一行出错，整个文件都不会导入，系统会列出每一行的问题；改正后重新上传即可。',
    '   If any row has a problem nothing is imported, and every problem is listed: fix the file and upload it again.',
  ]) {
    line(text);
  }
  line('');
  line('示例 Example（本表内容不会被导入 nothing on this sheet is imported）', { bold: true });
  const exampleHeader = help.addRow(IMPORT_COLUMNS.map((c) => templateHeader(c.key)));
  exampleHeader.font = { bold: true };
  exampleHeader.eachCell((cell) => (cell.fill = HEADER_FILL));
  const example: Record<ImportColumnKey, string | number | null> = {
    creditCode: completeCreditCode('91450100MA5K3B7C'),
    entrantName: null,
    categoryCode: leaves[0]?.code ?? 'A01',
    title: '坭兴陶茶具',
    description: '手工拉坯，雕刻填泥。',
    materials: '钦州坭兴陶土',
    techniques: '手工拉坯',
    dimensions: '30×20×15 cm',
    creators: '李明、阿依古丽·买买提',
    itemCount: 3,
    yearCreated: 2025,
    patentNumbers: 'ZL201310123456.2',
  };
  const exampleRow = help.addRow(IMPORT_COLUMNS.map((c) => example[c.key]));
  exampleRow.font = { italic: true, color: { argb: 'FF808080' } };

  // 3. Categories
  const list = workbook.addWorksheet(TEMPLATE_SHEETS.categories, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  list.columns = [
    { header: '类别代码 Category code', width: 22, style: { numFmt: '@' } },
    { header: '类别名称 Category', width: 30 },
    { header: '上级代码 Parent code', width: 20, style: { numFmt: '@' } },
    { header: '上级类别 Parent', width: 30 },
  ];
  list.getRow(1).font = { bold: true };
  list.getRow(1).eachCell((cell) => (cell.fill = HEADER_FILL));
  const byCode = new Map(categories.map((c) => [c.code, c]));
  for (const category of leaves) {
    const parent = category.parentCode === null ? undefined : byCode.get(category.parentCode);
    list.addRow([category.code, category.name, category.parentCode, parent?.name ?? null]);
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The CSV template: the header row only, UTF-8 with a BOM so Excel shows the Chinese. */
export function buildTemplateCsv(): Buffer {
  const line = IMPORT_COLUMNS.map((c) => csvCell(templateHeader(c.key))).join(',');
  return Buffer.from(`\uFEFF${line}\r\n`, 'utf8');
}

/** A CSV cell, quoted when it must be. */
export function csvCell(text: string): string {
  return /[",;\t\r\n]/u.test(text) || /^\s|\s$/u.test(text)
    ? `"${text.replace(/"/gu, '""')}"`
    : text;
}

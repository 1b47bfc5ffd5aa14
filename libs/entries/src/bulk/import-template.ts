import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, headerOf } from './import-columns';

interface TemplateCategory {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

/** The import template, with the event's leaf categories to choose from. */
export async function importTemplate(
  format: 'xlsx' | 'csv',
  event: { slug: string; name: string },
  categories: readonly TemplateCategory[],
): Promise<{ bytes: Buffer; contentType: string; fileName: string }> {
  if (format === 'csv') {
    const line = IMPORT_COLUMNS.map((c) => csvCell(headerOf(c))).join(',');
    // A BOM, so Excel opens the Chinese headers as UTF-8.
    return {
      bytes: Buffer.from(`\uFEFF${line}\r\n`, 'utf8'),
      contentType: 'text/csv; charset=utf-8',
      fileName: `${event.slug}-entries.csv`,
    };
  }
  const workbook = new ExcelJS.Workbook();
  const entries = workbook.addWorksheet('作品 Entries', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  entries.columns = IMPORT_COLUMNS.map((c) => ({
    header: headerOf(c),
    key: c.key,
    width: c.key === 'description' ? 40 : c.key === 'creditCode' ? 24 : 18,
    style:
      c.key === 'creditCode' || c.key === 'patentNumbers' || c.key === 'categoryCode'
        ? { numFmt: '@' }
        : {},
  }));
  entries.getRow(1).font = { bold: true };

  const help = workbook.addWorksheet('说明 Instructions');
  help.columns = [{ width: 110 }];
  for (const line of [
    `${event.name}: 作品批量导入 / bulk import of entries`,
    '每行一件作品。One row is one entry; the header row stays as it is.',
    '参展单位：填统一社会信用代码（企业、机构），或与注册名称完全一致的名称（个人）。Entrant: its credit code, or its exact registered name.',
    '类别代码：见“类别 Categories”表，只能填末级类别。Category code: a leaf category from the Categories sheet.',
    '作者、专利号可填多个，用顿号、逗号或分号隔开。Several creators or patent numbers: separate them with 、 , or ;',
    '专利号格式 Patent number: ZL201310123456.2 或 ZL98123456.9',
    '有任何一行出错时整个文件都不导入，并列出每行的问题。If any row has a problem, nothing is imported and every problem is listed.',
    '示例 Example: 91450100MA000001XY | | TC-01 | 坭兴陶茶具 | … | 李明、王芳 | 3 | 2025 | ZL201310123456.2',
  ]) {
    help.addRow([line]);
  }

  const list = workbook.addWorksheet('类别 Categories');
  list.columns = [
    { header: '类别代码 Category code', width: 22 },
    { header: '名称 Name', width: 30 },
    { header: '上级 Parent', width: 30 },
  ];
  list.getRow(1).font = { bold: true };
  const byId = new Map(categories.map((c) => [c.id, c]));
  const parents = new Set(categories.map((c) => c.parentId));
  for (const c of [...categories].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    if (parents.has(c.id)) continue; // leaves only: entries go to leaf categories
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    list.addRow([c.code, c.name, parent ? `${parent.code} ${parent.name}` : '']);
  }
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    bytes,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${event.slug}-entries.xlsx`,
  };
}

function csvCell(text: string): string {
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The columns of an import file. The template writes each header as "中文 English"; the
 * reader accepts either half, or both, in any case and spacing, in any column order.
 */
export const IMPORT_COLUMNS = [
  { key: 'creditCode', zh: '统一社会信用代码', en: 'Credit code', aliases: ['信用代码'] },
  {
    key: 'entrantName',
    zh: '参展单位',
    en: 'Entrant',
    aliases: ['参展人', '参展单位/个人', 'Entrant name'],
  },
  { key: 'categoryCode', zh: '类别代码', en: 'Category code', aliases: ['类别', 'Category'] },
  { key: 'title', zh: '作品名称', en: 'Title', aliases: ['名称'] },
  { key: 'description', zh: '作品简介', en: 'Description', aliases: ['简介'] },
  { key: 'materials', zh: '材质', en: 'Materials', aliases: ['材料'] },
  { key: 'techniques', zh: '工艺', en: 'Techniques', aliases: ['技法'] },
  { key: 'dimensions', zh: '尺寸', en: 'Dimensions', aliases: ['规格'] },
  { key: 'creators', zh: '作者', en: 'Creators', aliases: ['创作者'] },
  { key: 'itemCount', zh: '件数', en: 'Item count', aliases: ['数量', 'Items'] },
  { key: 'yearCreated', zh: '创作年份', en: 'Year created', aliases: ['年份', 'Year'] },
  { key: 'patentNumbers', zh: '专利号', en: 'Patent numbers', aliases: ['专利', 'Patents'] },
] as const;

export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];
export type ColumnMap = Partial<Record<ImportColumnKey, number>>;

export interface ColumnProblem {
  column: string;
  reason: 'UNKNOWN_COLUMN' | 'MISSING_COLUMN' | 'DUPLICATE_COLUMN';
  message: string;
}

export function headerOf(column: (typeof IMPORT_COLUMNS)[number]): string {
  return `${column.zh} ${column.en}`;
}

const squash = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_*:：()（）]+/gu, '');

const LOOKUP = new Map<string, ImportColumnKey>();
for (const column of IMPORT_COLUMNS) {
  for (const name of [column.zh, column.en, headerOf(column), ...column.aliases])
    LOOKUP.set(squash(name), column.key);
}

export function mapColumns(headers: readonly string[]): {
  map: ColumnMap;
  problems: ColumnProblem[];
} {
  const map: ColumnMap = {};
  const problems: ColumnProblem[] = [];
  headers.forEach((header, index) => {
    if (header.trim() === '') return;
    const key = LOOKUP.get(squash(header));
    if (!key) {
      problems.push({
        column: header,
        reason: 'UNKNOWN_COLUMN',
        message: `"${header}" is not a column of the template`,
      });
    } else if (map[key] !== undefined) {
      problems.push({
        column: header,
        reason: 'DUPLICATE_COLUMN',
        message: `"${header}" appears twice`,
      });
    } else {
      map[key] = index;
    }
  });
  for (const key of ['title', 'categoryCode'] as const) {
    if (map[key] === undefined) {
      const column = IMPORT_COLUMNS.find((c) => c.key === key)!;
      problems.push({
        column: headerOf(column),
        reason: 'MISSING_COLUMN',
        message: `the column "${headerOf(column)}" is required`,
      });
    }
  }
  if (map.creditCode === undefined && map.entrantName === undefined) {
    problems.push({
      column: '统一社会信用代码 Credit code / 参展单位 Entrant',
      reason: 'MISSING_COLUMN',
      message: 'give the entrant by credit code or by name',
    });
  }
  return { map, problems };
}

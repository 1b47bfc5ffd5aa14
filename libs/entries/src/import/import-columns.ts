/**
 * The columns of a bulk-import file. The template writes each header as "中文 English"
 * (e.g. `作品名称 Title`); the reader accepts the Chinese name, the English name, both (in
 * either order, with any spaces, line breaks, slashes or brackets between them) or one of the
 * aliases, in any case, full-width or half-width, with a `*` or "(必填)" marker, in any order
 * of columns.
 */

export const IMPORT_COLUMNS = [
  {
    key: 'creditCode',
    zh: '统一社会信用代码',
    en: 'Credit code',
    aliases: ['信用代码', '社会信用代码', 'Unified social credit code', 'USCC'],
  },
  {
    key: 'entrantName',
    zh: '参展单位/参展人',
    en: 'Entrant name',
    aliases: ['参展单位', '参展人', '参展者', '参展单位名称', '参展单位或个人', 'Entrant'],
  },
  {
    key: 'categoryCode',
    zh: '类别代码',
    en: 'Category code',
    aliases: ['类别编码', '类别编号', '分类代码'],
  },
  {
    key: 'title',
    zh: '作品名称',
    en: 'Title',
    aliases: ['作品名', '作品标题', '名称', 'Entry title', 'Work title'],
  },
  {
    key: 'description',
    zh: '作品简介',
    en: 'Description',
    aliases: ['简介', '作品说明', '作品介绍'],
  },
  { key: 'materials', zh: '材质', en: 'Materials', aliases: ['材料', '材质/材料', 'Material'] },
  {
    key: 'techniques',
    zh: '工艺',
    en: 'Techniques',
    aliases: ['技法', '工艺/技法', 'Technique'],
  },
  { key: 'dimensions', zh: '尺寸', en: 'Dimensions', aliases: ['规格', '尺寸/规格', 'Size'] },
  {
    key: 'creators',
    zh: '作者',
    en: 'Creators',
    aliases: ['创作者', '作者/创作者', 'Creator', 'Author', 'Authors'],
  },
  {
    key: 'itemCount',
    zh: '件数',
    en: 'Item count',
    aliases: ['数量', '件数/数量', 'Items', 'Number of items', 'Quantity'],
  },
  {
    key: 'yearCreated',
    zh: '创作年份',
    en: 'Year created',
    aliases: ['年份', '创作年度', 'Year', 'Year made'],
  },
  {
    key: 'patentNumbers',
    zh: '专利号',
    en: 'Patent numbers',
    aliases: ['专利', '专利号码', 'Patent number', 'Patents'],
  },
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export type ImportColumnKey = ImportColumn['key'];

/** Where a column is in the file: its 0-based index and its header as the organiser wrote it. */
export interface ColumnRef {
  index: number;
  header: string;
}

/** The columns found in a file's header row. */
export type ColumnMap = Partial<Record<ImportColumnKey, ColumnRef>>;

export type ColumnProblemReason = 'UNKNOWN_COLUMN' | 'MISSING_COLUMN' | 'DUPLICATE_COLUMN';

export interface ColumnProblem {
  /** the header as written in the file; for a missing column, the template's header */
  column: string;
  reason: ColumnProblemReason;
  message: string;
  /** 1-based column number of the offending header (absent for a missing column) */
  columnNumber?: number;
}

/** The header the template writes for a column, e.g. `作品名称 Title`. */
export function templateHeader(key: ImportColumnKey): string {
  const column = IMPORT_COLUMNS.find((c) => c.key === key);
  if (!column) throw new RangeError(`no import column ${key}`);
  return `${column.zh} ${column.en}`;
}

/** The headers of the template, in the template's order. */
export function templateHeaders(): string[] {
  return IMPORT_COLUMNS.map((c) => templateHeader(c.key));
}

/**
 * What a header is compared by: NFKC (full-width letters and brackets become ASCII),
 * lower case, letters and digits only (spaces, line breaks, `*`, `/`, brackets and colons go),
 * without a "required/optional" marker.
 */
function squash(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .replace(/必填|选填|可选|非必填|required|optional/gu, '');
}

const LOOKUP: ReadonlyMap<string, ImportColumnKey> = (() => {
  const lookup = new Map<string, ImportColumnKey>();
  const add = (name: string, key: ImportColumnKey) => {
    const squashed = squash(name);
    const known = lookup.get(squashed);
    if (known !== undefined && known !== key) {
      throw new Error(`import header "${name}" names both ${known} and ${key}`);
    }
    lookup.set(squashed, key);
  };
  for (const column of IMPORT_COLUMNS) {
    const zh = [column.zh, ...column.aliases.filter((a) => /\p{Script=Han}/u.test(a))];
    const en = [column.en, ...column.aliases.filter((a) => !/\p{Script=Han}/u.test(a))];
    for (const name of [...zh, ...en]) add(name, column.key);
    for (const z of zh) {
      for (const e of en) {
        add(`${z} ${e}`, column.key);
        add(`${e} ${z}`, column.key);
      }
    }
  }
  return lookup;
})();

/** The column a header names, or `null` when it names none. */
export function columnKeyOf(header: string): ImportColumnKey | null {
  return LOOKUP.get(squash(header)) ?? null;
}

/** The label of a column in the organiser's file: the header as written, else the template's. */
export function columnLabel(map: ColumnMap, key: ImportColumnKey): string {
  return map[key]?.header ?? templateHeader(key);
}

/** Spreadsheet column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetters(columnNumber: number): string {
  let letters = '';
  for (let n = columnNumber; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/**
 * Finds the columns in a header row. Blank headers are skipped (a value under one is reported
 * by the row, see `interpretRow`); every other header must name a column once. Required:
 * the title, the category code, and the entrant by credit code or by name (or both).
 */
export function mapColumns(headers: readonly string[]): {
  map: ColumnMap;
  problems: ColumnProblem[];
} {
  const map: ColumnMap = {};
  const problems: ColumnProblem[] = [];
  headers.forEach((raw, index) => {
    const header = raw.trim();
    if (header === '') return;
    const where = `column ${columnLetters(index + 1)}`;
    const key = columnKeyOf(header);
    if (key === null) {
      problems.push({
        column: header,
        reason: 'UNKNOWN_COLUMN',
        message: `${where}: "${header}" is not a column of the template; rename or delete it`,
        columnNumber: index + 1,
      });
      return;
    }
    const earlier = map[key];
    if (earlier !== undefined) {
      problems.push({
        column: header,
        reason: 'DUPLICATE_COLUMN',
        message: `${where}: "${header}" is the same column as "${earlier.header}" in column ${columnLetters(earlier.index + 1)}`,
        columnNumber: index + 1,
      });
      return;
    }
    map[key] = { index, header };
  });

  for (const key of ['title', 'categoryCode'] as const) {
    if (map[key] === undefined) {
      problems.push({
        column: templateHeader(key),
        reason: 'MISSING_COLUMN',
        message: `the column "${templateHeader(key)}" is required`,
      });
    }
  }
  if (map.creditCode === undefined && map.entrantName === undefined) {
    const either = `${templateHeader('creditCode')}" or "${templateHeader('entrantName')}`;
    problems.push({
      column: `${templateHeader('creditCode')} / ${templateHeader('entrantName')}`,
      reason: 'MISSING_COLUMN',
      message: `the entrant is required: add the column "${either}" (or both)`,
    });
  }
  return { map, problems };
}

import { ENTRY_LIMITS } from '../entry/entry-rules';
import { IMPORT_COLUMNS, ImportColumnKey, mapColumns, templateHeaders } from './import-columns';
import {
  ImportRow,
  findDuplicateRows,
  interpretRow,
  interpretRows,
  splitList,
} from './import-rows';
import { CODE_A, CODE_B, PATENT_A, PATENT_B, YEAR } from './test/import-fixtures';

type Values = Partial<Record<ImportColumnKey, string>>;

const COLUMNS = mapColumns(templateHeaders()).map;

const good: Values = {
  creditCode: CODE_A,
  categoryCode: 'A-01',
  title: '坭兴陶茶具',
  description: '手工拉坯，雕刻填泥。',
  materials: '钦州坭兴陶土',
  techniques: '手工拉坯',
  dimensions: '30×20×15 cm',
  creators: '李明、阿依古丽·买买提',
  itemCount: '3',
  yearCreated: '2025',
  patentNumbers: PATENT_A,
};

function cellsOf(values: Values): string[] {
  return IMPORT_COLUMNS.map((c) => values[c.key] ?? '');
}

function interpret(values: Values, rowNumber = 2): ImportRow {
  return interpretRow({ rowNumber, cells: cellsOf(values) }, COLUMNS, YEAR);
}

function reasons(values: Values): string[] {
  return interpret({ ...good, ...values }).problems.map((p) => p.reason);
}

describe('interpretRow', () => {
  it('answers a good row: entrant, upper-case category code, the normalised fields', () => {
    expect(interpret({ ...good, categoryCode: ' a-01 ' }, 7)).toEqual({
      rowNumber: 7,
      entrant: { creditCode: CODE_A, name: null },
      categoryCode: 'A-01',
      title: '坭兴陶茶具',
      fields: {
        title: '坭兴陶茶具',
        description: '手工拉坯，雕刻填泥。',
        materials: '钦州坭兴陶土',
        techniques: '手工拉坯',
        dimensions: '30×20×15 cm',
        creators: ['李明', '阿依古丽·买买提'],
        itemCount: 3,
        yearCreated: 2025,
        patentNumbers: [PATENT_A],
      },
      problems: [],
    });
  });

  it('fills the defaults of a bare row: one item, no year, no creators, no patents', () => {
    const row = interpret({ entrantName: '张三', categoryCode: 'B1', title: '竹编' });
    expect(row.entrant).toEqual({ creditCode: null, name: '张三' });
    expect(row.fields).toEqual({
      title: '竹编',
      description: null,
      materials: null,
      techniques: null,
      dimensions: null,
      creators: [],
      itemCount: 1,
      yearCreated: null,
      patentNumbers: [],
    });
  });

  describe('the category code', () => {
    it('is required (CATEGORY_REQUIRED)', () => {
      const row = interpret({ ...good, categoryCode: '  ' });
      expect(row.problems).toEqual([
        {
          column: '类别代码 Category code',
          reason: 'CATEGORY_REQUIRED',
          message: 'the category code is required',
          field: 'categoryCode',
        },
      ]);
      expect(row.categoryCode).toBe('');
      expect(row.fields).toBeNull();
    });

    it.each(['A 01', 'A_01', '陶瓷', 'A/01', '-A01'])('refuses %p (INVALID_CODE)', (code) => {
      const row = interpret({ ...good, categoryCode: code });
      expect(row.problems.map((p) => p.reason)).toEqual(['INVALID_CODE']);
      expect(row.problems[0].message).toContain(code);
      expect(row.categoryCode).toBe('');
    });

    it('reads full-width letters and digits', () => {
      expect(interpret({ ...good, categoryCode: 'ａ－０１' }).categoryCode).toBe('A-01');
    });
  });

  describe('the entrant', () => {
    it('normalises a credit code: case, spaces, full width', () => {
      const spaced = CODE_A.toLowerCase().replace(/(.{4})/gu, '$1 ');
      expect(interpret({ ...good, creditCode: spaced }).entrant.creditCode).toBe(CODE_A);
      const wide = CODE_A.replace(/[0-9A-Z]/gu, (c) =>
        String.fromCharCode(c.charCodeAt(0) + 0xfee0),
      );
      expect(interpret({ ...good, creditCode: wide }).entrant.creditCode).toBe(CODE_A);
    });

    it('refuses an invalid credit code, saying why (INVALID_CREDIT_CODE)', () => {
      const wrong = CODE_A.slice(0, 17) + (CODE_A.endsWith('1') ? '2' : '1');
      const row = interpret({ ...good, creditCode: wrong, entrantName: '' });
      expect(row.problems).toEqual([
        {
          column: '统一社会信用代码 Credit code',
          reason: 'INVALID_CREDIT_CODE',
          message: `"${wrong}" is not a valid unified social credit code (check character)`,
          field: 'creditCode',
        },
      ]);
      expect(row.entrant.creditCode).toBeNull();
      expect(interpret({ ...good, creditCode: '12345' }).problems[0].message).toMatch(/length/u);
    });

    it('hints at Excel when an all-digit code lost its last digits', () => {
      const row = interpret({ ...good, creditCode: '914401001234568000' });
      expect(row.problems[0].reason).toBe('INVALID_CREDIT_CODE');
      expect(row.problems[0].message).toMatch(/format the column as text/u);
    });

    it('needs a credit code or a name (ENTRANT_REQUIRED)', () => {
      const row = interpret({ ...good, creditCode: '', entrantName: '' });
      expect(row.problems).toEqual([
        {
          column: '统一社会信用代码 Credit code',
          reason: 'ENTRANT_REQUIRED',
          message: expect.stringContaining('credit code'),
          field: 'creditCode',
        },
      ]);
      expect(row.entrant).toEqual({ creditCode: null, name: null });
      // a file with only the name column names that column
      const byName = mapColumns(['参展人', '类别代码', '作品名称']).map;
      const bare = interpretRow({ rowNumber: 3, cells: ['', 'A-01', '茶具'] }, byName, YEAR);
      expect(bare.problems.map((p) => [p.column, p.reason])).toEqual([
        ['参展人', 'ENTRANT_REQUIRED'],
      ]);
    });

    it('keeps both the credit code and the name when both are given', () => {
      const row = interpret({ ...good, entrantName: '  广西坭兴陶有限公司 ' });
      expect(row.entrant).toEqual({ creditCode: CODE_A, name: '广西坭兴陶有限公司' });
    });
  });

  describe('item count and year', () => {
    it.each([
      ['3', 3],
      ['3.0', 3],
      ['３', 3],
      ['1,000', 1000],
      ['', 1],
    ])('reads the item count %p as %p', (text, count) => {
      expect(interpret({ ...good, itemCount: text }).fields?.itemCount).toBe(count);
    });

    it.each(['三', '2.5', '3件', 'three', '1e3', '3 4'])(
      'refuses the item count %p (INVALID_ITEM_COUNT)',
      (text) => {
        const row = interpret({ ...good, itemCount: text });
        expect(row.problems).toEqual([
          {
            column: '件数 Item count',
            reason: 'INVALID_ITEM_COUNT',
            message: `"${text}" is not a number of items (a whole number such as 3)`,
            field: 'itemCount',
          },
        ]);
        expect(row.fields).toBeNull();
      },
    );

    it('leaves the range to the entry rules (INVALID_ITEM_COUNT once)', () => {
      expect(reasons({ itemCount: '0' })).toEqual(['INVALID_ITEM_COUNT']);
      expect(reasons({ itemCount: String(ENTRY_LIMITS.itemCount + 1) })).toEqual([
        'INVALID_ITEM_COUNT',
      ]);
    });

    it.each([
      ['2025', 2025],
      ['2025.0', 2025],
      ['2025年', 2025],
      ['２０２５', 2025],
      ['', null],
    ])('reads the year %p as %p', (text, year) => {
      expect(interpret({ ...good, yearCreated: text }).fields?.yearCreated).toBe(year);
    });

    it.each(['二〇二五', '2025.5', '2025-03-01', 'MMXXV'])(
      'refuses the year %p (INVALID_YEAR)',
      (text) => {
        expect(reasons({ yearCreated: text })).toEqual(['INVALID_YEAR']);
      },
    );

    it('leaves the range to the entry rules: 1800 and next year are refused (INVALID_YEAR)', () => {
      expect(reasons({ yearCreated: '1800' })).toEqual(['INVALID_YEAR']);
      expect(reasons({ yearCreated: String(YEAR + 1) })).toEqual(['INVALID_YEAR']);
      expect(reasons({ yearCreated: String(YEAR) })).toEqual([]);
    });
  });

  describe('lists in a cell', () => {
    it.each(['、', ',', '，', ';', '；', '/', '／', '\n', '\r\n', ' , '])(
      'separates creators and patent numbers with %p',
      (separator) => {
        const row = interpret({
          ...good,
          creators: `李明${separator}王芳`,
          patentNumbers: `${PATENT_A}${separator}${PATENT_B}`,
        });
        expect(row.problems).toEqual([]);
        expect(row.fields?.creators).toEqual(['李明', '王芳']);
        expect(row.fields?.patentNumbers).toEqual([PATENT_A, PATENT_B]);
      },
    );

    it('never splits a patent number at its dot, nor a name at a space or ·', () => {
      const spaced = `ZL 2013 1 0123456${PATENT_A.slice(-2)}`;
      const row = interpret({
        ...good,
        creators: 'John Smith、阿依古丽·买买提、J. R. Tolkien',
        patentNumbers: `${spaced}；${PATENT_B.replace('.', '。')}`,
      });
      expect(row.problems).toEqual([]);
      expect(row.fields?.creators).toEqual(['John Smith', '阿依古丽·买买提', 'J. R. Tolkien']);
      expect(row.fields?.patentNumbers).toEqual([PATENT_A, PATENT_B]);
    });

    it('drops empty parts', () => {
      expect(splitList('、李明、、 ,王芳;\n')).toEqual(['李明', '王芳']);
      expect(splitList('')).toEqual([]);
    });
  });

  describe('the entry rules', () => {
    it('reports what validateEntryFields says, under the header the organiser wrote', () => {
      const columns = mapColumns(['Credit code', 'Category code', 'Title', 'Creators', 'Patents']);
      const row = interpretRow(
        { rowNumber: 9, cells: [CODE_A, 'A-01', '', '李明、李明、Li@Ming', 'ZL123.4'] },
        columns.map,
        YEAR,
      );
      expect(row.problems.map((p) => [p.column, p.reason, p.field])).toEqual([
        ['Title', 'TITLE_REQUIRED', 'title'],
        ['Creators', 'DUPLICATE_CREATOR', 'creators'],
        ['Creators', 'INVALID_CREATOR_NAME', 'creators'],
        ['Patents', 'INVALID_PATENT_NUMBER', 'patentNumbers'],
      ]);
      expect(row.fields).toBeNull();
    });

    it('explains a line break in a one-line column (INVALID_TEXT)', () => {
      const row = interpret({ ...good, materials: '陶土\n釉料' });
      expect(row.problems).toEqual([
        {
          column: '材质 Materials',
          reason: 'INVALID_TEXT',
          message: expect.stringContaining('line breaks'),
          field: 'materials',
        },
      ]);
      expect(interpret({ ...good, description: '第一行\n第二行' }).problems).toEqual([]);
    });

    it('reports a title too long (TEXT_TOO_LONG), counting 𠮷 as one character', () => {
      expect(reasons({ title: '𠮷'.repeat(ENTRY_LIMITS.title) })).toEqual([]);
      expect(reasons({ title: '𠮷'.repeat(ENTRY_LIMITS.title + 1) })).toEqual(['TEXT_TOO_LONG']);
    });

    it('lists every problem of a row at once', () => {
      expect(
        reasons({
          creditCode: '',
          categoryCode: '陶瓷',
          title: '',
          itemCount: '三',
          yearCreated: '1800',
          patentNumbers: 'ZL1',
        }),
      ).toEqual([
        'ENTRANT_REQUIRED',
        'INVALID_CODE',
        'INVALID_ITEM_COUNT',
        'TITLE_REQUIRED',
        'INVALID_YEAR',
        'INVALID_PATENT_NUMBER',
      ]);
    });
  });

  it('reports a value under a column without a header (UNNAMED_COLUMN)', () => {
    const columns = mapColumns(['统一社会信用代码', '类别代码', '作品名称', '']).map;
    const row = interpretRow(
      { rowNumber: 4, cells: [CODE_A, 'A-01', '茶具', '', '备注：易碎'] },
      columns,
      YEAR,
    );
    expect(row.problems).toEqual([
      {
        column: 'E',
        reason: 'UNNAMED_COLUMN',
        message: expect.stringContaining('column E'),
      },
    ]);
  });

  it('reads a row shorter than the header row', () => {
    const row = interpretRow({ rowNumber: 2, cells: [CODE_A, '', 'A-01', '茶具'] }, COLUMNS, YEAR);
    expect(row.problems).toEqual([]);
    expect(row.fields?.title).toBe('茶具');
  });
});

describe('findDuplicateRows', () => {
  const row = (rowNumber: number, values: Values) => interpret({ ...good, ...values }, rowNumber);

  it('marks a later row with the same entrant, category and title (DUPLICATE_ROW)', () => {
    const rows = [
      row(2, {}),
      row(3, { categoryCode: 'A-02' }),
      row(4, { creditCode: CODE_B }),
      row(5, { title: '坭兴陶茶具 ', categoryCode: 'a-01', creators: '王芳' }),
      row(6, { title: '坭兴陶 茶具' }),
      row(7, { categoryCode: 'a-02' }),
    ];
    expect(findDuplicateRows(rows, COLUMNS)).toEqual([
      {
        rowNumber: 5,
        earlierRowNumber: 2,
        problem: {
          column: '作品名称 Title',
          reason: 'DUPLICATE_ROW',
          message: 'the same entry (entrant, category and title) as row 2',
          field: 'title',
        },
      },
      expect.objectContaining({ rowNumber: 7, earlierRowNumber: 3 }),
    ]);
  });

  it('compares entrants given by name, and tells a name from a credit code', () => {
    const rows = [
      row(2, { creditCode: '', entrantName: '张三' }),
      row(3, { creditCode: '', entrantName: '张三' }),
      row(4, { creditCode: '', entrantName: CODE_A }),
      row(5, {}),
    ];
    expect(findDuplicateRows(rows).map((d) => [d.rowNumber, d.earlierRowNumber])).toEqual([[3, 2]]);
  });

  it('still finds a duplicate row that has other problems, but skips rows without a key', () => {
    const rows = interpretRows(
      [
        { rowNumber: 2, cells: cellsOf(good) },
        { rowNumber: 3, cells: cellsOf({ ...good, yearCreated: '1800' }) },
        { rowNumber: 4, cells: cellsOf({ ...good, categoryCode: '' }) },
        { rowNumber: 5, cells: cellsOf({ ...good, categoryCode: '' }) },
      ],
      COLUMNS,
      YEAR,
    );
    expect(rows.map((r) => r.problems.map((p) => p.reason))).toEqual([
      [],
      ['INVALID_YEAR', 'DUPLICATE_ROW'],
      ['CATEGORY_REQUIRED'],
      ['CATEGORY_REQUIRED'],
    ]);
  });

  it('interpretRows clears the fields of a duplicate', () => {
    const rows = interpretRows(
      [
        { rowNumber: 2, cells: cellsOf(good) },
        { rowNumber: 3, cells: cellsOf(good) },
      ],
      COLUMNS,
      YEAR,
    );
    expect(rows[0].fields).not.toBeNull();
    expect(rows[1].fields).toBeNull();
    expect(rows[1].problems[0].message).toContain('row 2');
  });
});

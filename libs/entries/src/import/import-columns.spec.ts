import {
  IMPORT_COLUMNS,
  columnKeyOf,
  columnLabel,
  columnLetters,
  mapColumns,
  templateHeader,
  templateHeaders,
} from './import-columns';

describe('import columns', () => {
  it('writes each template header as "中文 English" and reads it back', () => {
    expect(templateHeader('title')).toBe('作品名称 Title');
    expect(templateHeader('creditCode')).toBe('统一社会信用代码 Credit code');
    expect(templateHeaders()).toHaveLength(IMPORT_COLUMNS.length);
    for (const column of IMPORT_COLUMNS) {
      expect(columnKeyOf(templateHeader(column.key))).toBe(column.key);
      expect(columnKeyOf(column.zh)).toBe(column.key);
      expect(columnKeyOf(column.en)).toBe(column.key);
      for (const alias of column.aliases) expect(columnKeyOf(alias)).toBe(column.key);
    }
    const { map, problems } = mapColumns(templateHeaders());
    expect(problems).toEqual([]);
    expect(Object.keys(map)).toEqual(IMPORT_COLUMNS.map((c) => c.key));
  });

  it.each([
    ['TITLE', 'title'],
    ['  title ', 'title'],
    ['作品名称', 'title'],
    ['作品名称\nTitle', 'title'],
    ['Title 作品名称', 'title'],
    ['*作品名称（必填）', 'title'],
    ['作品名称(Title)', 'title'],
    ['Ｔｉｔｌｅ', 'title'],
    ['credit  CODE', 'creditCode'],
    ['统一社会信用代码', 'creditCode'],
    ['参展单位', 'entrantName'],
    ['参展人', 'entrantName'],
    ['参展单位/参展人', 'entrantName'],
    ['类别代码', 'categoryCode'],
    ['作品简介', 'description'],
    ['材料', 'materials'],
    ['材质', 'materials'],
    ['技法', 'techniques'],
    ['工艺/技法', 'techniques'],
    ['规格', 'dimensions'],
    ['创作者', 'creators'],
    ['作者', 'creators'],
    ['数量', 'itemCount'],
    ['件数', 'itemCount'],
    ['创作年份', 'yearCreated'],
    ['专利号', 'patentNumbers'],
    ['patent numbers', 'patentNumbers'],
  ])('reads %p as %s', (header, key) => {
    expect(columnKeyOf(header)).toBe(key);
  });

  it('reports an unknown header with its column letter (UNKNOWN_COLUMN), skips blank ones', () => {
    const { map, problems } = mapColumns(['作品名称', '', '类别代码', '参展人', '备注']);
    expect(map).toEqual({
      title: { index: 0, header: '作品名称' },
      categoryCode: { index: 2, header: '类别代码' },
      entrantName: { index: 3, header: '参展人' },
    });
    expect(problems).toEqual([
      {
        column: '备注',
        reason: 'UNKNOWN_COLUMN',
        message: expect.stringContaining('column E'),
        columnNumber: 5,
      },
    ]);
  });

  it('reports a column given twice (DUPLICATE_COLUMN), keeping the first', () => {
    const { map, problems } = mapColumns(['作品名称', 'Title', '类别代码', '统一社会信用代码']);
    expect(map.title).toEqual({ index: 0, header: '作品名称' });
    expect(problems).toEqual([
      {
        column: 'Title',
        reason: 'DUPLICATE_COLUMN',
        message: expect.stringMatching(/column B.*"作品名称" in column A/u),
        columnNumber: 2,
      },
    ]);
  });

  it('requires the title and the category code (MISSING_COLUMN)', () => {
    const { problems } = mapColumns(['参展单位', '作者']);
    expect(problems.map((p) => [p.reason, p.column])).toEqual([
      ['MISSING_COLUMN', '作品名称 Title'],
      ['MISSING_COLUMN', '类别代码 Category code'],
    ]);
  });

  it('requires the entrant by credit code or by name, either will do (MISSING_COLUMN)', () => {
    expect(mapColumns(['作品名称', '类别代码']).problems).toEqual([
      {
        column: '统一社会信用代码 Credit code / 参展单位/参展人 Entrant name',
        reason: 'MISSING_COLUMN',
        message: expect.stringContaining('entrant'),
      },
    ]);
    expect(mapColumns(['作品名称', '类别代码', '统一社会信用代码']).problems).toEqual([]);
    expect(mapColumns(['作品名称', '类别代码', 'Entrant']).problems).toEqual([]);
  });

  it('reports every problem of a header row at once', () => {
    const { problems } = mapColumns(['Title', 'title', 'Remarks']);
    expect(problems.map((p) => p.reason)).toEqual([
      'DUPLICATE_COLUMN',
      'UNKNOWN_COLUMN',
      'MISSING_COLUMN',
      'MISSING_COLUMN',
    ]);
  });

  it('labels a column as the organiser wrote it, else as the template does', () => {
    const { map } = mapColumns(['Title']);
    expect(columnLabel(map, 'title')).toBe('Title');
    expect(columnLabel(map, 'creators')).toBe('作者 Creators');
  });

  it('names columns with spreadsheet letters', () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703].map(columnLetters)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});

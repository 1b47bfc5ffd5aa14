import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { PHOTO } from '@app/fixtures';
import {
  craftsEvent,
  CraftsEvent,
  creditCode,
  REGISTER_ENTRANT,
  registerEnterprise,
  seedRegions,
  startTestApp,
  TestApp,
  userWithRole,
} from '@app/testing';
import { templateHeaders } from '@app/entries';

const HEADERS = [
  '统一社会信用代码 Credit code',
  '参展单位 Entrant',
  '类别代码 Category code',
  '作品名称 Title',
  '作者 Creators',
  '件数 Item count',
  '创作年份 Year created',
  '专利号 Patent numbers',
];

async function xlsx(rows: Array<Array<string | number>>, headers = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('作品 Entries');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Bulk import as an organiser uses it: the template, a file, a row-by-row report; all or nothing. */
describe('importing entries from a spreadsheet', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  let company: { entrantId: string; code: string };
  const craftsperson = '韦𠮷阿婆';

  const entriesOfEvent = async () =>
    (
      await app.sql<{ n: number }>('SELECT COUNT(*) AS n FROM entries WHERE event_id = ?', [
        event.eventId,
      ])
    )[0].n;
  const upload = (bytes: Buffer, fileName: string, token = admin, query = '') =>
    app
      .http()
      .post(`/api/events/${event.eventId}/entries/import${query}`)
      .set('authorization', `Bearer ${token}`)
      .attach('file', bytes, fileName);

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'crafts-import', { maxEntriesPerEntrant: 3 });
    const n = 424242;
    const registered = await app.gql(REGISTER_ENTRANT, {
      input: {
        email: 'import-co@example.com',
        password: 'correct horse battery',
        name: '钦州陶艺有限公司',
        type: 'ENTERPRISE',
        creditCode: creditCode(n),
        regionCode: '450700',
      },
    });
    company = { entrantId: registered.data!.registerEntrant.user.entrant.id, code: creditCode(n) };
    await app.gql(REGISTER_ENTRANT, {
      input: {
        email: 'import-person@example.com',
        password: 'correct horse battery',
        name: craftsperson,
        type: 'INDIVIDUAL',
        regionCode: '451200',
      },
    });
  });
  afterAll(() => app.close());

  it('gives a template with the bilingual headers and the event’s leaf categories', async () => {
    const res = await app
      .http()
      .get(`/api/events/${event.eventId}/entries/import-template.xlsx`)
      .set('authorization', `Bearer ${admin}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('crafts-import-entries.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const headers = (workbook.worksheets[0].getRow(1).values as string[]).slice(1);
    expect(headers).toEqual(templateHeaders());
    const codes = workbook.getWorksheet('类别 Categories')!.getColumn(1).values.slice(2);
    expect(codes).toEqual(['BZ-01', 'TC-01', 'TC-02']);

    const csv = await app
      .http()
      .get(`/api/events/${event.eventId}/entries/import-template.csv`)
      .set('authorization', `Bearer ${admin}`);
    expect(csv.status).toBe(200);
    expect(csv.text.startsWith('\uFEFF统一社会信用代码 Credit code,')).toBe(true);
  });

  it('imports every row of a good file, as drafts, each audited; a dry run stores nothing', async () => {
    const file = await xlsx([
      [company.code, '', 'TC-01', '坭兴陶茶具', '李明、王芳', 3, 2025, 'ZL201310123456.2'],
      ['', craftsperson, 'bz-01', '竹编果篮', '韦𠮷阿婆', 1, 2024, ''],
    ]);
    const before = await entriesOfEvent();
    const dry = await upload(file, 'entries.xlsx', admin, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 2, imported: 0 });
    expect(await entriesOfEvent()).toBe(before);

    const res = await upload(file, 'entries.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, rows: 2, imported: 2 });
    const rows = await app.sql<{
      title: string;
      status: string;
      creators: string;
      region_code: string;
    }>('SELECT title, status, creators, region_code FROM entries WHERE id IN (?)', [
      res.body.entryIds,
    ]);
    expect(rows.sort((a, b) => (a.region_code < b.region_code ? 1 : -1))).toEqual([
      {
        title: '竹编果篮',
        status: 'DRAFT',
        creators: JSON.stringify(['韦𠮷阿婆']),
        region_code: '451200',
      },
      {
        title: '坭兴陶茶具',
        status: 'DRAFT',
        creators: JSON.stringify(['李明', '王芳']),
        region_code: '450700',
      },
    ]);
    const audited = await app.sql(
      'SELECT subject_id FROM audit_records WHERE action = ? AND subject_id IN (?)',
      ['entry.created', res.body.entryIds],
    );
    expect(audited).toHaveLength(2);
  });

  it('a file with any bad row imports nothing and reports every problem by row', async () => {
    const before = await entriesOfEvent();
    const file = await xlsx([
      [company.code, '', 'TC-02', '好作品', '李明', 1, 2025, ''],
      [company.code, '', 'TC', '父类别作品', '李明', 1, 2025, ''],
      ['', '没有这个人', 'TC-01', '无主作品', '李明', 1, 2025, ''],
      [company.code, '', 'ZZ-99', '类别不存在', '李明', 1, 2025, 'ZL201310123456.3'],
      ['91450100MA0000000X', '', 'TC-01', '', '李明', 'three', 2099, ''],
    ]);
    const res = await upload(file, 'bad.xlsx');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'IMPORT_HAS_ERRORS',
      rows: 5,
    });
    const byRow = Object.fromEntries(
      res.body.report.map((r: any) => [r.row, r.problems.map((p: any) => p.reason).sort()]),
    );
    expect(byRow).toEqual({
      2: [],
      3: ['CATEGORY_NOT_LEAF'],
      4: ['ENTRANT_NOT_FOUND'],
      5: ['CATEGORY_NOT_FOUND', 'INVALID_PATENT_NUMBER'],
      6: ['INVALID_CREDIT_CODE', 'INVALID_ITEM_COUNT', 'INVALID_YEAR', 'TITLE_REQUIRED'].sort(),
    });
    expect(await entriesOfEvent()).toBe(before);
  });

  it('counts the file against the per-entrant limit, and finds repeated rows', async () => {
    const fresh = await registerEnterprise(app, '450100', '限额测试公司');
    const [codeRow] = await app.sql<{ credit_code: string }>(
      'SELECT credit_code FROM entrants WHERE id = ?',
      [fresh.entrantId],
    );
    const rows = ['一', '二', '三', '四'].map((t) => [
      codeRow.credit_code,
      '',
      'TC-01',
      `作品${t}`,
      '李明',
      1,
      2025,
      '',
    ]);
    rows.push([codeRow.credit_code, '', 'TC-01', '作品一', '李明', 1, 2025, '']);
    const res = await upload(await xlsx(rows), 'limit.xlsx');
    expect(res.status).toBe(400);
    const problems = res.body.report.flatMap((r: any) =>
      r.problems.map((p: any) => `${r.row}:${p.reason}`),
    );
    expect(problems).toEqual(expect.arrayContaining(['5:TOO_MANY_ENTRIES', '6:DUPLICATE_ROW']));
  });

  it('reads a CSV saved by Chinese Excel (GB18030) and a UTF-8 one with a BOM', async () => {
    // "参展单位,类别代码,作品名称\r\n<name>,BZ-01,竹编" with the Chinese in GB18030: built from
    // a UTF-8 CSV of ASCII headers is not enough, so the bytes are spelled out for the header.
    const utf8 = Buffer.from(
      `\uFEFF参展单位,类别代码,作品名称,作者\r\n${craftsperson},BZ-01,竹编灯笼,韦𠮷阿婆\r\n`,
      'utf8',
    );
    const res = await upload(utf8, 'entries.csv');
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(1);

    const gbHeader = Buffer.from([
      0xb2,
      0xce,
      0xd5,
      0xb9,
      0xb5,
      0xa5,
      0xce,
      0xbb, // 参展单位
      0x2c,
      0xc0,
      0xe0,
      0xb1,
      0xf0,
      0xb4,
      0xfa,
      0xc2,
      0xeb, // 类别代码
      0x2c,
      0xd7,
      0xf7,
      0xc6,
      0xb7,
      0xc3,
      0xfb,
      0xb3,
      0xc6, // 作品名称
      0x0d,
      0x0a,
    ]);
    const gbRow = Buffer.concat([
      Buffer.from([0xc4, 0xe3, 0xba, 0xc3]),
      Buffer.from(',TC-02,'),
      Buffer.from([0xc4, 0xe3, 0xba, 0xc3]),
      Buffer.from('\r\n'),
    ]);
    const gb = await upload(Buffer.concat([gbHeader, gbRow]), 'gbk.csv');
    expect(gb.status).toBe(400); // 你好 is nobody: the point is that the headers and names were read
    expect(gb.body.report[0].problems).toEqual([
      expect.objectContaining({
        reason: 'ENTRANT_NOT_FOUND',
        message: expect.stringContaining('你好'),
      }),
    ]);
  });

  it('refuses what is not an import, with a reason', async () => {
    const cases: Array<[string, () => any, number, string]> = [
      [
        'no file',
        () =>
          app
            .http()
            .post(`/api/events/${event.eventId}/entries/import`)
            .set('authorization', `Bearer ${admin}`)
            .field('x', 'y'),
        400,
        'FILE_REQUIRED',
      ],
      [
        'not multipart',
        () =>
          app
            .http()
            .post(`/api/events/${event.eventId}/entries/import`)
            .set('authorization', `Bearer ${admin}`)
            .send({ a: 1 }),
        400,
        'NOT_MULTIPART',
      ],
      [
        'too large',
        () => upload(Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), 'big.csv'),
        413,
        'FILE_TOO_LARGE',
      ],
      ['a photo', () => upload(readFileSync(PHOTO.aqua), 'photo.xlsx'), 400, 'UNSUPPORTED_FILE'],
      [
        'a broken workbook',
        async () => upload((await xlsx([])).subarray(0, 200), 'broken.xlsx'),
        400,
        'INVALID_FILE',
      ],
      [
        'wrong columns',
        async () =>
          upload(await xlsx([['竹编', 'red']], ['作品名称 Title', 'Colour']), 'cols.xlsx'),
        400,
        'INVALID_COLUMNS',
      ],
      [
        'no header row',
        async () => upload(await xlsx([['竹编', 'red']], ['Name', 'Colour']), 'cols.xlsx'),
        400,
        'NO_HEADER_ROW',
      ],
      ['an empty file', () => upload(Buffer.alloc(0), 'empty.csv'), 400, 'EMPTY_FILE'],
      [
        'no token',
        () =>
          app
            .http()
            .post(`/api/events/${event.eventId}/entries/import`)
            .attach('file', Buffer.from('a'), 'a.csv'),
        401,
        'AUTHENTICATION_REQUIRED',
      ],
      [
        'an unknown event',
        () =>
          app
            .http()
            .post('/api/events/00000000-0000-4000-8000-000000000000/entries/import')
            .set('authorization', `Bearer ${admin}`)
            .attach('file', Buffer.from('a'), 'a.csv'),
        404,
        'EVENT_NOT_FOUND',
      ],
      [
        'a malformed event id',
        () =>
          app
            .http()
            .post('/api/events/nope/entries/import')
            .set('authorization', `Bearer ${admin}`)
            .attach('file', Buffer.from('a'), 'a.csv'),
        400,
        'INVALID_ID',
      ],
    ];
    for (const [what, send, status, reason] of cases) {
      const res = await send();
      expect({ what, status: res.status, reason: res.body.reason }).toEqual({
        what,
        status,
        reason,
      });
    }
    const judge = await userWithRole(app, 'JUDGE');
    const forbidden = await upload(await xlsx([]), 'x.xlsx', judge);
    expect(forbidden.status).toBe(403);
  });
});

import ExcelJS from 'exceljs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  attachPhoto,
  craftsEvent,
  CraftsEvent,
  CREATE_ENTRY,
  ENTRY,
  entryInput,
  registerEnterprise,
  seedRegions,
  SET_EVENT_STATUS,
  startTestApp,
  SUBMIT_ENTRY,
  TestApp,
  testJpeg,
  together,
  fulfilled,
  uploadImage,
  userWithRole,
} from '@app/testing';

const DELETE_ENTRY = 'mutation($id:ID!){deleteEntry(id:$id)}';
const IMAGES = 'query($id:ID!){entry(id:$id){id images{id renditions{url}}}}';

/**
 * Issue 21, entrants and coordinators: deleting a draft (who may, what goes with it, a deletion
 * racing a submission) and a region's entries as a workbook (who gets which rows).
 */
describe('deleting a draft entry; the entries workbook', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  let nanning: { token: string; entrantId: string };
  let liuzhou: { token: string; entrantId: string };

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'delete-export', { maxEntriesPerEntrant: 100 });
    nanning = await registerEnterprise(app, '450100', '南宁绣坊');
    liuzhou = await registerEnterprise(app, '450200', '柳州竹编社');
  });
  afterAll(() => app.close());

  async function newEntry(token: string, title = '坭兴陶茶具'): Promise<string> {
    const res = await app.gql(
      CREATE_ENTRY,
      { input: { eventId: event.eventId, entry: entryInput(event.leaf['TC-01'], { title }) } },
      token,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createEntry.id;
  }

  /** Every stored file (none before the first upload makes the directory). */
  async function storedFiles(): Promise<string[]> {
    const all = await readdir(app.config.storageDir, {
      recursive: true,
      withFileTypes: true,
    }).catch(() => []);
    return all.filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
  }

  const refusal = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    res.errors?.[0]?.extensions;

  describe('deleteEntry', () => {
    it('an entrant deletes its own draft: the row, its photos, their files and renditions go; audited', async () => {
      const id = await newEntry(nanning.token, '要删除的草稿');
      await attachPhoto(app, id, nanning.token, 301);
      await attachPhoto(app, id, nanning.token, 302);
      await app.waitForQueues();
      const url = (await app.gql(IMAGES, { id }, nanning.token)).data!.entry.images[0].renditions[0]
        .url as string;
      expect((await app.http().get(new URL(url).pathname)).status).toBe(200);
      const before = await storedFiles();

      const res = await app.gql(DELETE_ENTRY, { id }, nanning.token);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ deleteEntry: true });

      expect(refusal(await app.gql(ENTRY, { id }, nanning.token))).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'ENTRY_NOT_FOUND',
      });
      expect(await app.sql('SELECT id FROM entries WHERE id = ?', [id])).toEqual([]);
      expect(await app.sql('SELECT id FROM images WHERE entry_id = ?', [id])).toEqual([]);
      // two originals and three renditions of each
      expect(before.length - (await storedFiles()).length).toBe(8);
      expect((await app.http().get(new URL(url).pathname)).status).toBe(404);
      const audit = await app.sql<{ action: string; detail: string }>(
        'SELECT action, detail FROM audit_records WHERE subject_id = ? ORDER BY seq',
        [id],
      );
      expect(audit.map((a) => a.action)).toEqual([
        'entry.created',
        'image.added',
        'image.added',
        'entry.deleted',
      ]);
      expect(JSON.stringify(audit[3].detail)).toContain('要删除的草稿');

      expect(refusal(await app.gql(DELETE_ENTRY, { id }, nanning.token))).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'ENTRY_NOT_FOUND',
      });
    });

    it('refuses another entrant (NOT_FOUND), coordinators and judges (FORBIDDEN); an organiser may', async () => {
      const id = await newEntry(nanning.token);
      const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450100' });
      const judge = await userWithRole(app, 'JUDGE');
      expect(refusal(await app.gql(DELETE_ENTRY, { id }, liuzhou.token))).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'ENTRY_NOT_FOUND',
      });
      for (const token of [coordinator, judge]) {
        expect(refusal(await app.gql(DELETE_ENTRY, { id }, token))).toMatchObject({
          code: 'FORBIDDEN',
          reason: 'ROLE_NOT_ALLOWED',
        });
      }
      expect(refusal(await app.gql(DELETE_ENTRY, { id }))).toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      expect(await app.sql('SELECT id FROM entries WHERE id = ?', [id])).toHaveLength(1);

      const organiser = await userWithRole(app, 'ORGANISER');
      expect((await app.gql(DELETE_ENTRY, { id }, organiser)).data).toEqual({ deleteEntry: true });
      expect(await app.sql('SELECT id FROM entries WHERE id = ?', [id])).toEqual([]);
    });

    it('a submitted entry is not deleted (ENTRY_NOT_DRAFT, with its status) and keeps its photo', async () => {
      const id = await newEntry(nanning.token);
      await attachPhoto(app, id, nanning.token, 303);
      expect((await app.gql(SUBMIT_ENTRY, { id }, nanning.token)).errors).toBeUndefined();
      for (const token of [nanning.token, admin]) {
        expect(refusal(await app.gql(DELETE_ENTRY, { id }, token))).toMatchObject({
          code: 'CONFLICT',
          reason: 'ENTRY_NOT_DRAFT',
          status: 'SUBMITTED',
        });
      }
      expect(await app.sql('SELECT id FROM images WHERE entry_id = ?', [id])).toHaveLength(1);
    });

    it('a deletion and a submission sent together: exactly one wins, the other is told why', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const id = await newEntry(nanning.token, `竞速 ${i}`);
        await attachPhoto(app, id, nanning.token, 310 + i);
        ids.push(id);
      }
      for (const id of ids) {
        const [deleted, submitted] = await together(2, (i) =>
          app.gql(i === 0 ? DELETE_ENTRY : SUBMIT_ENTRY, { id }, nanning.token),
        );
        if (deleted.status !== 'fulfilled' || submitted.status !== 'fulfilled') {
          throw new Error('a request failed to arrive');
        }
        const rows = await app.sql<{ status: string }>('SELECT status FROM entries WHERE id = ?', [
          id,
        ]);
        if (deleted.value.errors) {
          expect(refusal(deleted.value)).toMatchObject({
            code: 'CONFLICT',
            reason: 'ENTRY_NOT_DRAFT',
          });
          expect(submitted.value.errors).toBeUndefined();
          expect(rows).toEqual([{ status: 'SUBMITTED' }]);
        } else {
          expect(deleted.value.data).toEqual({ deleteEntry: true });
          expect(refusal(submitted.value)).toMatchObject({
            code: 'NOT_FOUND',
            reason: 'ENTRY_NOT_FOUND',
          });
          expect(rows).toEqual([]);
          expect(await app.sql('SELECT id FROM images WHERE entry_id = ?', [id])).toEqual([]);
        }
      }
    });

    it('a deletion and a photo upload sent together leave neither the entry nor a stored file', async () => {
      await app.waitForQueues();
      const start = (await storedFiles()).length;
      for (let round = 0; round < 3; round++) {
        const id = await newEntry(nanning.token, `上传竞速 ${round}`);
        await attachPhoto(app, id, nanning.token, 320 + round);
        const photo = await testJpeg(330 + round);
        const [deleted, uploaded] = await together<{ status?: number; data?: unknown }>(2, (i) =>
          i === 0
            ? app.gql(DELETE_ENTRY, { id }, nanning.token)
            : uploadImage(app, id, photo, nanning.token).then((res) => res),
        );
        const [del, up] = fulfilled([deleted, uploaded]);
        expect(del.data).toEqual({ deleteEntry: true });
        // the upload either landed first (and went with the entry) or found the entry gone
        expect([201, 404]).toContain(up.status);
        expect(await app.sql('SELECT id FROM entries WHERE id = ?', [id])).toEqual([]);
      }
      await app.waitForQueues();
      expect((await storedFiles()).length).toBe(start);
    });

    it('follows the window: once the event closes an entrant cannot delete, an organiser still may', async () => {
      const other = await craftsEvent(app, 'delete-closed');
      const created = await app.gql(
        CREATE_ENTRY,
        { input: { eventId: other.eventId, entry: entryInput(other.leaf['TC-01']) } },
        nanning.token,
      );
      const id = created.data!.createEntry.id as string;
      expect(
        (await app.gql(SET_EVENT_STATUS, { id: other.eventId, s: 'CLOSED' }, admin)).errors,
      ).toBeUndefined();
      expect(refusal(await app.gql(DELETE_ENTRY, { id }, nanning.token))).toMatchObject({
        code: 'CONFLICT',
        reason: 'EVENT_NOT_OPEN',
      });
      expect((await app.gql(DELETE_ENTRY, { id }, admin)).data).toEqual({ deleteEntry: true });
    });
  });

  describe('GET /api/events/{eventId}/entries.xlsx', () => {
    let coordinator: string;

    beforeAll(async () => {
      await newEntry(nanning.token, '南宁 壮锦');
      await newEntry(nanning.token, '=HYPERLINK("http://evil")');
      await newEntry(liuzhou.token, '柳州 竹编');
      coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450100' });
    });

    const get = (path: string, token?: string) => {
      const req = app
        .http()
        .get(path)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      if (token) req.set('authorization', `Bearer ${token}`);
      return req;
    };
    const url = (query = '') => `/api/events/${event.eventId}/entries.xlsx${query}`;

    async function rowsOf(body: Buffer): Promise<string[][]> {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(body as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('entries')!;
      const rows: string[][] = [];
      sheet.eachRow((row) =>
        rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))),
      );
      return rows;
    }

    /** What the database says the rows must be: titles of the event's entries in a region. */
    async function titlesIn(region: string | null): Promise<string[]> {
      const rows = await app.sql<{ title: string }>(
        `SELECT title FROM entries WHERE event_id = ? ${region ? 'AND region_code = ?' : ''}
          ORDER BY created_at, id`,
        region ? [event.eventId, region] : [event.eventId],
      );
      return rows.map((r) => r.title);
    }

    it("a coordinator gets its own region's entries only, headed in Chinese and English, the city by name", async () => {
      const res = await get(url(), coordinator);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="delete-export-entries.xlsx"',
      );
      expect(res.headers['cache-control']).toBe('private, no-store');
      const [header, ...rows] = await rowsOf(res.body as Buffer);
      expect(header).toEqual([
        '作品编号 Exhibit code',
        '作品名称 Title',
        '参赛者 Entrant',
        '地区 Region',
        '类别 Category',
        '状态 Status',
        '创作者 Creators',
        '件数 Items',
        '照片 Photos',
        '提交时间 Submitted at',
        '审核意见 Screening reason',
      ]);
      const expected = await titlesIn('450100');
      expect(expected.length).toBeGreaterThan(2);
      expect(rows.map((r) => r[1])).toEqual(expected);
      expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(['南宁市']));
      expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(['南宁绣坊']));
      expect(rows.flat().join(' ')).not.toContain('450100');
      const statuses = new Set(rows.map((r) => r[5]));
      expect([...statuses].every((s) => /^[\u4e00-\u9fff]+ [A-Z][a-z]+$/.test(s))).toBe(true);
      // a title that looks like a formula is a text cell, never a formula
      const formula = rows.find((r) => r[1].startsWith('=HYPERLINK'));
      expect(formula?.[1]).toBe('=HYPERLINK("http://evil")');
    });

    it('a coordinator asking for another region is refused; organisers get all or the one they name', async () => {
      const other = await get(url('?regionCode=450200'), coordinator);
      expect(other.status).toBe(403);
      expect(JSON.parse((other.body as Buffer).toString())).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_YOUR_REGION',
      });

      const all = await rowsOf((await get(url(), admin)).body as Buffer);
      expect(all.slice(1).map((r) => r[1])).toEqual(await titlesIn(null));
      expect(new Set(all.slice(1).map((r) => r[3]))).toEqual(new Set(['南宁市', '柳州市']));

      const one = await rowsOf((await get(url('?regionCode=450200'), admin)).body as Buffer);
      expect(one.slice(1).map((r) => r[1])).toEqual(await titlesIn('450200'));
      expect(one.slice(1).map((r) => r[1])).toEqual(['柳州 竹编']);

      const unknown = await get(url('?regionCode=459900'), admin);
      expect(unknown.status).toBe(400);
      expect(JSON.parse((unknown.body as Buffer).toString())).toMatchObject({
        reason: 'UNKNOWN_REGION',
      });
    });

    it('entrants and judges are refused; no token 401; not a UUID 400; no such event 404', async () => {
      const judge = await userWithRole(app, 'JUDGE');
      for (const token of [nanning.token, judge]) {
        const res = await get(url(), token);
        expect(res.status).toBe(403);
        expect(JSON.parse((res.body as Buffer).toString())).toMatchObject({
          reason: 'ROLE_NOT_ALLOWED',
        });
      }
      expect((await get(url())).status).toBe(401);
      expect((await get('/api/events/nope/entries.xlsx', admin)).status).toBe(400);
      const missing = await get(
        '/api/events/00000000-0000-4000-8000-000000000000/entries.xlsx',
        coordinator,
      );
      expect(missing.status).toBe(404);
      expect(JSON.parse((missing.body as Buffer).toString())).toMatchObject({
        reason: 'EVENT_NOT_FOUND',
      });
    });

    it('streams a region of more entries than a batch, every one once, in filing order', async () => {
      const many = await craftsEvent(app, 'export-many', { maxEntriesPerEntrant: 2000 });
      const bulk = await registerEnterprise(app, '450100', '南宁大户');
      const values: unknown[] = [];
      for (let i = 0; i < 1203; i++) {
        values.push(
          `(UUID(), ?, ?, ?, '450100', 'DRAFT', ?, '[]', 1, '[]', NOW(3) + INTERVAL ${i * 1000} MICROSECOND)`,
        );
      }
      const params: unknown[] = [];
      for (let i = 0; i < 1203; i++) {
        params.push(many.eventId, bulk.entrantId, many.leaf['TC-01'], `批量 ${i}`);
      }
      await app.sql(
        `INSERT INTO entries (id, event_id, entrant_id, category_id, region_code, status, title,
           creators, item_count, patent_numbers, created_at) VALUES ${values.join(', ')}`,
        params,
      );
      const res = await get(`/api/events/${many.eventId}/entries.xlsx`, coordinator);
      expect(res.status).toBe(200);
      const rows = (await rowsOf(res.body as Buffer)).slice(1);
      expect(rows).toHaveLength(1203);
      expect(rows.map((r) => r[1])).toEqual(Array.from({ length: 1203 }, (_, i) => `批量 ${i}`));
    });
  });
});

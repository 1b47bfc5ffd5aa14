import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { judgeEntryUrl, LABEL_LAYOUTS, labelCells } from '@app/documents';
import { QueueName } from '@app/queue';
import {
  attachPhoto,
  craftsEvent,
  CraftsEvent,
  CREATE_ENTRY,
  entryInput,
  registerEnterprise,
  SCREEN_ENTRY,
  seedRegions,
  startTestApp,
  SUBMIT_ENTRY,
  TestApp,
  together,
} from '@app/testing';
import { pdfQrs, readPdf } from '../../../test/helpers/pdf-reader';

const PUBLIC_URL = 'https://hall.example.org/';

/**
 * Exhibit labels end to end (docs/http.md, "Exhibit labels"): an organiser starts a sheet, the
 * real worker draws it with progress and stores it, the PDF comes down with one label per
 * accepted entry and QR codes a phone reads as the judge URL of each code; the same content is
 * never drawn twice, requests made together queue one job, and refusals say why.
 */
describe('exhibit label sheets', () => {
  let app: TestApp;
  let admin: string;
  let entrant: { token: string };
  let event: CraftsEvent;
  /** exhibit codes of the accepted entries, by leaf category code */
  const accepted: Record<string, string[]> = { 'TC-01': [], 'TC-02': [], 'BZ-01': [] };
  const titles = new Map<string, string>();

  const post = (eventId: string, query: string, token = admin) =>
    app
      .http()
      .post(`/api/events/${eventId}/labels${query}`)
      .set('authorization', `Bearer ${token}`);
  const get = (path: string, token = admin) =>
    app
      .http()
      .get(path)
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
  const json = (res: { body: Buffer }) => JSON.parse(res.body.toString('utf8'));
  const documents = () => app.api.get<Queue>(getQueueToken(QueueName.Documents), { strict: false });
  const storedFiles = (eventId: string) => {
    try {
      return readdirSync(join(app.config.storageDir, 'labels', eventId)).sort();
    } catch {
      return [];
    }
  };
  const jobCount = async () =>
    Object.values(
      await documents().getJobCounts(
        'waiting',
        'active',
        'completed',
        'failed',
        'delayed',
        'prioritized',
      ),
    ).reduce((a, b) => a + b, 0);

  /** Polls the status until the sheet is DONE or FAILED; answers every status seen. */
  async function follow(eventId: string, sheetId: string): Promise<any[]> {
    const seen: any[] = [];
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await get(`/api/events/${eventId}/labels/${sheetId}`);
      expect(res.status).toBe(200);
      const status = json(res);
      seen.push(status);
      if (status.state === 'DONE' || status.state === 'FAILED') return seen;
      if (Date.now() > deadline) throw new Error(`sheet ${sheetId}: ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function entry(
    categoryCode: string,
    title: string,
    decision: 'ACCEPT' | 'REJECT' | null,
  ): Promise<void> {
    const created = await app.gql(
      CREATE_ENTRY,
      { input: { eventId: event.eventId, entry: entryInput(event.leaf[categoryCode], { title }) } },
      entrant.token,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createEntry.id as string;
    await attachPhoto(app, id, entrant.token, titles.size);
    expect((await app.gql(SUBMIT_ENTRY, { id }, entrant.token)).errors).toBeUndefined();
    if (!decision) return;
    const screened = await app.gql(
      SCREEN_ENTRY,
      { id, d: decision, reason: decision === 'REJECT' ? '不符合参展要求' : null },
      admin,
    );
    expect(screened.errors).toBeUndefined();
    const code = screened.data!.screenEntry.code as string | null;
    if (decision === 'ACCEPT') {
      accepted[categoryCode].push(code!);
      titles.set(code!, title);
    }
  }

  beforeAll(async () => {
    app = await startTestApp({ worker: true, env: { PUBLIC_URL } });
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'labels');
    entrant = await registerEnterprise(app, '450700', '钦州坭兴陶工艺厂');
    await entry('TC-01', '坭兴陶茶具·四方壶', 'ACCEPT');
    await entry('TC-01', '𠮷祥如意坭兴陶花瓶', 'ACCEPT');
    await entry(
      'TC-01',
      '一种可折叠的太阳能农用灌溉装置及其远程控制系统与配套的节水滴灌管网和智能传感器',
      'ACCEPT',
    );
    await entry('TC-01', '未审核的作品', null);
    await entry('TC-02', '青花瓷盘', 'ACCEPT');
    await entry('BZ-01', '竹编果篮', 'ACCEPT');
    await entry('BZ-01', '竹编灯罩', 'ACCEPT');
    await entry('BZ-01', '藤编椅', 'ACCEPT');
    await entry('BZ-01', '不合格的竹编', 'REJECT');
    await entry('BZ-01', '竹编茶盘', 'ACCEPT');
    await app.waitForQueues();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('starts a sheet of the whole event; the worker draws it with progress; the PDF has one label per accepted entry and a readable QR code of each judge URL', async () => {
    const started = await post(event.eventId, '?layout=2x4');
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      state: expect.stringMatching(/^(QUEUED|RUNNING)$/),
      total: 8,
      layout: '2x4',
      categoryId: null,
      file: null,
      reused: false,
    });
    const sheetId = started.body.sheetId as string;
    expect(sheetId).toMatch(/^[0-9a-f]{32}$/);

    const seen = await follow(event.eventId, sheetId);
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({
      sheetId,
      state: 'DONE',
      done: 8,
      total: 8,
      file: `/api/events/${event.eventId}/labels/${sheetId}.pdf`,
    });
    // The job reported its progress in labels: where it started and where it ended.
    const job = await documents().getJob(`labels-${sheetId}`);
    expect(job!.progress).toEqual({ done: 8, total: 8 });

    const res = await get(last.file);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="labels-labels-all-2x4.pdf"',
    );
    expect(res.headers.etag).toBe(`"${sheetId}"`);
    const pdf = res.body as Buffer;
    const read = readPdf(pdf);
    expect(read.pages).toBe(1);
    const text = read.text.join('').replace(/\s+/g, '');
    const codes = Object.values(accepted)
      .flat()
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect(codes).toHaveLength(8);
    for (const code of codes) expect(text).toContain(code);
    expect(text).toContain('𠮷祥如意坭兴陶花瓶');
    expect(text).toContain('陶瓷/坭兴陶');
    expect(text).toContain('编织/竹编');
    expect(text).toContain('展览labels');
    expect(text).not.toContain('未审核的作品');
    expect(text).not.toContain('不合格的竹编');
    expect(text).not.toContain('钦州坭兴陶工艺厂'); // never the entrant: blind rounds

    // A phone reads each label's QR code as the judge URL of that label's code, in code order.
    const found = await pdfQrs(pdf, labelCells(LABEL_LAYOUTS['2x4']));
    expect(found.map((qr) => qr?.data)).toEqual(codes.map((c) => judgeEntryUrl(PUBLIC_URL, c)));
    for (const qr of found) {
      const url = new URL(qr!.data);
      expect(url.origin).toBe('https://hall.example.org');
      expect(url.pathname).toMatch(/^\/judge\/entry\/[A-Z]{2}-\d{2}-\d{4}$/);
    }
  });

  it('reuses the stored sheet for the same content, and makes a new one when an entry is accepted', async () => {
    const first = await post(event.eventId, '');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'DONE', reused: true, done: 8, total: 8 });
    const files = storedFiles(event.eventId);
    const pdfPath = join(
      app.config.storageDir,
      'labels',
      event.eventId,
      `${first.body.sheetId}.pdf`,
    );
    const mtime = statSync(pdfPath).mtimeMs;
    const jobs = await jobCount();

    const again = await post(event.eventId, '?layout=2x4');
    expect(again.status).toBe(200);
    expect(again.body.sheetId).toBe(first.body.sheetId);
    expect(storedFiles(event.eventId)).toEqual(files);
    expect(statSync(pdfPath).mtimeMs).toBe(mtime);
    expect(await jobCount()).toBe(jobs);

    await entry('TC-02', '新通过的青瓷', 'ACCEPT');
    const changed = await post(event.eventId, '');
    expect(changed.status).toBe(202);
    expect(changed.body.sheetId).not.toBe(first.body.sheetId);
    expect(changed.body.total).toBe(9);
    const seen = await follow(event.eventId, changed.body.sheetId);
    expect(seen[seen.length - 1]).toMatchObject({ state: 'DONE', total: 9 });
    const pdf = (await get(seen[seen.length - 1].file)).body as Buffer;
    expect(readPdf(pdf).pages).toBe(2);
    expect(readPdf(pdf).text.join('')).toContain(accepted['TC-02'][1]);
  });

  it('prints one category with the categories under it in the 3×7 layout; requests sent together queue one job and store one file', async () => {
    const before = storedFiles(event.eventId);
    const jobs = await jobCount();
    const answers = await together(6, () =>
      post(event.eventId, `?categoryId=${event.parent.TC}&layout=3x7`),
    );
    const bodies = answers.map((a) => {
      expect(a.status).toBe('fulfilled');
      const res = (a as PromiseFulfilledResult<any>).value;
      expect([200, 202]).toContain(res.status);
      return res.body;
    });
    const sheetId = bodies[0].sheetId as string;
    expect(new Set(bodies.map((b) => b.sheetId))).toEqual(new Set([sheetId]));
    expect(bodies.every((b) => b.total === 5 && b.layout === '3x7')).toBe(true);
    const seen = await follow(event.eventId, sheetId);
    expect(seen[seen.length - 1].state).toBe('DONE');
    await app.waitForQueues();
    expect(await jobCount()).toBe(jobs + 1);
    expect(storedFiles(event.eventId)).toEqual(
      [...before, `${sheetId}.json`, `${sheetId}.pdf`].sort(),
    );

    const res = await get(seen[seen.length - 1].file);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="labels-labels-TC-3x7.pdf"',
    );
    const pdf = res.body as Buffer;
    const tc = [...accepted['TC-01'], ...accepted['TC-02']].sort((a, b) =>
      a.localeCompare(b, 'en', { numeric: true }),
    );
    const found = await pdfQrs(pdf, labelCells(LABEL_LAYOUTS['3x7']).slice(0, 6));
    expect(found.map((qr) => qr?.data ?? null)).toEqual([
      ...tc.map((c) => judgeEntryUrl(PUBLIC_URL, c)),
      null,
    ]);
    expect(readPdf(pdf).text.join('')).not.toContain(accepted['BZ-01'][0]);
  });

  it('says a sheet still queued is not ready, and serves it once the worker is back', async () => {
    await documents().pause();
    try {
      const started = await post(event.eventId, `?categoryId=${event.leaf['BZ-01']}`);
      expect({ status: started.status, ...started.body }).toMatchObject({
        status: 202,
        state: 'QUEUED',
        done: 0,
        total: 4,
      });
      const early = await get(`/api/events/${event.eventId}/labels/${started.body.sheetId}.pdf`);
      expect({ status: early.status, ...json(early) }).toMatchObject({
        status: 409,
        code: 'CONFLICT',
        reason: 'LABEL_SHEET_NOT_READY',
        state: 'QUEUED',
      });
      await documents().resume();
      const seen = await follow(event.eventId, started.body.sheetId);
      expect(seen[seen.length - 1].state).toBe('DONE');
      expect((await get(seen[seen.length - 1].file)).status).toBe(200);
    } finally {
      await documents().resume();
    }
  });

  it('refuses what it cannot print, and anyone but an organiser', async () => {
    const reason = (res: { status: number; body: any }) => ({
      status: res.status,
      reason: Buffer.isBuffer(res.body) ? json(res as { body: Buffer }).reason : res.body.reason,
    });
    const other = await craftsEvent(app, 'labels-empty');
    expect(reason(await post(other.eventId, ''))).toEqual({
      status: 409,
      reason: 'NO_LABELS_TO_PRINT',
    });
    expect(reason(await post(event.eventId, '?layout=4x4'))).toEqual({
      status: 400,
      reason: 'INVALID_LABEL_LAYOUT',
    });
    expect(reason(await post(event.eventId, `?categoryId=${other.leaf['TC-01']}`))).toEqual({
      status: 400,
      reason: 'CATEGORY_NOT_IN_EVENT',
    });
    expect(reason(await post(event.eventId, '?categoryId=nope'))).toEqual({
      status: 400,
      reason: 'INVALID_ID',
    });
    expect(reason(await post('00000000-0000-4000-8000-000000000000', ''))).toEqual({
      status: 404,
      reason: 'EVENT_NOT_FOUND',
    });
    expect(reason(await post(event.eventId, '', entrant.token))).toEqual({
      status: 403,
      reason: 'ROLE_NOT_ALLOWED',
    });
    const anonymous = await app.http().post(`/api/events/${event.eventId}/labels`);
    expect(anonymous.status).toBe(401);

    // A sheet of this event is not found under another event, nor an id that is no sheet's.
    const done = await post(event.eventId, '');
    expect(done.status).toBe(200);
    for (const path of [
      `/api/events/${other.eventId}/labels/${done.body.sheetId}`,
      `/api/events/${other.eventId}/labels/${done.body.sheetId}.pdf`,
      `/api/events/${event.eventId}/labels/${'0'.repeat(32)}`,
      `/api/events/${event.eventId}/labels/..%2F..%2Fsecret.pdf`,
    ]) {
      expect({ path, ...reason(await get(path)) }).toEqual({
        path,
        status: 404,
        reason: 'LABEL_SHEET_NOT_FOUND',
      });
    }
    expect(reason(await get(done.body.file, entrant.token))).toEqual({
      status: 403,
      reason: 'ROLE_NOT_ALLOWED',
    });
    expect(storedFiles(other.eventId)).toEqual([]);
  });
});

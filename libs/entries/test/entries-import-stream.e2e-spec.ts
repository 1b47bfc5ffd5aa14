import { randomUUID } from 'node:crypto';
import {
  craftsEvent,
  CraftsEvent,
  fulfilled,
  registerEnterprise,
  seedRegions,
  startTestApp,
  TestApp,
  together,
  userWithRole,
} from '@app/testing';
import { IMPORT_MAX_ROWS } from '@app/entries';
import { xlsxBomb } from '../src/import/test/import-fixtures';

/**
 * The import as a stream (issue 22): the row limit through HTTP, the progress an organiser's
 * page polls while the request runs, and imports sent together taking their turns.
 */
describe('importing entries: streaming, progress, turns', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  const companies = ['流式导入公司一', '流式导入公司二', '流式导入公司三'];

  const csv = (rows: number, title = (i: number) => `作品${i}`) =>
    Buffer.from(
      [
        '参展单位,类别代码,作品名称,作者',
        ...Array.from(
          { length: rows },
          (_, i) => `${companies[i % companies.length]},TC-01,${title(i)},李明`,
        ),
      ].join('\r\n'),
    );
  const upload = (bytes: Buffer, query = '', token = admin, eventId = event.eventId) =>
    app
      .http()
      .post(`/api/events/${eventId}/entries/import${query}`)
      .set('authorization', `Bearer ${token}`)
      .attach('file', bytes, 'entries.csv');
  const progressOf = (id: string, token = admin) =>
    app
      .http()
      .get(`/api/events/${event.eventId}/entries/import-progress/${id}`)
      .set('authorization', `Bearer ${token}`);
  const entriesOf = async (eventId: string) =>
    Number(
      (
        await app.sql<{ n: number }>('SELECT COUNT(*) AS n FROM entries WHERE event_id = ?', [
          eventId,
        ])
      )[0].n,
    );

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'import-stream', { maxEntriesPerEntrant: 10_000 });
    for (const name of companies) await registerEnterprise(app, '450100', name);
  });
  afterAll(() => app.close());

  it(`checks ${IMPORT_MAX_ROWS} rows (a dry run) and refuses one more at the row past the limit`, async () => {
    const full = await upload(csv(IMPORT_MAX_ROWS), '?dryRun=true');
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ dryRun: true, rows: IMPORT_MAX_ROWS, imported: 0 });
    const over = await upload(csv(IMPORT_MAX_ROWS + 1), '?dryRun=true');
    expect({ status: over.status, reason: over.body.reason }).toEqual({
      status: 400,
      reason: 'TOO_MANY_ROWS',
    });
    expect(over.body.message).toContain(`row ${IMPORT_MAX_ROWS + 2} would be entry`);
    expect(await entriesOf(event.eventId)).toBe(0);
    // Two dry runs of the largest file: ~10 s on a quiet machine, over a minute on a loaded one.
  }, 240_000);

  it('refuses a zip bomb with its reason and stores nothing', async () => {
    for (const bomb of [xlsxBomb(100), xlsxBomb(100, 1024)]) {
      const res = await app
        .http()
        .post(`/api/events/${event.eventId}/entries/import`)
        .set('authorization', `Bearer ${admin}`)
        .attach('file', bomb, 'entries.xlsx');
      expect({ status: res.status, reason: res.body.reason }).toEqual({
        status: 400,
        reason: 'UNPACKED_TOO_LARGE',
      });
    }
    expect(await entriesOf(event.eventId)).toBe(0);
  });

  it('shows its progress to the organiser who started it, to the end', async () => {
    const id = randomUUID();
    const seen: Array<{ phase: string; rowsRead: number }> = [];
    let done = false;
    const polling = (async () => {
      while (!done) {
        const res = await progressOf(id);
        if (res.status === 200) seen.push(res.body);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const res = await upload(csv(3_000), `?dryRun=true&progress=${id}`);
    done = true;
    await polling;
    expect(res.status).toBe(200);
    expect((await progressOf(id)).body).toEqual({ phase: 'DONE', rowsRead: 3_000 });
    // what was polled meanwhile never went backwards
    const order = ['WAITING', 'READING', 'STORING', 'DONE'];
    for (let i = 1; i < seen.length; i++) {
      expect(order.indexOf(seen[i].phase)).toBeGreaterThanOrEqual(order.indexOf(seen[i - 1].phase));
      expect(seen[i].rowsRead).toBeGreaterThanOrEqual(seen[i - 1].rowsRead);
    }

    const failedId = randomUUID();
    // rows 2 and 5 are the same entry of the same company
    const failed = await upload(
      csv(4, () => '同名作品'),
      `?progress=${failedId}`,
    );
    expect(failed.body.reason).toBe('IMPORT_HAS_ERRORS');
    expect((await progressOf(failedId)).body).toEqual({ phase: 'FAILED', rowsRead: 4 });

    const other = await userWithRole(app, 'ORGANISER');
    const notTheirs = await progressOf(id, other);
    expect({ status: notTheirs.status, reason: notTheirs.body.reason }).toEqual({
      status: 404,
      reason: 'IMPORT_PROGRESS_NOT_FOUND',
    });
    const unknown = await progressOf(randomUUID());
    expect(unknown.status).toBe(404);
    const malformed = await progressOf('not-a-uuid');
    expect({ status: malformed.status, reason: malformed.body.reason }).toEqual({
      status: 400,
      reason: 'INVALID_ID',
    });
    const badProgress = await upload(csv(1), '?dryRun=true&progress=nope');
    expect({ status: badProgress.status, reason: badProgress.body.reason }).toEqual({
      status: 400,
      reason: 'INVALID_ID',
    });
  });

  it('imports sent together take their turns: each is stored whole, none half', async () => {
    const events = await Promise.all(
      [1, 2, 3].map((n) => craftsEvent(app, `import-turns-${n}`, { maxEntriesPerEntrant: 1_000 })),
    );
    const ids = events.map(() => randomUUID());
    const answers = fulfilled(
      await together(events.length, (i) =>
        upload(
          csv(400, (row) => `轮流${i}-${row}`),
          `?progress=${ids[i]}`,
          admin,
          events[i].eventId,
        ),
      ),
    );
    expect(answers.map((a) => [a.status, a.body.imported])).toEqual([
      [200, 400],
      [200, 400],
      [200, 400],
    ]);
    for (const e of events) expect(await entriesOf(e.eventId)).toBe(400);
    for (const id of ids) expect((await progressOf(id)).body.phase).toBe('DONE');
  });
});

import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { readdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { QueueName } from '@app/queue';
import {
  acceptedEntry,
  attachPhoto,
  bombPng,
  craftsEvent,
  CraftsEvent,
  CREATE_ENTRY,
  entryInput,
  eventually,
  registerEnterprise,
  seedRegions,
  startTestApp,
  TestApp,
  testJpeg,
  together,
  userWithRole,
} from '@app/testing';
import { storedPart, zipOfParts } from '../src/import/test/import-fixtures';

/**
 * Photos in bulk (issue 22, docs/http.md "Bulk photos"): a batch receives photos and ZIPs of
 * photos, the preview matches them to the event's entries by exhibit code or title before
 * anything is added, the commit adds the matched ones through the single upload's rules and
 * queues their renditions; an interrupted upload is resumed by sending the files again.
 */
describe('bulk photos: stage, preview, commit', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  let entrant: { token: string; entrantId: string };
  const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!', 'latin1');
  const MAX_BYTES = 200 * 1024;

  beforeAll(async () => {
    app = await startTestApp({ env: { UPLOAD_MAX_BYTES: String(MAX_BYTES) } });
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'bulk', { maxImagesPerEntry: 9, maxEntriesPerEntrant: 100 });
    entrant = await registerEnterprise(app, '450100');
  });
  afterAll(() => app.close());

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  let seed = 1000;
  const jpeg = () => testJpeg(seed++);

  async function draft(title: string, who = entrant, target = event): Promise<string> {
    const res = await app.gql(
      CREATE_ENTRY,
      { input: { eventId: target.eventId, entry: entryInput(target.leaf['TC-01'], { title }) } },
      who.token,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createEntry.id as string;
  }

  /** An accepted entry (one photo already), with its exhibit code. */
  async function accepted(title: string): Promise<{ id: string; code: string }> {
    const id = await acceptedEntry(app, {
      eventId: event.eventId,
      categoryId: event.leaf['TC-01'],
      entrantToken: entrant.token,
      adminToken: admin,
      photoSeed: seed++,
    });
    await app.sql('UPDATE entries SET title = ? WHERE id = ?', [title, id]);
    const [row] = await app.sql<{ code: string }>('SELECT code FROM entries WHERE id = ?', [id]);
    return { id, code: row.code };
  }

  async function newBatch(token = admin, eventId = event.eventId): Promise<string> {
    const res = await app.http().post(`/api/events/${eventId}/photo-batches`).set(auth(token));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  function send(batchId: string, files: { name: string; bytes: Buffer }[], token = admin) {
    const req = app.http().post(`/api/photo-batches/${batchId}/files`).set(auth(token));
    for (const file of files) req.attach('files', file.bytes, { filename: file.name });
    return req;
  }

  const preview = (batchId: string, token = admin) =>
    app.http().get(`/api/photo-batches/${batchId}`).set(auth(token));

  const commit = (batchId: string, token = admin, choices?: Record<string, string>) =>
    app
      .http()
      .post(`/api/photo-batches/${batchId}/commit`)
      .set(auth(token))
      .send(choices ? { choices } : {});

  const imagesOf = (entryId: string) =>
    app.sql<{ id: string; position: number; original_key: string; status: string }>(
      'SELECT id, position, original_key, status FROM images WHERE entry_id = ? ORDER BY position',
      [entryId],
    );

  const byName = (report: any, name: string) => report.files.find((f: any) => f.name === name);

  async function storedFiles(): Promise<string[]> {
    const all = await readdir(app.config.storageDir, { recursive: true, withFileTypes: true });
    return all.filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
  }

  it('matches by exhibit code and by title, shows the ambiguous, unmatched and refused, adds nothing before the commit', async () => {
    const coded = await accepted('青花瓷瓶');
    const titled = await draft('坭兴陶茶具 大号');
    const twinA = await draft('绣球');
    const twinB = await draft('绣球');
    const imagesBefore = (await app.sql('SELECT COUNT(*) AS n FROM images'))[0].n;
    const batchId = await newBatch();

    const zip = zipOfParts([
      storedPart(`${coded.code}.jpg`, await jpeg()),
      storedPart(`${coded.code}-2.jpg`, await jpeg()),
      storedPart('坭兴陶茶具 大号.JPG', await jpeg()),
      storedPart('绣球.jpg', await jpeg()),
      storedPart('IMG_0042.jpg', await jpeg()),
      storedPart('动画.gif', GIF),
      storedPart('__MACOSX/._IMG_0042.jpg', 'resource fork'),
    ]);
    const sent = await send(batchId, [
      { name: 'card.zip', bytes: zip },
      { name: 'notes.txt', bytes: Buffer.from('not a photo at all') },
    ]);
    expect(sent.status).toBe(200);
    expect(sent.body.files.map((f: any) => [f.name, f.state, f.reason])).toEqual([
      [`${coded.code}.jpg`, 'STAGED', undefined],
      [`${coded.code}-2.jpg`, 'STAGED', undefined],
      ['坭兴陶茶具 大号.JPG', 'STAGED', undefined],
      ['绣球.jpg', 'STAGED', undefined],
      ['IMG_0042.jpg', 'STAGED', undefined],
      ['动画.gif', 'REFUSED', 'UNSUPPORTED_FORMAT'],
      ['notes.txt', 'REFUSED', 'UNSUPPORTED_FORMAT'],
    ]);

    const res = await preview(batchId);
    expect(res.status).toBe(200);
    const report = res.body;
    expect(byName(report, `${coded.code}.jpg`)).toMatchObject({
      state: 'MATCHED',
      matchedBy: 'CODE',
      entry: { id: coded.id, code: coded.code, title: '青花瓷瓶' },
      position: 2,
    });
    expect(byName(report, `${coded.code}-2.jpg`)).toMatchObject({
      state: 'MATCHED',
      entry: { id: coded.id },
      position: 3,
    });
    expect(byName(report, '坭兴陶茶具 大号.JPG')).toMatchObject({
      state: 'MATCHED',
      matchedBy: 'TITLE',
      entry: { id: titled, code: null },
      position: 1,
    });
    expect(byName(report, '绣球.jpg')).toMatchObject({ state: 'AMBIGUOUS' });
    expect(
      byName(report, '绣球.jpg')
        .candidates.map((c: any) => c.id)
        .sort(),
    ).toEqual([twinA, twinB].sort());
    expect(byName(report, 'IMG_0042.jpg')).toMatchObject({ state: 'UNMATCHED' });
    expect(byName(report, '动画.gif')).toMatchObject({
      state: 'REFUSED',
      reason: 'UNSUPPORTED_FORMAT',
    });
    expect(report.counts).toMatchObject({ MATCHED: 3, AMBIGUOUS: 1, UNMATCHED: 1, REFUSED: 2 });
    // the preview wrote nothing
    expect((await app.sql('SELECT COUNT(*) AS n FROM images'))[0].n).toBe(imagesBefore);

    // The ambiguous one is settled by a choice; an unmatched one stays.
    const queue = app.api.get<Queue>(getQueueToken(QueueName.Images), { strict: false });
    await queue.pause();
    try {
      const committed = await commit(batchId, admin, { [byName(report, '绣球.jpg').id]: twinB });
      expect(committed.status).toBe(200);
      expect(committed.body.counts).toMatchObject({ ADDED: 4, UNMATCHED: 1, REFUSED: 2 });
      expect(byName(committed.body, '绣球.jpg')).toMatchObject({
        state: 'ADDED',
        entry: { id: twinB },
        imageStatus: 'PENDING',
      });
      expect((await imagesOf(coded.id)).map((i) => i.position)).toEqual([1, 2, 3]);
      expect(await imagesOf(titled)).toHaveLength(1);
      expect(await imagesOf(twinA)).toHaveLength(0);
      // Each added photo's render job waits in the images queue.
      const added = committed.body.files.filter((f: any) => f.state === 'ADDED');
      for (const file of added) {
        expect(await queue.getJob(`render-${file.imageId}`)).toBeDefined();
      }
      const audited = await app.sql(
        "SELECT COUNT(*) AS n FROM audit_records WHERE action = 'image.added' AND subject_id = ?",
        [coded.id],
      );
      expect(Number(audited[0].n)).toBe(3);
    } finally {
      await queue.obliterate({ force: true });
      await queue.resume();
    }
  });

  it('refuses a photo over UPLOAD_MAX_BYTES and one over the pixel limit, each with its reason', async () => {
    const batchId = await newBatch();
    const big = await testJpeg(seed++, 2000, 1500);
    const huge = Buffer.concat([await jpeg(), Buffer.alloc(MAX_BYTES)]);
    const res = await send(batchId, [
      { name: 'huge.jpg', bytes: huge },
      { name: 'empty.jpg', bytes: Buffer.alloc(0) },
      { name: 'bomb.png', bytes: bombPng(50_000, 50_000) },
      { name: 'ok.jpg', bytes: big.length <= MAX_BYTES ? big : await jpeg() },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.files.map((f: any) => [f.name, f.state, f.reason ?? null])).toEqual([
      ['huge.jpg', 'REFUSED', 'FILE_TOO_LARGE'],
      ['empty.jpg', 'REFUSED', 'INVALID_IMAGE'],
      ['bomb.png', 'REFUSED', 'TOO_MANY_PIXELS'],
      ['ok.jpg', 'STAGED', null],
    ]);
    expect(res.body.files[0].facts).toEqual({ maxBytes: MAX_BYTES });
    expect(res.body.files[2].facts).toMatchObject({ width: 50_000, height: 50_000 });
    // the preview says the same of each, and nothing refused was kept
    const report = (await preview(batchId)).body;
    const refused = (files: any[]) =>
      files
        .filter((f) => f.state === 'REFUSED')
        .map((f) => [f.name, f.reason])
        .sort();
    expect(refused(report.files)).toEqual(refused(res.body.files));
    expect(byName(report, 'ok.jpg')).toMatchObject({ state: 'UNMATCHED' });
    const [{ n }] = await app.sql(
      "SELECT COUNT(*) AS n FROM photo_batch_files WHERE batch_id = ? AND state = 'REFUSED' AND storage_key IS NULL",
      [batchId],
    );
    expect(Number(n)).toBe(3);
  });

  it('keeps the limit when the ZIP holds 10 photos for an entry with room for 8, and two commits together add each file once', async () => {
    const { id, code } = await accepted('十件套');
    const batchId = await newBatch();
    const photos = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => storedPart(`${code}-${i + 1}.jpg`, await jpeg())),
    );
    expect((await send(batchId, [{ name: 'ten.zip', bytes: zipOfParts(photos) }])).status).toBe(
      200,
    );

    const report = (await preview(batchId)).body;
    expect(report.maxImagesPerEntry).toBe(9);
    expect(report.counts).toMatchObject({ MATCHED: 8, NO_ROOM: 2 });
    expect(byName(report, `${code}-9.jpg`)).toMatchObject({
      state: 'NO_ROOM',
      reason: 'TOO_MANY_IMAGES',
      facts: { limit: 9 },
    });

    const answers = await together(2, () => commit(batchId));
    for (const answer of answers) {
      expect(answer.status === 'fulfilled' && answer.value.status).toBe(200);
    }
    const images = await imagesOf(id);
    expect(images.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const final = (await preview(batchId)).body;
    expect(final.counts).toMatchObject({ ADDED: 8, NOT_ADDED: 2 });
    expect(byName(final, `${code}-10.jpg`)).toMatchObject({
      state: 'NOT_ADDED',
      reason: 'TOO_MANY_IMAGES',
      entry: { id },
    });
    // Every photo's original is where its row says (a second commit removed none of them).
    const stored = await storedFiles();
    for (const image of images) {
      expect(stored.some((path) => path.endsWith(image.original_key))).toBe(true);
    }
  });

  it('keeps the limit when a commit and single uploads race for the last places', async () => {
    const entryId = await draft('抢位置');
    for (let i = 0; i < 5; i++) await attachPhoto(app, entryId, entrant.token, seed++);
    const batchId = await newBatch();
    const files = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => ({
        name: `抢位置-${i + 1}.jpg`,
        bytes: await jpeg(),
      })),
    );
    await send(batchId, files);
    const singles = await Promise.all(Array.from({ length: 4 }, () => jpeg()));
    await together(5, (i) =>
      i === 0
        ? commit(batchId)
        : app
            .http()
            .post(`/api/entries/${entryId}/images`)
            .set(auth(entrant.token))
            .attach('file', singles[i - 1], { filename: 'x.jpg' }),
    );
    const images = await imagesOf(entryId);
    expect(images).toHaveLength(9);
    expect(new Set(images.map((i) => i.position)).size).toBe(9);
  });

  it('skips what a batch has staged when the same files are sent again, renamed or not', async () => {
    const entryId = await draft('重传的作品');
    const batchId = await newBatch();
    const a = await jpeg();
    const b = await jpeg();
    const first = await send(batchId, [
      { name: 'a.jpg', bytes: a },
      { name: 'b.jpg', bytes: b },
    ]);
    expect(first.body.files.map((f: any) => f.state)).toEqual(['STAGED', 'STAGED']);
    const storedBefore = (await storedFiles()).length;

    const again = await send(batchId, [
      { name: 'a.jpg', bytes: a },
      { name: '重传的作品.jpg', bytes: b },
      { name: 'b-copy.zip', bytes: zipOfParts([storedPart('b.jpg', b)]) },
    ]);
    expect(again.body.files.map((f: any) => [f.name, f.state])).toEqual([
      ['a.jpg', 'SKIPPED'],
      ['重传的作品.jpg', 'SKIPPED'],
      ['b.jpg', 'SKIPPED'],
    ]);
    expect((await storedFiles()).length).toBe(storedBefore);
    const [batch] = await app.sql('SELECT file_count FROM photo_batches WHERE id = ?', [batchId]);
    expect(batch.file_count).toBe(2);
    // The renamed file took its new name (the last one sent) and matches now.
    const report = (await preview(batchId)).body;
    expect(report.files.map((f: any) => f.name).sort()).toEqual(['a.jpg', 'b.jpg'].sort());
    const renamed = await send(batchId, [{ name: '重传的作品.jpg', bytes: b }]);
    expect(renamed.body.files[0].state).toBe('SKIPPED');
    expect(byName((await preview(batchId)).body, '重传的作品.jpg')).toMatchObject({
      state: 'MATCHED',
      entry: { id: entryId },
    });
  });

  it('keeps the files that arrived when the connection drops, and a resent batch sends only the rest', async () => {
    const entryId = await draft('断线续传');
    const batchId = await newBatch();
    const files = await Promise.all(
      Array.from({ length: 3 }, async (_, i) => ({
        name: `断线续传-${i + 1}.jpg`,
        bytes: await jpeg(),
      })),
    );
    const boundary = 'x-bulk-boundary';
    const part = (file: { name: string; bytes: Buffer }) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\n` +
            'Content-Type: image/jpeg\r\n\r\n',
        ),
        file.bytes,
        Buffer.from('\r\n'),
      ]);
    const third = part(files[2]);
    await app.api.listen(0, '127.0.0.1');
    const port = (app.api.getHttpServer().address() as AddressInfo).port;
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/photo-batches/${batchId}/files`,
        headers: {
          ...auth(admin),
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(third.length * 3 + 100),
        },
      });
      req.on('error', () => resolve());
      req.on('response', () => resolve());
      req.write(Buffer.concat([part(files[0]), part(files[1]), third.subarray(0, 200)]));
      // the connection drops in the middle of the third photo
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 500);
    });
    const staged = await eventually(
      async () => {
        const report = (await preview(batchId)).body;
        return report.files.length === 2 ? report : undefined;
      },
      10_000,
      'the two photos that arrived to be staged',
    );
    expect(staged.files.map((f: any) => f.name).sort()).toEqual([
      '断线续传-1.jpg',
      '断线续传-2.jpg',
    ]);
    // No half-written third file anywhere in storage.
    const [{ n }] = await app.sql(
      'SELECT COUNT(*) AS n FROM photo_batch_files WHERE batch_id = ? AND storage_key IS NOT NULL',
      [batchId],
    );
    expect(Number(n)).toBe(2);

    const resent = await send(batchId, files);
    expect(resent.body.files.map((f: any) => f.state)).toEqual(['SKIPPED', 'SKIPPED', 'STAGED']);
    expect((await commit(batchId)).body.counts).toMatchObject({ ADDED: 3 });
    expect((await imagesOf(entryId)).map((i) => i.position)).toEqual([1, 2, 3]);
  });

  it('limits a coordinator to its region: other regions’ entries do not match and cannot be chosen', async () => {
    const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450100' });
    const elsewhere = await registerEnterprise(app, '450700');
    const mine = await draft('本地区作品');
    const theirs = await draft('外地区作品', elsewhere);
    await draft('同名作品');
    const foreignTwin = await draft('同名作品', elsewhere);
    const batchId = await newBatch(coordinator);
    await send(
      batchId,
      [
        { name: '本地区作品.jpg', bytes: await jpeg() },
        { name: '外地区作品.jpg', bytes: await jpeg() },
        { name: '同名作品.jpg', bytes: await jpeg() },
      ],
      coordinator,
    );
    const report = (await preview(batchId, coordinator)).body;
    expect(report.regionCode).toBe('450100');
    expect(byName(report, '本地区作品.jpg')).toMatchObject({
      state: 'MATCHED',
      entry: { id: mine },
    });
    expect(byName(report, '外地区作品.jpg')).toMatchObject({ state: 'UNMATCHED' });
    // the twin in another region is no candidate: the title is this region's one entry
    expect(byName(report, '同名作品.jpg')).toMatchObject({ state: 'MATCHED' });

    const wrong = await commit(batchId, coordinator, {
      [byName(report, '外地区作品.jpg').id]: theirs,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ASSIGNMENT' });
    expect(await imagesOf(theirs)).toHaveLength(0);

    const done = await commit(batchId, coordinator);
    expect(done.status).toBe(200);
    expect(done.body.counts).toMatchObject({ ADDED: 2, UNMATCHED: 1 });
    expect(await imagesOf(mine)).toHaveLength(1);
    expect(await imagesOf(theirs)).toHaveLength(0);
    expect(await imagesOf(foreignTwin)).toHaveLength(0);
  });

  it('is for organisers and coordinators: an entrant and a judge are FORBIDDEN, and a batch is its owner’s alone', async () => {
    const judge = await userWithRole(app, 'JUDGE');
    for (const token of [entrant.token, judge]) {
      const res = await app
        .http()
        .post(`/api/events/${event.eventId}/photo-batches`)
        .set(auth(token));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    const batchId = await newBatch();
    const entrantSends = await send(
      batchId,
      [{ name: 'x.jpg', bytes: await jpeg() }],
      entrant.token,
    );
    expect(entrantSends.status).toBe(403);
    const other = await userWithRole(app, 'ORGANISER');
    for (const res of [
      await preview(batchId, other),
      await commit(batchId, other),
      await send(batchId, [{ name: 'x.jpg', bytes: await jpeg() }], other),
      await app.http().delete(`/api/photo-batches/${batchId}`).set(auth(other)),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.reason).toBe('PHOTO_BATCH_NOT_FOUND');
    }
    const [{ n }] = await app.sql(
      'SELECT COUNT(*) AS n FROM photo_batch_files WHERE batch_id = ?',
      [batchId],
    );
    expect(Number(n)).toBe(0);
  });

  it('discards a batch with its staged files, never the photos it added', async () => {
    const entryId = await draft('丢弃测试');
    const batchId = await newBatch();
    await send(batchId, [
      { name: '丢弃测试.jpg', bytes: await jpeg() },
      { name: 'nobody.jpg', bytes: await jpeg() },
    ]);
    await commit(batchId);
    const [image] = await imagesOf(entryId);
    const [{ storage_key: left }] = await app.sql(
      "SELECT storage_key FROM photo_batch_files WHERE batch_id = ? AND name = 'nobody.jpg'",
      [batchId],
    );
    const res = await app.http().delete(`/api/photo-batches/${batchId}`).set(auth(admin));
    expect(res.status).toBe(204);
    const stored = await storedFiles();
    expect(stored.some((path) => path.endsWith(image.original_key))).toBe(true);
    expect(stored.some((path) => path.endsWith(left))).toBe(false);
    expect(await app.sql('SELECT id FROM photo_batches WHERE id = ?', [batchId])).toEqual([]);
    expect((await preview(batchId)).status).toBe(404);
  });
});

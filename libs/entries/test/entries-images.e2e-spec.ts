import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { ImageRenderService, ImageSweepService } from '@app/entries';
import { HEIC_PHOTO, madeFormat, PHOTO } from '@app/fixtures';
import { STORAGE_DRIVER, StorageDriver } from '@app/storage';
import {
  attachPhoto,
  bombPng,
  craftsEvent,
  CraftsEvent,
  CREATE_ENTRY,
  entryInput,
  eventually,
  registerEnterprise,
  seedRegions,
  SET_EVENT_STATUS,
  startTestApp,
  SUBMIT_ENTRY,
  TestApp,
  testJpeg,
  uploadImage,
  userWithRole,
} from '@app/testing';

const MAX_BYTES = 8 * 1024 * 1024;

const IMAGES = `query($id:ID!){entry(id:$id){id images{id status position width height bytes contentType failureReason placeholder renditions{size format width height url}}}}`;
const DELETE_IMAGE = `mutation($id:ID!){deleteImage(id:$id)}`;
const REORDER = `mutation($entryId:ID!,$ids:[ID!]!){reorderImages(entryId:$entryId,imageIds:$ids){id position}}`;

/** Photos of entries, as users upload them and as judges' tablets will load them. */
describe('entry photos: upload, renditions, serving', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  let entrant: { token: string; entrantId: string };

  beforeAll(async () => {
    app = await startTestApp({ worker: true, env: { UPLOAD_MAX_BYTES: String(MAX_BYTES) } });
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'photos', { maxImagesPerEntry: 3, maxEntriesPerEntrant: 100 });
    entrant = await registerEnterprise(app, '450700');
  });
  afterAll(() => app.close());

  async function newEntry(token = entrant.token, target = event): Promise<string> {
    const res = await app.gql(
      CREATE_ENTRY,
      { input: { eventId: target.eventId, entry: entryInput(target.leaf['TC-01']) } },
      token,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createEntry.id;
  }

  async function imagesOf(entryId: string, token = entrant.token): Promise<any[]> {
    const res = await app.gql(IMAGES, { id: entryId }, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.entry.images;
  }

  /** Every stored file under STORAGE_DIR, relative. */
  async function storedFiles(): Promise<string[]> {
    try {
      const all = await readdir(app.config.storageDir, { recursive: true, withFileTypes: true });
      return all
        .filter((d) => d.isFile())
        .map((d) => join(d.parentPath, d.name).slice(app.config.storageDir.length + 1))
        .sort();
    } catch {
      return [];
    }
  }

  const imageRows = async () =>
    (await app.sql<{ n: number }>('SELECT COUNT(*) AS n FROM images'))[0].n;

  /** GET a rendition by its public URL, as an <img> would: no token. */
  const fetchUrl = (url: string, headers: Record<string, string> = {}) => {
    const req = app.http().get(new URL(url).pathname).buffer(true);
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req.parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  };

  describe('accepted formats', () => {
    it.each([
      ['a JPEG photo', () => readFile(PHOTO.sunset), 'image/jpeg', 4272, 2848],
      ['a PNG', () => madeFormat('png'), 'image/png', 1024, 576],
      ['a WebP', () => madeFormat('webp'), 'image/webp', 2016, 1134],
      ['an AVIF', () => madeFormat('avif'), 'image/avif', 2016, 1134],
    ])(
      '%s becomes READY with three WebP renditions, never enlarged',
      async (_label, read, type, width, height) => {
        const entryId = await newEntry();
        const bytes = await read();
        const res = await uploadImage(app, entryId, bytes, entrant.token, 'whatever.name');
        expect(res.status).toBe(201);
        expect(res.body).toEqual({
          id: expect.any(String),
          status: 'PENDING',
          bytes: bytes.length,
          contentType: type,
        });
        await app.waitForQueues();
        const [image] = await imagesOf(entryId);
        expect(image).toMatchObject({
          id: res.body.id,
          status: 'READY',
          position: 1,
          width,
          height,
          bytes: bytes.length,
          contentType: type,
          failureReason: null,
          placeholder: expect.stringMatching(/^#[0-9a-f]{6}$/),
        });
        const long = Math.max(width, height);
        const expected = [
          ['THUMB', 320],
          ['MEDIUM', 1024],
          ['LARGE', 2048],
        ].map(([size, edge]) => {
          const scale = Math.min(1, (edge as number) / long);
          return { size, long: Math.round(long * scale) };
        });
        expect(image.renditions.map((r: any) => r.size)).toEqual(['THUMB', 'MEDIUM', 'LARGE']);
        for (const [index, rendition] of image.renditions.entries()) {
          expect(rendition.format).toBe('webp');
          expect(Math.max(rendition.width, rendition.height)).toBe(expected[index].long);
          const served = await fetchUrl(rendition.url);
          expect(served.status).toBe(200);
          const meta = await sharp(served.body as Buffer).metadata();
          expect(meta).toMatchObject({
            format: 'webp',
            width: rendition.width,
            height: rendition.height,
          });
        }
      },
    );
  });

  it('turns a photo upright by its EXIF orientation and strips every piece of metadata', async () => {
    const entryId = await newEntry();
    // orientation 6: stored as 900 × 1600, shown turned a quarter: 1600 × 900.
    const withGps = await sharp(await madeFormat('orient6'))
      .keepMetadata()
      .withExifMerge({
        IFD0: { Artist: '李明 Li Ming', ImageDescription: 'secret-file-name.jpg' },
      })
      .jpeg()
      .toBuffer();
    const before = await sharp(withGps).metadata();
    expect(before).toMatchObject({ orientation: 6, width: 900, height: 1600 });
    expect(before.exif).toBeDefined();

    const res = await uploadImage(app, entryId, withGps, entrant.token, '李明-作品.jpg');
    expect(res.status).toBe(201);
    await app.waitForQueues();
    const [image] = await imagesOf(entryId);
    expect(image).toMatchObject({ status: 'READY', width: 1600, height: 900 });
    for (const rendition of image.renditions) {
      expect(rendition.width).toBeGreaterThan(rendition.height);
      const served = await fetchUrl(rendition.url);
      const bytes = served.body as Buffer;
      const meta = await sharp(bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(meta.width).toBeGreaterThan(meta.height!);
      // Nothing of the entrant or the file in the bytes or the URL.
      expect(bytes.includes(Buffer.from('Li Ming'))).toBe(false);
      expect(bytes.includes(Buffer.from('secret-file-name'))).toBe(false);
      expect(rendition.url).toMatch(/\/api\/renditions\/[0-9a-f]{32}-(thumb|medium|large)\.webp$/);
      expect(rendition.url).not.toContain(entryId);
      expect(rendition.url).not.toContain(entrant.entrantId);
    }
  });

  it('serves renditions with a content type, nosniff, a year of cache and an ETag (304 on a match)', async () => {
    const entryId = await newEntry();
    await attachPhoto(app, entryId, entrant.token, 7);
    await app.waitForQueues();
    const [image] = await imagesOf(entryId);
    const thumb = image.renditions[0];
    const first = await fetchUrl(thumb.url);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('image/webp');
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(first.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(Number(first.headers['content-length'])).toBe((first.body as Buffer).length);
    const again = await fetchUrl(thumb.url, { 'if-none-match': first.headers.etag });
    expect(again.status).toBe(304);
    const other = await fetchUrl(thumb.url, { 'if-none-match': '"abc"' });
    expect(other.status).toBe(200);
    // A key that was never issued, or a path that is not a key.
    const missing = await app.http().get(`/api/renditions/${'0'.repeat(32)}-thumb.webp`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', reason: 'RENDITION_NOT_FOUND' });
    expect((await app.http().get('/api/renditions/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
  });

  it('the same bytes twice give back the first image (200), one row, one file', async () => {
    const entryId = await newEntry();
    const bytes = await testJpeg(11);
    const first = await uploadImage(app, entryId, bytes, entrant.token);
    await app.waitForQueues();
    const files = await storedFiles();
    const second = await uploadImage(app, entryId, bytes, entrant.token, 'again.jpg');
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(await imagesOf(entryId)).toHaveLength(1);
    expect(await storedFiles()).toEqual(files);
    // Another entry may use the same photo.
    const other = await uploadImage(app, await newEntry(), bytes, entrant.token);
    expect(other.status).toBe(201);
    await app.waitForQueues();
  });

  describe('refusals (docs/http.md), each leaving nothing stored and the server healthy', () => {
    let entryId: string;
    beforeAll(async () => {
      entryId = await newEntry();
    });

    async function refused(
      send: () => PromiseLike<{ status: number; body: any }>,
      status: number,
      code: string,
      reason?: string,
    ) {
      await app.waitForQueues(); // renditions of earlier photos are not this refusal's doing
      const rows = await imageRows();
      const files = await storedFiles();
      const res = await send();
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      if (reason) expect(res.body.reason).toBe(reason);
      expect(res.body.message ?? res.body.reason).toEqual(expect.any(String));
      expect(await imageRows()).toBe(rows);
      expect(await storedFiles()).toEqual(files);
      expect((await app.http().get('/health/live')).status).toBe(200);
      expect((await app.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
    }

    const upload = (bytes: Buffer, name = 'file.jpg') =>
      uploadImage(app, entryId, bytes, entrant.token, name);

    it('an empty file: INVALID_IMAGE', () =>
      refused(() => upload(Buffer.alloc(0)), 400, 'BAD_USER_INPUT', 'INVALID_IMAGE'));

    it('a truncated JPEG, PNG, WebP and AVIF: INVALID_IMAGE', async () => {
      for (const format of ['orient8', 'png', 'webp', 'avif'] as const) {
        const bytes = await madeFormat(format);
        await refused(
          () => upload(bytes.subarray(0, Math.floor(bytes.length / 2))),
          400,
          'BAD_USER_INPUT',
          'INVALID_IMAGE',
        );
      }
    });

    it('a JPEG whose header is broken: INVALID_IMAGE', async () => {
      const bytes = Buffer.concat([
        Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01]),
        Buffer.alloc(100),
      ]);
      await refused(() => upload(bytes), 400, 'BAD_USER_INPUT', 'INVALID_IMAGE');
    });

    it('not an image, whatever its name says: UNSUPPORTED_FORMAT', () =>
      refused(
        () => upload(Buffer.from('just some text, not a photo\n'.repeat(50)), 'photo.jpg'),
        400,
        'BAD_USER_INPUT',
        'UNSUPPORTED_FORMAT',
      ));

    it('SVG: UNSUPPORTED_FORMAT', () =>
      refused(
        () =>
          upload(
            Buffer.from(
              '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
            ),
            'x.jpg',
          ),
        400,
        'BAD_USER_INPUT',
        'UNSUPPORTED_FORMAT',
      ));

    it('GIF: UNSUPPORTED_FORMAT', async () => {
      const gif = await sharp({
        create: { width: 8, height: 8, channels: 3, background: 'red' },
      })
        .gif()
        .toBuffer();
      await refused(() => upload(gif, 'x.gif'), 400, 'BAD_USER_INPUT', 'UNSUPPORTED_FORMAT');
    });

    it('HEIC, TIFF and PDF: UNSUPPORTED_FORMAT', async () => {
      const tiff = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } })
        .tiff()
        .toBuffer();
      for (const bytes of [
        await readFile(HEIC_PHOTO),
        tiff,
        Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n'),
      ]) {
        await refused(() => upload(bytes), 400, 'BAD_USER_INPUT', 'UNSUPPORTED_FORMAT');
      }
    });

    it('an animated WebP: ANIMATED_IMAGE', async () => {
      const frame = (background: string) =>
        sharp({ create: { width: 16, height: 16, channels: 3, background } })
          .png()
          .toBuffer();
      const animated = await sharp([await frame('red'), await frame('blue')], {
        join: { animated: true },
      })
        .webp({ loop: 0 })
        .toBuffer();
      await refused(() => upload(animated), 400, 'BAD_USER_INPUT', 'ANIMATED_IMAGE');
    });

    it('more pixels than the limit, read from the header without decoding: TOO_MANY_PIXELS', async () => {
      await refused(
        () => upload(bombPng(20_000, 20_000)),
        400,
        'BAD_USER_INPUT',
        'TOO_MANY_PIXELS',
      );
    });

    it('more bytes than the limit: 413 FILE_TOO_LARGE, before the format is looked at', async () => {
      const big = Buffer.alloc(MAX_BYTES + 1, 0x47); // 'G': not even an image
      await refused(() => upload(big), 413, 'BAD_USER_INPUT', 'FILE_TOO_LARGE');
    });

    it('a body that is not multipart, has no file, or has two files', async () => {
      await refused(
        () =>
          app
            .http()
            .post(`/api/entries/${entryId}/images`)
            .set('authorization', `Bearer ${entrant.token}`)
            .set('content-type', 'image/jpeg')
            .send(Buffer.from([0xff, 0xd8, 0xff])),
        400,
        'BAD_USER_INPUT',
        'NOT_MULTIPART',
      );
      await refused(
        () =>
          app
            .http()
            .post(`/api/entries/${entryId}/images`)
            .set('authorization', `Bearer ${entrant.token}`)
            .field('note', 'no file here'),
        400,
        'BAD_USER_INPUT',
        'FILE_REQUIRED',
      );
      const jpeg = await testJpeg(3);
      await refused(
        () =>
          app
            .http()
            .post(`/api/entries/${entryId}/images`)
            .set('authorization', `Bearer ${entrant.token}`)
            .attach('file', jpeg, 'a.jpg')
            .attach('file', jpeg, 'b.jpg'),
        400,
        'BAD_USER_INPUT',
        'TOO_MANY_FILES',
      );
    });

    it('no token 401; not a UUID 400; someone else’s or no entry 404; a coordinator 403', async () => {
      const jpeg = await testJpeg(4);
      await refused(() => uploadImage(app, entryId, jpeg), 401, 'UNAUTHENTICATED');
      await refused(
        () => uploadImage(app, 'not-a-uuid', jpeg, entrant.token),
        400,
        'BAD_USER_INPUT',
        'INVALID_ID',
      );
      const stranger = await registerEnterprise(app, '450100');
      await refused(
        () => uploadImage(app, entryId, jpeg, stranger.token),
        404,
        'NOT_FOUND',
        'ENTRY_NOT_FOUND',
      );
      await refused(
        () => uploadImage(app, '00000000-0000-4000-8000-000000000000', jpeg, entrant.token),
        404,
        'NOT_FOUND',
        'ENTRY_NOT_FOUND',
      );
      const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450700' });
      await refused(
        () => uploadImage(app, entryId, jpeg, coordinator),
        403,
        'FORBIDDEN',
        'NOT_YOUR_ENTRY',
      );
    });

    it('TOO_MANY_IMAGES past maxImagesPerEntry (3), checked before the body; a deletion frees a place', async () => {
      const full = await newEntry();
      const ids: string[] = [];
      for (const seed of [21, 22, 23]) ids.push(await attachPhoto(app, full, entrant.token, seed));
      const big = Buffer.alloc(MAX_BYTES + 1, 0x47);
      await refused(
        () => uploadImage(app, full, big, entrant.token),
        409,
        'CONFLICT',
        'TOO_MANY_IMAGES',
      );
      expect((await app.gql(DELETE_IMAGE, { id: ids[0] }, entrant.token)).data).toEqual({
        deleteImage: true,
      });
      await attachPhoto(app, full, entrant.token, 24);
      await app.waitForQueues();
    });

    it('ENTRY_NOT_EDITABLE for an entrant once its entry is accepted; EVENT_NOT_OPEN once the event closes', async () => {
      const other = await craftsEvent(app, 'photos-closing');
      const id = await newEntry(entrant.token, other);
      await attachPhoto(app, id, entrant.token, 31);
      expect((await app.gql(SUBMIT_ENTRY, { id }, entrant.token)).errors).toBeUndefined();
      const screened = await app.gql(
        'mutation($id:ID!){screenEntry(id:$id,decision:ACCEPT){status}}',
        { id },
        admin,
      );
      expect(screened.errors).toBeUndefined();
      const jpeg = await testJpeg(32);
      await refused(
        () => uploadImage(app, id, jpeg, entrant.token),
        409,
        'CONFLICT',
        'ENTRY_NOT_EDITABLE',
      );
      // An organiser may still add one (before judging starts).
      expect((await uploadImage(app, id, jpeg, admin)).status).toBe(201);

      const draft = await newEntry(entrant.token, other);
      await app.gql(SET_EVENT_STATUS, { id: other.eventId, s: 'CLOSED' }, admin);
      await refused(
        () => uploadImage(app, draft, jpeg, entrant.token),
        409,
        'CONFLICT',
        'EVENT_NOT_OPEN',
      );
      await app.waitForQueues();
    });
  });

  describe('GraphQL: order and deletion', () => {
    it('reorders with every image once, refuses any other list, and keeps positions 1..n', async () => {
      const entryId = await newEntry();
      const ids = [
        await attachPhoto(app, entryId, entrant.token, 41),
        await attachPhoto(app, entryId, entrant.token, 42),
        await attachPhoto(app, entryId, entrant.token, 43),
      ];
      const reordered = await app.gql(
        REORDER,
        { entryId, ids: [ids[2], ids[0], ids[1]] },
        entrant.token,
      );
      expect(reordered.errors).toBeUndefined();
      expect(reordered.data!.reorderImages).toEqual([
        { id: ids[2], position: 1 },
        { id: ids[0], position: 2 },
        { id: ids[1], position: 3 },
      ]);
      for (const bad of [
        [ids[0], ids[1]],
        [ids[0], ids[0], ids[1]],
        [...ids, ids[0]],
      ]) {
        const res = await app.gql(REORDER, { entryId, ids: bad }, entrant.token);
        expect(res.errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'IMAGE_LIST_MISMATCH',
        });
      }
      const stranger = await registerEnterprise(app, '450200');
      const hidden = await app.gql(REORDER, { entryId, ids }, stranger.token);
      expect(hidden.errors?.[0].extensions.code).toBe('NOT_FOUND');

      expect((await app.gql(DELETE_IMAGE, { id: ids[2] }, entrant.token)).errors).toBeUndefined();
      expect((await imagesOf(entryId)).map((i) => [i.id, i.position])).toEqual([
        [ids[0], 1],
        [ids[1], 2],
      ]);
      await app.waitForQueues();
    });

    it('deleting removes the row, the original and the renditions (their URLs answer 404)', async () => {
      const entryId = await newEntry();
      const id = await attachPhoto(app, entryId, entrant.token, 51);
      await app.waitForQueues();
      const [image] = await imagesOf(entryId);
      const before = await storedFiles();
      const url = image.renditions[0].url;
      expect((await fetchUrl(url)).status).toBe(200);
      expect((await app.gql(DELETE_IMAGE, { id }, entrant.token)).data).toEqual({
        deleteImage: true,
      });
      expect(await imagesOf(entryId)).toEqual([]);
      expect((await fetchUrl(url)).status).toBe(404);
      const after = await storedFiles();
      expect(before.length - after.length).toBe(4); // the original and three renditions
      const again = await app.gql(DELETE_IMAGE, { id }, entrant.token);
      expect(again.errors?.[0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'IMAGE_NOT_FOUND',
      });
    });

    it('a submitted entry keeps its last photo (NO_IMAGES); a draft may lose it', async () => {
      const entryId = await newEntry();
      const id = await attachPhoto(app, entryId, entrant.token, 61);
      expect((await app.gql(SUBMIT_ENTRY, { id: entryId }, entrant.token)).errors).toBeUndefined();
      const refusedDelete = await app.gql(DELETE_IMAGE, { id }, entrant.token);
      expect(refusedDelete.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'NO_IMAGES',
      });
      const second = await attachPhoto(app, entryId, entrant.token, 62);
      expect((await app.gql(DELETE_IMAGE, { id }, entrant.token)).errors).toBeUndefined();
      expect((await imagesOf(entryId)).map((i) => i.id)).toEqual([second]);

      const draft = await newEntry();
      const only = await attachPhoto(app, draft, entrant.token, 63);
      expect((await app.gql(DELETE_IMAGE, { id: only }, entrant.token)).data).toEqual({
        deleteImage: true,
      });
      await app.waitForQueues();
    });
  });

  describe('originals', () => {
    it('go to the owner and organisers, byte for byte; no one else', async () => {
      const entryId = await newEntry();
      const bytes = await testJpeg(71, 120, 90);
      const id = (await uploadImage(app, entryId, bytes, entrant.token)).body.id;
      const get = (token?: string) => {
        const req = app.http().get(`/api/images/${id}/original`).buffer(true);
        if (token) req.set('authorization', `Bearer ${token}`);
        return req.parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      };
      for (const token of [entrant.token, admin]) {
        const res = await get(token);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('image/jpeg');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['cache-control']).toBe('private, no-store');
        expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
      }
      expect((await get()).status).toBe(401);
      const stranger = await registerEnterprise(app, '450300');
      expect((await get(stranger.token)).status).toBe(404);
      const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450700' });
      expect((await get(coordinator)).status).toBe(404);
      await app.waitForQueues();
    });
  });

  describe('the worker', () => {
    it('fails a photo it cannot decode at once, with a reason a person understands', async () => {
      const entryId = await newEntry();
      // A whole PNG structure around data that is not zlib: it passes the upload checks (they
      // decode nothing), not the decoder.
      const bytes = bombPng(64, 64);
      expect((await uploadImage(app, entryId, bytes, entrant.token)).status).toBe(201);
      await app.waitForQueues();
      const [image] = await imagesOf(entryId);
      expect(image).toMatchObject({ status: 'FAILED', renditions: [] });
      expect(image.failureReason).toMatch(/could not be read.*upload it again/);
      // A failed photo does not count for submitting.
      const submit = await app.gql(SUBMIT_ENTRY, { id: entryId }, entrant.token);
      expect(submit.errors?.[0].extensions.reason).toBe('NO_IMAGES');
    });

    it('a transient storage error is retried with backoff; on the last attempt the photo fails with a reason', async () => {
      const storage = app.worker!.get<StorageDriver>(STORAGE_DRIVER);
      const entryId = await newEntry();
      const get = jest.spyOn(storage, 'get').mockRejectedValueOnce(new Error('EIO: disk hiccup'));
      try {
        await attachPhoto(app, entryId, entrant.token, 93);
        // The retry waits out its 2 s backoff; between attempts the job changes state, so the
        // photo itself is watched rather than the queue.
        const ready = await eventually(
          async () => ((await imagesOf(entryId))[0].status === 'READY' ? true : undefined),
          15_000,
          'the photo READY after a retry',
        );
        expect(ready).toBe(true);
        expect(get).toHaveBeenCalledTimes(2);

        // The queue's last attempt: the error is not left to a retry that will not come.
        const other = await newEntry();
        const id = await attachPhoto(app, other, entrant.token, 94);
        await app.waitForQueues();
        await app.sql("UPDATE images SET status = 'PROCESSING' WHERE id = ?", [id]);
        get.mockRejectedValueOnce(new Error('EIO: disk hiccup'));
        const renderer = app.worker!.get(ImageRenderService);
        expect(await renderer.render(id, { finalAttempt: true })).toBe('FAILED');
        const [image] = await imagesOf(other);
        expect(image.status).toBe('FAILED');
        expect(image.failureReason).toMatch(/after several attempts; upload it again/);
      } finally {
        get.mockRestore();
      }
    });

    it('a job delivered twice, or re-run after a crash mid-way, leaves exactly one set of renditions', async () => {
      const entryId = await newEntry();
      const id = await attachPhoto(app, entryId, entrant.token, 91);
      await app.waitForQueues();
      const renderer = app.worker!.get(ImageRenderService);
      const files = await storedFiles();
      const rows = () =>
        app.sql(
          'SELECT size, url_key, sha256 FROM image_renditions WHERE image_id = ? ORDER BY size',
          [id],
        );
      const first = await rows();
      // Delivered again once READY: nothing happens.
      expect(await renderer.render(id, { finalAttempt: false })).toBe('SKIPPED');
      // A worker killed mid-way left it PROCESSING: the next delivery finishes it, same keys.
      await app.sql("UPDATE images SET status = 'PROCESSING' WHERE id = ?", [id]);
      const [a, b] = await Promise.all([
        renderer.render(id, { finalAttempt: false }),
        renderer.render(id, { finalAttempt: false }),
      ]);
      expect([a, b]).toEqual(['READY', 'READY']);
      expect(await rows()).toEqual(first);
      expect(await storedFiles()).toEqual(files);
      expect((await imagesOf(entryId))[0].status).toBe('READY');
    });

    it('the sweep re-queues a photo whose job was lost, and leaves queued ones alone', async () => {
      const entryId = await newEntry();
      const id = await attachPhoto(app, entryId, entrant.token, 95);
      await app.waitForQueues();
      // As if the process died between commit and enqueue: PENDING, no job, two minutes old.
      await app.sql(
        "UPDATE images SET status = 'PENDING', updated_at = NOW(3) - INTERVAL 2 MINUTE WHERE id = ?",
        [id],
      );
      await app.sql('DELETE FROM image_renditions WHERE image_id = ?', [id]);
      const sweep = app.worker!.get(ImageSweepService);
      expect(await sweep.requeueStuck()).toEqual({ requeued: 1 });
      await app.waitForQueues();
      const [image] = await imagesOf(entryId);
      expect(image.status).toBe('READY');
      expect(image.renditions).toHaveLength(3);
      // A fresh PENDING photo is not touched (its job is on its way).
      await app.sql("UPDATE images SET status = 'PENDING', updated_at = NOW(3) WHERE id = ?", [id]);
      expect(await sweep.requeueStuck()).toEqual({ requeued: 0 });
      await app.sql("UPDATE images SET status = 'READY' WHERE id = ?", [id]);
    });
  });
});

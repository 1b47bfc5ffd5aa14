import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import {
  attachPhoto,
  craftsEvent,
  CREATE_ENTRY,
  entryInput,
  registerEnterprise,
  SCREEN_ENTRY,
  seedRegions,
  startTestApp,
  SUBMIT_ENTRY,
  bombPng,
  TestApp,
  testJpeg,
  userWithRole,
} from '@app/testing';
import { bombJpeg, HostileCase, HostileGroup, httpAnswer, httpRefusal, Answer } from './hostile';

/** docs/http.md's upload refusals, and multipart abuse: each refused, nothing stored. */

const MAX_BYTES = 1024 * 1024;

interface World {
  app: TestApp;
  owner: string;
  stranger: string;
  coordinator: string;
  judge: string;
  draftId: string;
  acceptedId: string;
  imageId: string;
  jpeg: Buffer;
  gif: Buffer;
}

const path = (entryId: string) => `/api/entries/${entryId}/images`;

/** POST one file in `file` as `token`. */
async function upload(
  w: World,
  entryId: string,
  bytes: Buffer,
  token: string | null = w.owner,
  fileName = 'photo.jpg',
): Promise<Answer> {
  const req = w.app.http().post(path(entryId));
  if (token) req.set('authorization', `Bearer ${token}`);
  return httpAnswer(
    await req.attach('file', bytes, { filename: fileName, contentType: 'image/jpeg' }),
  );
}

/** POST a hand-written body with a content type of our choosing. */
async function raw(w: World, contentType: string, body: Buffer | string): Promise<Answer> {
  return httpAnswer(
    await w.app
      .http()
      .post(path(w.draftId))
      .set('authorization', `Bearer ${w.owner}`)
      .set('content-type', contentType)
      .send(body),
  );
}

const BOUNDARY = 'hostile-boundary-7d3';
const part = (name: string, fileName: string | null, bytes: Buffer | string) =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"` +
        (fileName ? `; filename="${fileName}"\r\ncontent-type: image/jpeg` : '') +
        '\r\n\r\n',
    ),
    Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes),
    Buffer.from('\r\n'),
  ]);
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
const END = Buffer.from(`--${BOUNDARY}--\r\n`);

const CASES: Array<HostileCase<World>> = [
  {
    name: 'no token',
    send: async (w) => upload(w, w.draftId, w.jpeg, null),
    expect: httpRefusal(401, 'UNAUTHENTICATED', 'AUTHENTICATION_REQUIRED'),
  },
  {
    name: 'a token that is not a JWT',
    send: async (w) => upload(w, w.draftId, w.jpeg, 'not.a.jwt'),
    expect: httpRefusal(401, 'UNAUTHENTICATED', 'INVALID_TOKEN'),
  },
  {
    name: "another entrant's entry",
    send: async (w) => upload(w, w.draftId, w.jpeg, w.stranger),
    expect: httpRefusal(404, 'NOT_FOUND', 'ENTRY_NOT_FOUND'),
  },
  {
    name: 'an entry that does not exist',
    send: async (w) => upload(w, '00000000-0000-4000-8000-000000000000', w.jpeg),
    expect: httpRefusal(404, 'NOT_FOUND', 'ENTRY_NOT_FOUND'),
  },
  {
    name: 'an entry id that is not a UUID',
    send: async (w) => upload(w, 'not-a-uuid', w.jpeg),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'INVALID_ID'),
  },
  {
    name: 'an entry id that climbs out of the path',
    send: async (w) => upload(w, '..%2F..%2Fhealth%2Flive', w.jpeg),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'INVALID_ID'),
  },
  {
    name: 'a coordinator (reads, never changes)',
    send: async (w) => upload(w, w.draftId, w.jpeg, w.coordinator),
    expect: httpRefusal(403, 'FORBIDDEN', 'NOT_YOUR_ENTRY'),
  },
  {
    name: 'a judge (an entry it is not assigned is not there for it)',
    send: async (w) => upload(w, w.draftId, w.jpeg, w.judge),
    expect: httpRefusal(404, 'NOT_FOUND', 'ENTRY_NOT_FOUND'),
  },
  {
    name: 'an entrant adding to its accepted entry',
    send: async (w) => upload(w, w.acceptedId, w.jpeg),
    expect: httpRefusal(409, 'CONFLICT', 'ENTRY_NOT_EDITABLE'),
  },
  {
    name: 'one byte over the limit',
    send: async (w) => upload(w, w.draftId, Buffer.alloc(MAX_BYTES + 1, 0xff)),
    expect: httpRefusal(413, 'BAD_USER_INPUT', 'FILE_TOO_LARGE'),
  },
  {
    name: 'text named photo.jpg',
    send: async (w) => upload(w, w.draftId, Buffer.from('not a photo\n'.repeat(100))),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'UNSUPPORTED_FORMAT'),
  },
  {
    name: 'an SVG with a script',
    send: async (w) =>
      upload(
        w,
        w.draftId,
        Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><script>alert(1)</script></svg>',
        ),
        w.owner,
        'x.svg',
      ),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'UNSUPPORTED_FORMAT'),
  },
  {
    name: 'a GIF declared as a JPEG',
    send: async (w) => upload(w, w.draftId, w.gif),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'UNSUPPORTED_FORMAT'),
  },
  {
    name: 'an empty file',
    send: async (w) => upload(w, w.draftId, Buffer.alloc(0)),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'INVALID_IMAGE'),
  },
  {
    name: 'a JPEG cut in half',
    send: async (w) => upload(w, w.draftId, w.jpeg.subarray(0, w.jpeg.length >> 1)),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'INVALID_IMAGE'),
  },
  {
    name: 'a PNG header claiming 20000 × 20000 pixels',
    send: async (w) => upload(w, w.draftId, bombPng(20_000, 20_000)),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'TOO_MANY_PIXELS'),
  },
  {
    name: 'a JPEG header claiming 65000 × 65000 pixels',
    send: async (w) => upload(w, w.draftId, bombJpeg(w.jpeg, 65_000, 65_000)),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'TOO_MANY_PIXELS'),
  },
  {
    name: 'a body that is not multipart',
    send: async (w) => raw(w, 'image/jpeg', w.jpeg),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'NOT_MULTIPART'),
  },
  {
    name: 'multipart without a boundary',
    send: async (w) =>
      raw(w, 'multipart/form-data', Buffer.concat([part('file', 'a.jpg', w.jpeg), END])),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'INVALID_MULTIPART'),
  },
  {
    name: 'multipart with no file, only a field',
    send: async (w) => raw(w, MULTIPART, Buffer.concat([part('note', null, 'hello'), END])),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'FILE_REQUIRED'),
  },
  {
    name: 'the photo in another field than `file`',
    send: async (w) => raw(w, MULTIPART, Buffer.concat([part('photo', 'a.jpg', w.jpeg), END])),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'FILE_REQUIRED'),
  },
  {
    name: 'two files',
    send: async (w) =>
      raw(
        w,
        MULTIPART,
        Buffer.concat([part('file', 'a.jpg', w.jpeg), part('file', 'b.jpg', w.jpeg), END]),
      ),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'TOO_MANY_FILES'),
  },
  {
    name: 'a multipart body cut off before its closing boundary',
    send: async (w) => raw(w, MULTIPART, part('file', 'a.jpg', w.jpeg).subarray(0, 200)),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'INVALID_MULTIPART'),
  },
  {
    // Past its 20 parts the parser reads no further: the file after them is never seen.
    name: '5,000 form fields before the file',
    send: async (w) =>
      raw(
        w,
        MULTIPART,
        Buffer.concat([
          ...Array.from({ length: 5_000 }, (_, i) => part(`f${i}`, null, 'x')),
          part('file', 'a.jpg', w.jpeg),
          END,
        ]),
      ),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'FILE_REQUIRED'),
  },
  {
    name: "another entrant reading the owner's original",
    send: async (w) =>
      httpAnswer(
        await w.app
          .http()
          .get(`/api/images/${w.imageId}/original`)
          .set('authorization', `Bearer ${w.stranger}`),
      ),
    expect: httpRefusal(404, 'NOT_FOUND', 'IMAGE_NOT_FOUND'),
  },
];

describe('hostile input: uploads', () => {
  const group = new HostileGroup<World>('uploads');
  let world: World;
  let filesBefore: string[];

  /** Every stored file under STORAGE_DIR (an empty directory is no stored upload). */
  const storedFiles = async (app: TestApp) => {
    try {
      const all = await readdir(app.config.storageDir, { recursive: true, withFileTypes: true });
      return all
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name))
        .sort();
    } catch {
      return [];
    }
  };

  beforeAll(async () => {
    const app = await startTestApp({ env: { UPLOAD_MAX_BYTES: String(MAX_BYTES) } });
    await seedRegions(app);
    const admin = await app.adminToken();
    const event = await craftsEvent(app, 'hostile-uploads');
    const owner = await registerEnterprise(app, '450700');
    const newEntry = async () => {
      const res = await app.gql(
        CREATE_ENTRY,
        { input: { eventId: event.eventId, entry: entryInput(event.leaf['TC-01']) } },
        owner.token,
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!.createEntry.id as string;
    };
    const draftId = await newEntry();
    const imageId = await attachPhoto(app, draftId, owner.token, 1);
    const acceptedId = await newEntry();
    await attachPhoto(app, acceptedId, owner.token, 2);
    await app.gql(SUBMIT_ENTRY, { id: acceptedId }, owner.token);
    const screened = await app.gql(SCREEN_ENTRY, { id: acceptedId, d: 'ACCEPT' }, admin);
    if (screened.errors) throw new Error(JSON.stringify(screened.errors));
    world = {
      app,
      owner: owner.token,
      stranger: (await registerEnterprise(app, '450100')).token,
      coordinator: await userWithRole(app, 'COORDINATOR', { regionCode: '450700' }),
      judge: await userWithRole(app, 'JUDGE'),
      draftId,
      acceptedId,
      imageId,
      jpeg: await testJpeg(9, 320, 240),
      gif: await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } })
        .gif()
        .toBuffer(),
    };
    await group.start(app);
    filesBefore = await storedFiles(app);
  });
  afterAll(() => world?.app.close());

  it.each(CASES.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    await group.check(row, world);
  });

  it('wrote no row and no file, answered no 5xx, and still answers /health/live', async () => {
    expect(await storedFiles(world.app)).toEqual(filesBefore);
    await group.verdict(CASES.length);
  });
});

import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  craftsEvent,
  CraftsEvent,
  CREATE_ENTRY,
  entryInput,
  registerEnterprise,
  seedRegions,
  startTestApp,
  TestApp,
  testJpeg,
} from '@app/testing';
import {
  RawPart,
  repeatedPart,
  storedPart,
  zipOfParts,
} from '../../libs/entries/src/import/test/import-fixtures';

/**
 * Hostile ZIPs sent to the bulk photo upload (issue 22): bombs, lying directories, names that
 * try to climb out of a folder, archives that are not archives. Each file inside is refused
 * with its reason or staged under a random key; nothing is unpacked past what its directory
 * declares, nothing is written outside storage, no temporary file is left, memory stays flat.
 */
describe('bulk photos: hostile ZIPs', () => {
  let app: TestApp;
  let admin: string;
  let event: CraftsEvent;
  let jpeg: Buffer;
  const MIB = 1024 * 1024;

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'hostile-zips', { maxEntriesPerEntrant: 100 });
    jpeg = await testJpeg(77);
  });
  afterAll(() => app.close());

  async function newBatch(): Promise<string> {
    const res = await app
      .http()
      .post(`/api/events/${event.eventId}/photo-batches`)
      .set({ authorization: `Bearer ${admin}` });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function sendZip(batchId: string, zip: Buffer, name = 'card.zip') {
    const res = await app
      .http()
      .post(`/api/photo-batches/${batchId}/files`)
      .set({ authorization: `Bearer ${admin}` })
      .attach('files', zip, { filename: name });
    expect(res.status).toBe(200);
    return res.body.files as Array<{ name: string; state: string; reason?: string }>;
  }

  /** Every file under a directory, recursively, or [] when there is none. */
  async function filesUnder(dir: string): Promise<string[]> {
    try {
      const all = await readdir(dir, { recursive: true, withFileTypes: true });
      return all.filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
    } catch {
      return [];
    }
  }

  const leftoverZips = async () =>
    (await readdir(tmpdir())).filter((name) => name.startsWith('judging-photo-zip-'));

  /** A photo's header, then `mebibytes` MiB of zeros: 1 kB of ZIP a MiB. */
  function bomb(name: string, mebibytes: number, declared?: number): RawPart {
    const part = repeatedPart(
      name,
      jpeg.subarray(0, 600).toString('latin1'),
      Buffer.alloc(MIB),
      mebibytes,
      '',
    );
    // repeatedPart takes its prefix as text: latin1 keeps the JPEG's bytes as they are.
    if (declared !== undefined) part.size = declared;
    return part;
  }

  it('refuses a zip bomb unread, and stops a lying one at its first megabyte past the truth', async () => {
    const batchId = await newBatch();
    const honest = bomb('honest-bomb.jpg', 1600); // 1.6 MB that says it unpacks to 1.6 GiB
    const liar = bomb('lying-bomb.jpg', 1600, 900_000); // the same, saying 900 kB
    const before = process.memoryUsage().rss;
    const storedBefore = (await filesUnder(app.config.storageDir)).length;
    const files = await sendZip(
      batchId,
      zipOfParts([honest, liar, storedPart('TC-good.jpg', jpeg)]),
    );
    expect(files.map((f) => [f.name, f.state, f.reason])).toEqual([
      ['honest-bomb.jpg', 'REFUSED', 'FILE_TOO_LARGE'],
      ['lying-bomb.jpg', 'REFUSED', 'UNPACKED_TOO_LARGE'],
      ['TC-good.jpg', 'STAGED', undefined],
    ]);
    // 1.6 GiB was never held, nor written: one new file in storage, the good photo
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * MIB);
    expect((await filesUnder(app.config.storageDir)).length).toBe(storedBefore + 1);
    expect(await leftoverZips()).toEqual([]);
  });

  it('refuses a file that declares 20 times its packed size or more without unpacking it', async () => {
    const batchId = await newBatch();
    // 3 MiB of zeros behind a JPEG header packs to a few kB: not a photo's ratio
    const dense = bomb('dense.jpg', 3, 3 * MIB + 600);
    const files = await sendZip(batchId, zipOfParts([dense]));
    expect(files).toEqual([
      expect.objectContaining({
        name: 'dense.jpg',
        state: 'REFUSED',
        reason: 'UNPACKED_TOO_LARGE',
      }),
    ]);
  });

  it('takes names that climb out of folders as names only: shown cleaned, stored under random keys', async () => {
    const res = await app.gql(
      CREATE_ENTRY,
      {
        input: {
          eventId: event.eventId,
          entrantId: (await registerEnterprise(app, '450100')).entrantId,
          entry: entryInput(event.leaf['TC-01'], { title: 'passwd' }),
        },
      },
      admin,
    );
    expect(res.errors).toBeUndefined();
    const batchId = await newBatch();
    const evil = [
      '../../../../tmp/evil-photo-1.jpg',
      '/etc/passwd.jpg',
      '..\\..\\Windows\\evil-photo-2.jpg',
      'a/../../evil-photo-3.jpg',
    ];
    const parts = await Promise.all(
      evil.map(async (name, i) => storedPart(name, await testJpeg(300 + i))),
    );
    const files = await sendZip(batchId, zipOfParts(parts), '../../evil.zip');
    expect(files.map((f) => [f.name, f.state])).toEqual([
      ['tmp/evil-photo-1.jpg', 'STAGED'],
      ['etc/passwd.jpg', 'STAGED'],
      ['Windows/evil-photo-2.jpg', 'STAGED'],
      ['a/evil-photo-3.jpg', 'STAGED'],
    ]);
    // Nothing of those names exists anywhere: not in storage, not where they point.
    const stored = await filesUnder(app.config.storageDir);
    expect(stored.filter((path) => /evil|passwd/.test(path))).toEqual([]);
    for (const path of stored) {
      expect(resolve(path).startsWith(`${resolve(app.config.storageDir)}/originals/`)).toBe(true);
    }
    const pointedAt = evil.flatMap((name) =>
      [
        app.config.storageDir,
        join(app.config.storageDir, 'originals/ab'),
        tmpdir(),
        process.cwd(),
      ].map((dir) => resolve(dir, name.replace(/\\/g, '/'))),
    );
    expect(pointedAt.filter((path) => existsSync(path))).toEqual([]);
    // 'etc/passwd.jpg' is the photo of the entry titled passwd, by its name alone
    const report = (
      await app
        .http()
        .get(`/api/photo-batches/${batchId}`)
        .set({ authorization: `Bearer ${admin}` })
    ).body;
    expect(report.files.find((f: any) => f.name === 'etc/passwd.jpg')).toMatchObject({
      state: 'MATCHED',
    });
  });

  it('refuses what is no ZIP to read, and a file inside that cannot be unpacked', async () => {
    const batchId = await newBatch();
    const good = zipOfParts([storedPart('a.jpg', jpeg)]);
    const cut = good.subarray(0, good.length - 30);
    const encrypted = zipOfParts([storedPart('secret.jpg', jpeg)]);
    // general purpose flag bit 0, in the local header and in the directory
    encrypted.writeUInt16LE(0x801, 6);
    encrypted.writeUInt16LE(0x801, encrypted.length - 22 - 46 - 'secret.jpg'.length + 8);
    const inner = zipOfParts([storedPart('inner.zip', good)]);
    const results = [
      ...(await sendZip(batchId, cut, 'cut.zip')),
      ...(await sendZip(batchId, encrypted, 'encrypted.zip')),
      ...(await sendZip(batchId, inner, 'nested.zip')),
    ];
    expect(results.map((f) => [f.name, f.state, f.reason])).toEqual([
      ['cut.zip', 'REFUSED', 'INVALID_ZIP'],
      ['secret.jpg', 'REFUSED', 'ZIP_ENTRY_UNREADABLE'],
      // a ZIP in a ZIP is not opened: it is a file that is no photo
      ['inner.zip', 'REFUSED', 'UNSUPPORTED_FORMAT'],
    ]);
    expect(await leftoverZips()).toEqual([]);
  });

  it('refuses an archive listing more files than a batch holds before reading any of them', async () => {
    const batchId = await newBatch();
    const parts = Array.from({ length: 10_001 }, (_, i) => storedPart(`${i}.jpg`, ''));
    const files = await sendZip(batchId, zipOfParts(parts), 'many.zip');
    expect(files).toEqual([
      expect.objectContaining({
        name: 'many.zip',
        state: 'REFUSED',
        reason: 'TOO_MANY_FILES_IN_BATCH',
      }),
    ]);
    const [{ n }] = await app.sql(
      'SELECT COUNT(*) AS n FROM photo_batch_files WHERE batch_id = ? AND state <> ?',
      [batchId, 'REFUSED'],
    );
    expect(Number(n)).toBe(0);
  });
});

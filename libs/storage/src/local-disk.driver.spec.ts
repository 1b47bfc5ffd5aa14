import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { LocalDiskDriver } from './local-disk.driver';
import { StorageLimitExceeded, StorageNotFound } from './storage.driver';

describe('LocalDiskDriver', () => {
  let root: string;
  let storage: LocalDiskDriver;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'storage-'));
    storage = new LocalDiskDriver(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('stores a stream under its key and gives it back', async () => {
    const written = await storage.put('originals/ab/cd-1.jpg', Readable.from(['坭兴', '陶 𠮷']));
    expect(written.bytes).toBe(Buffer.byteLength('坭兴陶 𠮷'));
    expect(await text(await storage.get('originals/ab/cd-1.jpg'))).toBe('坭兴陶 𠮷');
    expect(await storage.stat('originals/ab/cd-1.jpg')).toEqual({ bytes: written.bytes });
  });

  it('replaces an object whole, and leaves no temporary file behind', async () => {
    await storage.put('a/b', Buffer.from('first'));
    await storage.put('a/b', Buffer.from('second, longer'));
    expect(await readFile(join(root, 'a', 'b'), 'utf8')).toBe('second, longer');
    expect(await readdir(join(root, 'a'))).toEqual(['b']);
  });

  it('stops at maxBytes, rejects, and leaves nothing at all', async () => {
    const endless = Readable.from(
      (function* () {
        for (let i = 0; i < 1000; i++) yield Buffer.alloc(1024, 1);
      })(),
    );
    await expect(storage.put('big/one', endless, { maxBytes: 10_000 })).rejects.toBeInstanceOf(
      StorageLimitExceeded,
    );
    expect(await storage.stat('big/one')).toBeNull();
    expect(await readdir(join(root, 'big'))).toEqual([]);
    await expect(
      storage.put('big/two', Buffer.alloc(10_000), { maxBytes: 10_000 }),
    ).resolves.toEqual({ bytes: 10_000 });
  });

  it('a failing source leaves nothing under the key', async () => {
    const broken = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(storage.put('x/y', broken)).rejects.toThrow('connection reset');
    expect(await storage.stat('x/y')).toBeNull();
  });

  it('knows what is missing, and deleting it twice is fine', async () => {
    await expect(storage.get('nope')).rejects.toBeInstanceOf(StorageNotFound);
    await storage.put('gone', Buffer.from('x'));
    await storage.delete('gone');
    await storage.delete('gone');
    expect(await storage.stat('gone')).toBeNull();
  });

  it.each(['../etc/passwd', 'a/../../b', '/abs', 'A/B', 'a//b', '.hidden', 'a/./b', ''])(
    'refuses the key %j',
    async (key) => {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    },
  );
});

import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertStorageKey,
  StorageDriver,
  StorageLimitExceeded,
  StorageNotFound,
} from './storage.driver';

/**
 * Objects as files under STORAGE_DIR. A write goes to a temporary file in the same directory,
 * is flushed to disk, then renamed over the key: rename is atomic on one file system, so a
 * crash never leaves half an object under its key.
 */
export class LocalDiskDriver implements StorageDriver {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(
    key: string,
    body: Readable | Buffer,
    options: { maxBytes?: number } = {},
  ): Promise<{ bytes: number }> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    const temporary = join(dirname(target), `.tmp-${randomUUID()}`);
    let bytes = 0;
    const limit = options.maxBytes ?? Number.POSITIVE_INFINITY;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > limit) done(new StorageLimitExceeded(limit));
        else done(null, chunk);
      },
    });
    try {
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      await pipeline(source, counter, createWriteStream(temporary, { flags: 'wx' }));
      const handle = await open(temporary, 'r');
      try {
        await handle.sync(); // the bytes are on disk before the name points at them
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
      return { bytes };
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    if (!(await this.stat(key))) throw new StorageNotFound(key);
    return createReadStream(path);
  }

  async stat(key: string): Promise<{ bytes: number } | null> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { bytes: info.size } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    const path = resolve(this.root, key);
    if (!path.startsWith(`${this.root}/`)) throw new Error(`invalid storage key "${key}"`);
    return path;
  }
}

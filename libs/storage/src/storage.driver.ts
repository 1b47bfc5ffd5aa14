import type { Readable } from 'node:stream';

/**
 * Where originals and renditions are kept. Shaped like an object store (keys, whole-object
 * writes, streams) so an S3-compatible driver can replace the local disk without touching
 * callers. Keys are made by the application from random ids only: lower-case letters, digits,
 * `-`, `_`, `.` and `/` separators, never `..`.
 */
export interface StorageDriver {
  /**
   * Stores `body` under `key`, atomically: readers see the whole object or nothing, and a
   * failed or refused write leaves nothing behind. Over `maxBytes` it stops reading and
   * rejects with StorageLimitExceeded.
   */
  put(
    key: string,
    body: Readable | Buffer,
    options?: { maxBytes?: number },
  ): Promise<{ bytes: number }>;
  /** A stream of the object; rejects with StorageNotFound when there is none. */
  get(key: string): Promise<Readable>;
  /** The object's size, or null when there is none. */
  stat(key: string): Promise<{ bytes: number } | null>;
  /** Removes the object; removing what is not there is fine. */
  delete(key: string): Promise<void>;
}

export const STORAGE_DRIVER = Symbol('STORAGE_DRIVER');

export class StorageNotFound extends Error {
  constructor(readonly key: string) {
    super(`no stored object ${key}`);
  }
}

export class StorageLimitExceeded extends Error {
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
  }
}

const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

/** Throws on a key that could escape the store or name something the application did not make. */
export function assertStorageKey(key: string): void {
  if (
    !KEY.test(key) ||
    key.split('/').some((part) => part === '..' || part === '.') ||
    key.length > 512
  ) {
    throw new Error(`invalid storage key "${key}"`);
  }
}

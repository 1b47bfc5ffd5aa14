/** A small promise wrapper over IndexedDB: one database, two object stores. */

const DB_NAME = 'judging-tablet';
const DB_VERSION = 1;
export const SHEETS = 'sheets';
export const CACHE = 'cache';

let opening: Promise<IDBDatabase> | null = null;

export function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(SHEETS)) {
        db.createObjectStore(SHEETS, { keyPath: 'clientMutationId' });
      }
      if (!db.objectStoreNames.contains(CACHE)) db.createObjectStore(CACHE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
  });
  return opening;
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB write failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB write aborted'));
  });
}

/** Writes (or, with value undefined, deletes) records in one transaction; resolves once durable. */
export async function write(
  store: string,
  changes: Array<{ key?: IDBValidKey; value?: unknown; remove?: IDBValidKey }>,
): Promise<void> {
  const db = await openDb();
  const transaction = db.transaction(store, 'readwrite', { durability: 'strict' });
  const objects = transaction.objectStore(store);
  for (const change of changes) {
    if (change.remove !== undefined) objects.delete(change.remove);
    else if (change.key !== undefined) objects.put(change.value, change.key);
    else objects.put(change.value);
  }
  await done(transaction);
}

export async function readAll<T>(store: string): Promise<T[]> {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const request = db.transaction(store, 'readonly').objectStore(store).getAll();
    request.onsuccess = () => resolve(request.result as T[]);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB read failed'));
  });
}

export async function readOne<T>(store: string, key: IDBValidKey): Promise<T | undefined> {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const request = db.transaction(store, 'readonly').objectStore(store).get(key);
    request.onsuccess = () => resolve(request.result as T | undefined);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB read failed'));
  });
}

/** Every record whose (string) key starts with prefix: the drafts of one judge, say. */
export async function readPrefix<T>(store: string, prefix: string): Promise<T[]> {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
    const request = db.transaction(store, 'readonly').objectStore(store).getAll(range);
    request.onsuccess = () => resolve(request.result as T[]);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB read failed'));
  });
}

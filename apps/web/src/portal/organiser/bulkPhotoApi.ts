/**
 * The bulk photo endpoints (docs/http.md, "Bulk photos") and the plan of a resumable upload:
 * the files go in small requests, and after a break only those the batch does not list yet are
 * sent again (by name and size; the server knows them by content and stores nothing twice).
 */
import { NetworkError } from '../../api';
import { HttpRefusal } from '../files';

export interface BatchSummary {
  id: string;
  eventId: string;
  files: number;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

export interface ReportEntry {
  id: string;
  code: string | null;
  title: string;
}

export type FileState =
  | 'MATCHED'
  | 'NO_ROOM'
  | 'ALREADY_THERE'
  | 'AMBIGUOUS'
  | 'UNMATCHED'
  | 'REFUSED'
  | 'ADDED'
  | 'NOT_ADDED';

export interface ReportFile {
  id: string;
  name: string;
  bytes: number;
  state: FileState;
  reason?: string;
  facts?: Record<string, unknown>;
  matchedBy?: 'CODE' | 'TITLE' | 'FOLDER' | 'CHOSEN';
  entry?: ReportEntry;
  position?: number;
  candidates?: ReportEntry[];
  imageId?: string;
  imageStatus?: string;
}

export interface BatchReport {
  batchId: string;
  eventId: string;
  regionCode: string | null;
  maxImagesPerEntry: number;
  expiresAt: string;
  counts: Record<FileState, number>;
  files: ReportFile[];
}

export interface EventQueueLine {
  eventId: string;
  eventName: string;
  pending: number;
  processing: number;
  readyRecently: number;
  failedRecently: number;
  lineUpTo: number;
  etaSeconds: number | null;
}

export interface PhotoQueue {
  measuredAt: string;
  windowSeconds: number;
  photosPerMinute: number | null;
  events: EventQueueLine[];
}

/** A file as it is sent: with its folder when it came from one (TC-01-4821/1.jpg). */
export const nameOf = (file: File) => file.webkitRelativePath || file.name;

/** A request's worth of files: up to 20 files or 16 MB, a ZIP alone. */
const GROUP_FILES = 20;
const GROUP_BYTES = 16 * 1024 * 1024;

const isZip = (file: File) => /\.zip$/i.test(file.name) || file.type === 'application/zip';

/**
 * The requests still to send: the files the batch does not list by name and size (what the
 * server shows of a name: folders kept, `\` read as `/`), ZIPs only when not sent whole before.
 */
export function plan(
  files: readonly File[],
  listed: ReadonlyArray<{ name: string; bytes: number }>,
  zipsSent: ReadonlySet<File>,
): File[][] {
  const known = new Set(listed.map((f) => `${f.bytes} ${f.name}`));
  const shown = (file: File) =>
    nameOf(file)
      .split(/[/\\]+/)
      .filter((part) => part !== '' && part !== '.' && part !== '..')
      .join('/');
  const left = files.filter((file) =>
    isZip(file) ? !zipsSent.has(file) : !known.has(`${file.size} ${shown(file)}`),
  );
  const groups: File[][] = [];
  let group: File[] = [];
  let bytes = 0;
  for (const file of left) {
    if (isZip(file)) {
      groups.push([file]);
      continue;
    }
    if (group.length >= GROUP_FILES || (group.length > 0 && bytes + file.size > GROUP_BYTES)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(file);
    bytes += file.size;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** The endpoints, with the signed-in person's token. */
export function bulkPhotoApi(token: () => string | null) {
  const headers = (): Record<string, string> => {
    const value = token();
    return value ? { authorization: `Bearer ${value}` } : {};
  };
  const call = async <T>(url: string, method: string, body?: unknown): Promise<T> => {
    const response = await fetch(url, {
      method,
      headers: {
        ...headers(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch((e: Error) => {
      throw new NetworkError(e.message);
    });
    if (response.status === 204) return undefined as T;
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) throw new HttpRefusal(response.status, answer);
    return answer as T;
  };
  const batches = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}/photo-batches`;
  const batch = (batchId: string) => `/api/photo-batches/${encodeURIComponent(batchId)}`;
  return {
    start: (eventId: string) => call<BatchSummary>(batches(eventId), 'POST'),
    mine: (eventId: string) =>
      call<{ batches: BatchSummary[] }>(batches(eventId), 'GET').then((a) => a.batches),
    report: (batchId: string) => call<BatchReport>(batch(batchId), 'GET'),
    commit: (batchId: string, choices: Record<string, string>) =>
      call<BatchReport>(`${batch(batchId)}/commit`, 'POST', { choices }),
    discard: (batchId: string) => call<void>(batch(batchId), 'DELETE'),
    queue: () => call<PhotoQueue>('/api/photo-queue', 'GET'),
    /** One request of files; `onSent` gets the bytes sent so far. */
    send: (batchId: string, files: readonly File[], onSent: (bytes: number) => void) =>
      new Promise<void>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `${batch(batchId)}/files`);
        for (const [name, value] of Object.entries(headers())) xhr.setRequestHeader(name, value);
        xhr.upload.onprogress = (event) => onSent(event.loaded);
        xhr.onload = () => {
          if (xhr.status === 200) return resolve();
          let body: Record<string, unknown> = {};
          try {
            body = JSON.parse(xhr.responseText) as Record<string, unknown>;
          } catch {
            body = {};
          }
          reject(new HttpRefusal(xhr.status, body));
        };
        xhr.onerror = () => reject(new NetworkError('the upload was cut off'));
        const form = new FormData();
        for (const file of files) form.append('files', file, nameOf(file));
        xhr.send(form);
      }),
  };
}

export type BulkPhotoApi = ReturnType<typeof bulkPhotoApi>;

/**
 * Photos and files over plain HTTP: the upload with its progress (fetch has none, so
 * XMLHttpRequest), the checks made before sending, and downloads that need the token.
 */

import { NetworkError } from '../api';

/** UPLOAD_MAX_BYTES's default (docs/configuration.md); the server's own limit still answers 413. */
export const UPLOAD_MAX_BYTES = 31_457_280;

export type PhotoProblem = 'TOO_LARGE' | 'EMPTY' | 'UNSUPPORTED_FORMAT';

/** The format by the file's first bytes, as the server decides it (docs/http.md): JPEG, PNG, WebP, AVIF. */
export function formatOf(head: Uint8Array): 'jpeg' | 'png' | 'webp' | 'avif' | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(4, 8) === 'ftyp' && ['avif', 'avis'].includes(ascii(8, 12))) return 'avif';
  return null;
}

export async function photoProblem(file: File): Promise<PhotoProblem | null> {
  if (file.size === 0) return 'EMPTY';
  if (file.size > UPLOAD_MAX_BYTES) return 'TOO_LARGE';
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  return formatOf(head) ? null : 'UNSUPPORTED_FORMAT';
}

export interface UploadAnswer {
  status: number;
  body: { id?: string; code?: string; reason?: string; message?: string } & Record<string, unknown>;
}

/**
 * A plain HTTP endpoint's refusal (docs/http.md): its code and reason, and the facts beside them
 * (the body without its English message, which ./refusal.ts never shows).
 */
export class HttpRefusal extends Error {
  readonly code: string;
  readonly reason: string | undefined;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(status: number, body: Record<string, unknown>) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
    this.code = typeof body.code === 'string' ? body.code : codeOfStatus(status);
    this.reason = typeof body.reason === 'string' ? body.reason : undefined;
    this.details = body;
  }
}

/** The contract's code of an HTTP status, for an answer without a JSON body (a proxy's page). */
function codeOfStatus(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 400 && status < 500) return 'BAD_USER_INPUT';
  return 'INTERNAL_SERVER_ERROR';
}

/** POST multipart with one file in the field `file`; onProgress gets 0..1 of the bytes sent. */
export function postFile(
  url: string,
  file: File,
  token: string | null,
  onProgress: (fraction: number) => void,
): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: UploadAnswer['body'] = {};
      try {
        body = JSON.parse(xhr.responseText) as UploadAnswer['body'];
      } catch {
        body = { message: `HTTP ${xhr.status}` };
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new NetworkError('the upload did not reach the server'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/**
 * Fetches a file that needs the token and hands it to the browser as a download; a refusal is
 * an HttpRefusal, an unreachable server a NetworkError (say either with describeError).
 */
export async function download(url: string, token: string | null, fallbackName: string) {
  const response = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  }).catch((error: Error) => {
    throw new NetworkError(error.message);
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    throw new HttpRefusal(response.status, body);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

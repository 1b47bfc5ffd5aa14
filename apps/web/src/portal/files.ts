/**
 * Photos and files over plain HTTP: the upload with its progress (fetch has none, so
 * XMLHttpRequest), the checks made before sending, and downloads that need the token.
 */

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
  body: { id?: string; code?: string; reason?: string; message?: string };
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
    xhr.onerror = () => reject(new Error('network'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Fetches a file that needs the token and hands it to the browser as a download. */
export async function download(url: string, token: string | null, fallbackName: string) {
  const response = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { reason?: string; code?: string };
    throw new Error(body.reason ?? body.code ?? `HTTP ${response.status}`);
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

/**
 * The names of the files of a bulk photo upload, as a person reads them and as matching reads
 * them. Names come from the client (a browser's file or folder name, a path inside a ZIP) and
 * are never used to store anything: they are only shown and compared, so a name such as
 * `../../etc/passwd.jpg` is harmless and is shown as `etc/passwd.jpg`. Pure.
 */

/** At most this many characters of a name are kept (a path in a ZIP may be 65,535 bytes). */
export const NAME_MAX_LENGTH = 300;

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/gu;

/**
 * The name as shown: `\` read as `/` (ZIPs made on Windows), no empty, `.` or `..` segments
 * (so no leading `/` and no climbing out of anything), no control characters, at most
 * NAME_MAX_LENGTH characters.
 */
export function displayName(raw: string): string {
  const segments = raw
    .replace(CONTROL, '')
    .split(/[/\\]+/u)
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  const name = segments.join('/');
  const chars = [...name];
  return chars.length > NAME_MAX_LENGTH ? chars.slice(-NAME_MAX_LENGTH).join('') : name;
}

/**
 * Files a camera, an archiver or an operating system adds beside the photos, skipped without a
 * word: macOS's `__MACOSX/` copies and `._` resource forks, `.DS_Store`, Windows' `Thumbs.db`
 * and `desktop.ini`, and any other hidden file or folder (a name starting with `.`).
 */
export function isClutter(name: string): boolean {
  const segments = displayName(name).split('/');
  const base = segments[segments.length - 1] ?? '';
  return (
    segments.some((segment) => segment === '__MACOSX' || segment.startsWith('.')) ||
    /^(thumbs\.db|desktop\.ini)$/iu.test(base)
  );
}

/**
 * A ZIP entry's name as text. Bit 11 of the flags says UTF-8; without it the bytes are what the
 * archiver's system used: UTF-8 still from most tools today, GBK (read as GB18030, its
 * superset) from the Windows Explorer of a Chinese system, which is how memory cards reach an
 * office. zip-directory.ts hands the bytes over as latin1, one character a byte.
 */
export function zipEntryName(latin1Name: string, flags: number): string {
  if (flags & 0x800) return latin1Name;
  const bytes = Buffer.from(latin1Name, 'latin1');
  if (bytes.every((byte) => byte < 0x80)) return latin1Name;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** What matching reads of a file's name: its stem (no folder, no extension) and its folder. */
export interface NameParts {
  /** the file's own name without its extension, e.g. `TC-01-4821-2` */
  stem: string;
  /** the folder it is in, nearest first (`TC-01-4821` for `card/TC-01-4821/1.jpg`), or null */
  folder: string | null;
}

export function nameParts(name: string): NameParts {
  const segments = displayName(name).split('/');
  const base = segments.pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return { stem: stem.trim(), folder: segments.length > 0 ? segments[segments.length - 1] : null };
}

/**
 * A stem read as a key and a photo number: `TC-01-4821-2`, `TC-01-4821_2`, `坭兴陶茶具 (2)`,
 * `坭兴陶茶具（2）` are photo 2 of `TC-01-4821` and of `坭兴陶茶具`. Null when it ends in no
 * number of 1 to 99.
 */
export function numbered(stem: string): { key: string; n: number } | null {
  const found = /^(.*?\S)\s*(?:[-_ ](\d{1,2})|[(（]\s*(\d{1,2})\s*[)）])$/u.exec(stem);
  if (!found) return null;
  const n = Number(found[2] ?? found[3]);
  return n >= 1 ? { key: found[1], n } : null;
}

/** An exhibit code as it is compared: upper case, nothing around it. */
export function codeKey(text: string): string {
  return text.normalize('NFKC').trim().toUpperCase();
}

/**
 * A title as it is compared with a file name: NFKC (full-width letters, digits and brackets
 * become their plain forms), lower case, without white space and without the characters a
 * file name cannot hold on Windows (`\ / : * ? " < > |`), which people drop or replace with
 * `_` when they name a photo after its entry.
 */
export function titleKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\\/:*?"<>|_]+/gu, '');
}

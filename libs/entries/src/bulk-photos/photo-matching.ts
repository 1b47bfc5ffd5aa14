import { codeKey, nameParts, numbered, titleKey } from './photo-names';

/**
 * Which entry a file of a bulk upload is a photo of, from its name alone (docs/http.md, "Bulk
 * photos"), and where each matched photo would go. Pure: the entries and their photos are read
 * by the caller.
 *
 * A name is tried in this order, the first rule that finds something deciding:
 * 1. the whole stem is an exhibit code (`TC-01-4821.jpg`);
 * 2. the whole stem is a title: one entry has it, or several (AMBIGUOUS: the person chooses);
 * 3. the stem is a code or a title and a photo number (`TC-01-4821-2.jpg`, `坭兴陶茶具（2）.jpg`);
 * 4. the folder the file is in is a code or a title (`TC-01-4821/IMG_0042.jpg`).
 * Codes are compared in upper case, titles as titleKey makes them. Whole names come first, so a
 * title that itself ends in `-2` is matched as a title before it is read as photo 2.
 */

export interface MatchableEntry {
  id: string;
  code: string | null;
  title: string;
}

export type MatchedBy = 'CODE' | 'TITLE' | 'FOLDER' | 'CHOSEN';

export type Match =
  | {
      kind: 'MATCHED';
      entryId: string;
      by: MatchedBy;
      /** the photo number the name gives (1 without one): the order among the entry's files */
      n: number;
    }
  | { kind: 'AMBIGUOUS'; candidates: string[] }
  | { kind: 'UNMATCHED' };

type Found = { entryIds: string[]; by: 'CODE' | 'TITLE' } | null;

export class EntryMatcher {
  private readonly byCode = new Map<string, string>();
  private readonly byTitle = new Map<string, string[]>();
  private readonly ids = new Set<string>();

  constructor(entries: Iterable<MatchableEntry>) {
    for (const entry of entries) {
      this.ids.add(entry.id);
      if (entry.code) this.byCode.set(codeKey(entry.code), entry.id);
      const key = titleKey(entry.title);
      if (key === '') continue;
      const list = this.byTitle.get(key);
      if (list) list.push(entry.id);
      else this.byTitle.set(key, [entry.id]);
    }
  }

  match(name: string): Match {
    const { stem, folder } = nameParts(name);
    const whole = this.find(stem);
    if (whole) return this.decide(whole, 1);
    const withNumber = numbered(stem);
    const counted = withNumber && this.find(withNumber.key);
    if (counted) return this.decide(counted, withNumber.n);
    const inFolder = folder === null ? null : this.find(folder);
    if (inFolder) {
      const n = /^\d{1,2}$/u.test(stem) ? Math.max(1, Number(stem)) : 1;
      return this.decide(inFolder, n, 'FOLDER');
    }
    return { kind: 'UNMATCHED' };
  }

  /** Whether the entry is one this matcher knows (a person's choice must be one of them). */
  has(entryId: string): boolean {
    return this.ids.has(entryId);
  }

  private find(text: string): Found {
    const code = this.byCode.get(codeKey(text));
    if (code) return { entryIds: [code], by: 'CODE' };
    const titled = this.byTitle.get(titleKey(text));
    return titled ? { entryIds: titled, by: 'TITLE' } : null;
  }

  private decide(found: NonNullable<Found>, n: number, by: MatchedBy = found.by): Match {
    if (found.entryIds.length > 1) return { kind: 'AMBIGUOUS', candidates: [...found.entryIds] };
    return { kind: 'MATCHED', entryId: found.entryIds[0], by, n };
  }
}

/** An entry's photos now: how many, the last position in use, their contents. */
export interface EntryPhotos {
  count: number;
  lastPosition: number;
  sha256s: ReadonlySet<string>;
}

export interface PlannedFile {
  id: string;
  name: string;
  sha256: string;
  entryId: string;
  n: number;
}

export type Plan =
  | { state: 'MATCHED'; position: number }
  | { state: 'ALREADY_THERE' }
  | { state: 'NO_ROOM'; limit: number };

/**
 * Where the matched files would go, entry by entry in the order of their photo numbers (then
 * names): after the entry's last photo, until the entry holds `limit`; the rest NO_ROOM. A file
 * whose bytes the entry already has is ALREADY_THERE (adding it changes nothing). What the
 * commit does may differ when the entry changes in between: it decides again, under the
 * entry's lock, file by file.
 */
export function planPhotos(
  files: readonly PlannedFile[],
  photosOf: (entryId: string) => EntryPhotos,
  limit: number,
): Map<string, Plan> {
  const byEntry = new Map<string, PlannedFile[]>();
  for (const file of files) {
    const list = byEntry.get(file.entryId);
    if (list) list.push(file);
    else byEntry.set(file.entryId, [file]);
  }
  const plans = new Map<string, Plan>();
  for (const [entryId, list] of byEntry) {
    const photos = photosOf(entryId);
    let count = photos.count;
    let position = photos.lastPosition;
    list.sort((a, b) => a.n - b.n || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const file of list) {
      if (photos.sha256s.has(file.sha256)) plans.set(file.id, { state: 'ALREADY_THERE' });
      else if (count >= limit) plans.set(file.id, { state: 'NO_ROOM', limit });
      else {
        count += 1;
        position += 1;
        plans.set(file.id, { state: 'MATCHED', position });
      }
    }
  }
  return plans;
}

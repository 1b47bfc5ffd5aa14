import parseSax from 'exceljs/lib/utils/parse-sax';
import { posix } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/**
 * The small parts of an XLSX workbook the import needs besides the sheet: which sheet is
 * first (workbook.xml and its relationships), which cell styles are dates (styles.xml), and
 * the shared strings. Each is read from its unpacked chunks through exceljs's SAX loop.
 */

export type XmlEvent = parseSax.SaxEvent;

/** An element's name without its namespace prefix (`x:row` → `row`). */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/**
 * The XML events of a part, a batch per chunk. The bytes are decoded here, across chunk
 * boundaries (a character split between two chunks stays whole), byte-order mark dropped.
 */
export async function* xmlEvents(chunks: AsyncIterable<Buffer>): AsyncGenerator<XmlEvent[]> {
  yield* parseSax(decoded(chunks));
}

async function* decoded(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let first = true;
  for await (const chunk of chunks) {
    let text = decoder.write(chunk);
    if (first && text !== '') {
      text = text.replace(/^\uFEFF/u, '');
      first = false;
    }
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

export interface WorkbookFacts {
  /** the worksheets in the workbook's order, with their relationship ids */
  sheets: Array<{ name: string; relationshipId: string }>;
  /** serial dates count from 1904-01-01 (old Mac Excel) instead of 1899-12-30 */
  date1904: boolean;
}

export async function readWorkbook(chunks: AsyncIterable<Buffer>): Promise<WorkbookFacts> {
  const facts: WorkbookFacts = { sheets: [], date1904: false };
  for await (const events of xmlEvents(chunks)) {
    for (const event of events) {
      if (event.eventType !== 'opentag') continue;
      const { name, attributes } = event.value;
      const local = localName(name);
      if (local === 'sheet') {
        // `r:id`, whatever the prefix of the relationships namespace is called.
        const idAttribute = Object.keys(attributes).find(
          (key) => key.includes(':') && localName(key) === 'id',
        );
        facts.sheets.push({
          name: attributes.name ?? '',
          relationshipId: idAttribute ? attributes[idAttribute] : '',
        });
      } else if (local === 'workbookPr') {
        facts.date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      }
    }
  }
  return facts;
}

export interface Relationship {
  id: string;
  /** the type's last segment: `worksheet`, `styles`, `sharedStrings`, … */
  type: string;
  /** the target as a path inside the archive */
  path: string;
}

/** The relationships of a part (`xl/_rels/workbook.xml.rels` for `xl/workbook.xml`). */
export async function readRelationships(
  chunks: AsyncIterable<Buffer>,
  ofPart: string,
): Promise<Relationship[]> {
  const relationships: Relationship[] = [];
  const base = posix.dirname(ofPart);
  for await (const events of xmlEvents(chunks)) {
    for (const event of events) {
      if (event.eventType !== 'opentag' || localName(event.value.name) !== 'Relationship') continue;
      const { Id, Type, Target, TargetMode } = event.value.attributes;
      if (!Id || !Target || TargetMode === 'External') continue;
      relationships.push({
        id: Id,
        type: (Type ?? '').slice((Type ?? '').lastIndexOf('/') + 1),
        path: Target.startsWith('/')
          ? posix.normalize(Target.slice(1))
          : posix.normalize(posix.join(base, Target)),
      });
    }
  }
  return relationships;
}

/**
 * Built-in number formats that are dates or times: 14–22 everywhere, 27–36 and 50–58 in the
 * Chinese, Japanese and Korean versions of Excel (年月日), 45–47 times.
 */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** A format code that shows a date or time: y m d h s outside quotes and brackets (as exceljs). */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/\[[^\]]*\]/gu, '').replace(/"[^"]*"/gu, '');
  return /[ymdhMsb]/u.test(bare);
}

/** The indexes of the cell styles (`s="…"` of a cell) whose number format is a date. */
export async function readDateStyles(chunks: AsyncIterable<Buffer>): Promise<Set<number>> {
  const codes = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellStyles = false;
  for await (const events of xmlEvents(chunks)) {
    for (const event of events) {
      if (event.eventType === 'text') continue;
      const local = localName(event.value.name);
      if (event.eventType === 'opentag') {
        const { attributes } = event.value;
        if (local === 'numFmt') codes.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
        else if (local === 'cellXfs') inCellStyles = true;
        else if (local === 'xf' && inCellStyles)
          styleFormats.push(Number(attributes.numFmtId ?? 0));
      } else if (local === 'cellXfs') {
        inCellStyles = false;
      }
    }
  }
  const dates = new Set<number>();
  styleFormats.forEach((format, index) => {
    const code = codes.get(format);
    if (code !== undefined ? isDateFormatCode(code) : BUILT_IN_DATE_FORMATS.has(format)) {
      dates.add(index);
    }
  });
  return dates;
}

/**
 * A workbook's shared strings, kept as UTF-8 bytes in one buffer with their end offsets, a
 * string made only when a cell asks for it. Outside the JavaScript heap, the table costs its
 * bytes (no object per string) and counts as external memory, which makes V8 collect sooner:
 * a workbook of 30 MiB of strings, most of them never used, does not leave a million strings
 * for the next full collection.
 */
export class SharedStrings {
  private bytes: Buffer;
  private used = 0;
  private ends = new Uint32Array(1024);
  private count = 0;

  /**
   * `capacity`: the bytes the strings will take at most. The part's unpacked size is enough
   * (its text is never longer than its XML), so the buffer is made once, never grown.
   */
  constructor(capacity = 0) {
    this.bytes = Buffer.allocUnsafe(Math.max(capacity, 1024));
  }

  get size(): number {
    return this.count;
  }

  add(text: string): void {
    const length = Buffer.byteLength(text);
    if (this.used + length > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + length));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.bytes.write(text, this.used, 'utf8');
    this.used += length;
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.count++] = this.used;
  }

  /** The string at `index`; '' for an index the table does not have. */
  get(index: number): string {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return '';
    return this.bytes.toString('utf8', index === 0 ? 0 : this.ends[index - 1], this.ends[index]);
  }
}

/**
 * The shared strings, in order: each item's text runs joined, its phonetic guide (`rPh`, the
 * furigana/pinyin Excel can keep beside a string) left out.
 */
export async function readSharedStrings(
  chunks: AsyncIterable<Buffer>,
  unpackedSize: number,
): Promise<SharedStrings> {
  const strings = new SharedStrings(unpackedSize);
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  for await (const events of xmlEvents(chunks)) {
    for (const event of events) {
      if (event.eventType === 'text') {
        if (inText) current += event.value;
        continue;
      }
      const local = localName(event.value.name);
      if (event.eventType === 'opentag') {
        if (local === 'si') current = '';
        else if (local === 'rPh') phonetic++;
        else if (local === 't') inText = current !== null && phonetic === 0;
      } else if (local === 't') inText = false;
      else if (local === 'rPh') phonetic--;
      else if (local === 'si') {
        strings.add(current ?? '');
        current = null;
      }
    }
  }
  return strings;
}

import ExcelJS from 'exceljs';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { completeCreditCode, patentCheckCharacter } from '@app/validators';

/** Test helpers of the import: real XLSX, CSV and GB18030 bytes. */

export const YEAR = 2026;

export const CODE_A = completeCreditCode('91450100MA5K3B7C');
export const CODE_B = completeCreditCode('12450000MB0D4E8F');
export const PATENT_A = `ZL201310123456.${patentCheckCharacter('201310123456')}`;
export const PATENT_B = `ZL98123456.${patentCheckCharacter('98123456')}`;

/** An all-digit credit code Excel keeps exactly as a number: it ends in 000. */
export function numericCreditCode(): string {
  for (let n = 0; n < 10_000_000; n++) {
    const first16 = `914501${String(n).padStart(9, '0')}0`;
    const code = completeCreditCode(first16);
    if (code.endsWith('000')) return code;
  }
  throw new Error('no all-digit credit code ending in 000');
}

// ---------------------------------------------------------------------------------------------
// GB18030: Node encodes only UTF-8, so the table is built from the decoder, which knows it.

let gbTable: Map<string, number[]> | null = null;

function table(): Map<string, number[]> {
  if (gbTable) return gbTable;
  const decoder = new TextDecoder('gb18030');
  const map = new Map<string, number[]>();
  const learn = (bytes: number[]) => {
    const char = decoder.decode(Uint8Array.from(bytes));
    if ([...char].length === 1 && char !== '\ufffd' && !map.has(char)) map.set(char, bytes);
  };
  for (let b1 = 0x81; b1 <= 0xfe; b1++) {
    for (let b2 = 0x40; b2 <= 0xfe; b2++) if (b2 !== 0x7f) learn([b1, b2]);
  }
  // The four-byte sequences of the rest of the Basic Multilingual Plane.
  for (let b1 = 0x81; b1 <= 0x84; b1++) {
    for (let b2 = 0x30; b2 <= 0x39; b2++) {
      for (let b3 = 0x81; b3 <= 0xfe; b3++) {
        for (let b4 = 0x30; b4 <= 0x39; b4++) learn([b1, b2, b3, b4]);
      }
    }
  }
  gbTable = map;
  return map;
}

/** GB18030 bytes of a text (GBK for the characters GBK has), as Chinese Excel saves CSV. */
export function gb18030(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else if (cp >= 0x10000) {
      let index = cp - 0x10000;
      const b4 = 0x30 + (index % 10);
      index = Math.floor(index / 10);
      const b3 = 0x81 + (index % 126);
      index = Math.floor(index / 126);
      const b2 = 0x30 + (index % 10);
      const b1 = 0x90 + Math.floor(index / 10);
      bytes.push(b1, b2, b3, b4);
    } else {
      const known = table().get(char);
      if (!known) throw new Error(`no GB18030 bytes for U+${cp.toString(16)}`);
      bytes.push(...known);
    }
  }
  return Buffer.from(bytes);
}

// ---------------------------------------------------------------------------------------------
// CSV and XLSX

export function csvCellOf(text: string, delimiter = ','): string {
  return text.includes('"') ||
    text.includes(delimiter) ||
    /[\r\n]/u.test(text) ||
    text !== text.trim()
    ? `"${text.replace(/"/gu, '""')}"`
    : text;
}

export function csvOf(rows: ReadonlyArray<ReadonlyArray<string>>, delimiter = ','): string {
  return rows.map((row) => row.map((c) => csvCellOf(c, delimiter)).join(delimiter)).join('\r\n');
}

export function utf8(text: string, bom = false): Buffer {
  return Buffer.from(bom ? `\uFEFF${text}` : text, 'utf8');
}

/** An XLSX workbook with the rows on its first sheet (row 1 first; `undefined` leaves a cell empty). */
export async function xlsxOf(
  rows: ReadonlyArray<ReadonlyArray<ExcelJS.CellValue | undefined>>,
  prepare?: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  rows.forEach((cells, r) => {
    cells.forEach((value, c) => {
      if (value !== undefined) sheet.getCell(r + 1, c + 1).value = value;
    });
  });
  prepare?.(sheet, workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A ZIP archive (stored, not compressed) of the given files. */
export function zipOf(files: Record<string, string>): Buffer {
  return zipOfParts(Object.entries(files).map(([name, content]) => storedPart(name, content)));
}

/** One file of a ZIP as it is written: its bytes as stored, and what the directory says of it. */
export interface RawPart {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  data: Buffer;
  /** what the archive says the part unpacks to (true or not) */
  size: number;
  crc: number;
}

export function storedPart(name: string, content: string | Buffer): RawPart {
  const data = Buffer.from(content);
  return { name, method: 0, data, size: data.length, crc: crc32(data) };
}

export function deflatedPart(name: string, content: string | Buffer): RawPart {
  const data = Buffer.from(content);
  return { name, method: 8, data: deflateRawSync(data), size: data.length, crc: crc32(data) };
}

/** A ZIP archive of parts written as given (their local headers and directory entries agree). */
export function zipOfParts(parts: readonly RawPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const nameBytes = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(part.method, 8);
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(part.method, 10);
    central.writeUInt32LE(part.crc >>> 0, 16);
    central.writeUInt32LE(part.data.length, 20);
    central.writeUInt32LE(part.size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, part.data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + part.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The parts of a one-sheet workbook around its sheet (`xl/worksheets/sheet1.xml`). */
export function workbookParts(
  extra: { sharedStrings?: boolean; styles?: boolean; date1904?: boolean } = {},
): RawPart[] {
  const types =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '</Types>';
  const rootRels =
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
    `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook =
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
    (extra.date1904 ? '<workbookPr date1904="1"/>' : '') +
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>';
  const rels =
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
    `<Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>` +
    (extra.sharedStrings
      ? `<Relationship Id="rId2" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>`
      : '') +
    (extra.styles
      ? `<Relationship Id="rId3" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>`
      : '') +
    '</Relationships>';
  return [
    deflatedPart('[Content_Types].xml', types),
    deflatedPart('_rels/.rels', rootRels),
    deflatedPart('xl/workbook.xml', workbook),
    deflatedPart('xl/_rels/workbook.xml.rels', rels),
  ];
}

/** A worksheet's XML around the rows given as XML. */
export function sheetXml(rowsXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${rowsXml}</sheetData></worksheet>`;
}

/**
 * A part whose content is `prefix`, then `unit` `times` over, then `suffix`, deflated without
 * ever holding the whole: each piece is compressed on its own, ending on a full flush (no
 * reference crosses it), so the one compressed unit is repeated as it is. A megabyte of one
 * letter compresses to about a kilobyte: `times` megabytes from `times` kilobytes.
 */
export function repeatedPart(
  name: string,
  prefix: string,
  unit: Buffer,
  times: number,
  suffix: string,
): RawPart {
  const piece = (content: Buffer, last: boolean) =>
    deflateRawSync(content, {
      level: 9,
      finishFlush: last ? constants.Z_FINISH : constants.Z_FULL_FLUSH,
    });
  const head = Buffer.from(prefix);
  const tail = Buffer.from(suffix);
  const compressedUnit = piece(unit, false);
  let crc = crc32(head);
  for (let i = 0; i < times; i++) crc = crc32(unit, crc);
  crc = crc32(tail, crc);
  return {
    name,
    method: 8,
    data: Buffer.concat([
      piece(head, false),
      ...Array<Buffer>(times).fill(compressedUnit),
      piece(tail, true),
    ]),
    size: head.length + unit.length * times + tail.length,
    crc,
  };
}

/**
 * A zip bomb dressed as a workbook: its sheet's one cell holds `mebibytes` MiB of "A", from a
 * file of about `mebibytes` kB (1,600: a 1.6 MB file that unpacks to 1.6 GiB). `declaredSize`
 * is what the ZIP directory says the sheet unpacks to: the truth unless given.
 */
export function xlsxBomb(mebibytes: number, declaredSize?: number): Buffer {
  const sheet = repeatedPart(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>` +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>',
    Buffer.alloc(1024 * 1024, 'A'),
    mebibytes,
    '</t></is></c></row></sheetData></worksheet>',
  );
  if (declaredSize !== undefined) sheet.size = declaredSize;
  return zipOfParts([...workbookParts(), sheet]);
}

export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f1e1c80000000049454e44ae426082',
  'hex',
);

import ExcelJS from 'exceljs';
import { crc32 } from 'node:zlib';
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
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f1e1c80000000049454e44ae426082',
  'hex',
);

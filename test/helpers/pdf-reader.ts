import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';

/** What a reader finds in a PDF (read with pdf.js, see read-pdf.mjs). */
export interface PdfContents {
  pages: number;
  /** width and height of page 1 in points */
  pageSize: [number, number];
  /** the text of each page, lines ended by \n */
  text: string[];
  /** every font the pages draw with, by name (a subset's name starts with six capitals and +) */
  fonts: { name: string; embedded: boolean }[];
}

const READER = join(__dirname, 'read-pdf.mjs');

function withFile<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-reader-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(args: string[]): PdfContents {
  return JSON.parse(
    execFileSync(process.execPath, [READER, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 }),
  ) as PdfContents;
}

/** The pages, text and fonts of a PDF. */
export function readPdf(pdf: Buffer): PdfContents {
  return withFile(pdf, (file) => run([file]));
}

/** All the text of a PDF, pages one after the other. */
export function pdfText(pdf: Buffer): string {
  return readPdf(pdf).text.join('\n');
}

/** The QR code on page 1, decoded from the page drawn at 150 dpi as a phone would see a print. */
export async function pdfQr(pdf: Buffer): Promise<string | null> {
  const png = withFile(pdf, (file, dir) => {
    const out = join(dir, 'page.png');
    run([file, out, '150']);
    return readFileSync(out);
  });
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}

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

/** A QR code found on a page: what it holds and its centre, in points from the top left. */
export interface FoundQr {
  data: string;
  x: number;
  y: number;
}

/**
 * The QR codes of one page (1 unless told), drawn at `dpi` (200 unless told) as a phone would see
 * a print, one per region (rectangles in points, e.g. the cells of a label sheet): each region is
 * searched on its own (jsQR finds one code in an image, and none in a page of several), and gives
 * its code, or null, in the regions' order.
 */
export async function pdfQrs(
  pdf: Buffer,
  regions: readonly { x: number; y: number; width: number; height: number }[],
  options: { page?: number; dpi?: number } = {},
): Promise<(FoundQr | null)[]> {
  const dpi = options.dpi ?? 200;
  const scale = dpi / 72;
  const png = withFile(pdf, (file, dir) => {
    const out = join(dir, 'page.png');
    run([file, out, String(dpi), String(options.page ?? 1)]);
    return readFileSync(out);
  });
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return regions.map((region) => {
    const left = Math.max(0, Math.floor(region.x * scale));
    const top = Math.max(0, Math.floor(region.y * scale));
    const width = Math.min(info.width - left, Math.ceil(region.width * scale));
    const height = Math.min(info.height - top, Math.ceil(region.height * scale));
    const crop = new Uint8ClampedArray(width * height * 4);
    for (let row = 0; row < height; row++) {
      const from = ((top + row) * info.width + left) * 4;
      crop.set(data.subarray(from, from + width * 4), row * width * 4);
    }
    const found = jsQR(crop, width, height, { inversionAttempts: 'dontInvert' });
    if (!found) return null;
    const { topLeftCorner: a, bottomRightCorner: b } = found.location;
    return {
      data: found.data,
      x: (left + (a.x + b.x) / 2) / scale,
      y: (top + (a.y + b.y) / 2) / scale,
    };
  });
}

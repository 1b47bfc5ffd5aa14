import PDFDocument from 'pdfkit';
import { DocumentFonts } from './fonts';

/** The names documents use for the two faces once registered. */
export const REGULAR = 'cjk-regular';
export const BOLD = 'cjk-bold';

export interface NewDocumentOptions {
  title: string;
  /** Written as the PDF's creation date, so the same publication gives the same bytes. */
  createdAt: Date;
  margin?: number;
  bufferPages?: boolean;
}

/**
 * An A4 document with the CJK faces registered. pdfkit embeds a font as a subset of the glyphs
 * the document uses (CFF outlines taken out of the .ttc by fontkit), so a certificate stays near
 * 100 KB although each face is 20 MB.
 */
export function newA4Document(
  fonts: DocumentFonts,
  options: NewDocumentOptions,
): PDFKit.PDFDocument {
  const { regular, bold } = fonts.faces();
  const doc = new PDFDocument({
    size: 'A4',
    margin: options.margin ?? 50,
    bufferPages: options.bufferPages ?? false,
    autoFirstPage: true,
    info: {
      Title: options.title,
      Producer: 'judging platform',
      Creator: 'judging platform',
      CreationDate: options.createdAt,
    },
  });
  // pdfkit's types know only paths and buffers; it takes a parsed fontkit face as well.
  doc.registerFont(REGULAR, regular as unknown as Buffer);
  doc.registerFont(BOLD, bold as unknown as Buffer);
  doc.font(REGULAR);
  return doc;
}

/** Ends the document and gathers its bytes. */
export function finishToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** A date as printed on documents: 2026年3月1日, in the event's time zone. */
export function chineseDate(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}年${Number(part('month'))}月${Number(part('day'))}日`;
}

/** Date and time to the minute, in the given time zone, e.g. 2026-03-01 16:00 (Asia/Shanghai). */
export function dateTimeIn(date: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return `${text} (${timeZone})`;
}

import PDFDocument from 'pdfkit';
import { DocumentFonts } from './fonts';
import { shareLayouts } from './shared-faces';
import { BOLD, REGULAR, Typesetter, faceName } from './typesetter';

export interface NewDocumentOptions {
  title: string;
  /** Written as the PDF's creation date, so the same publication gives the same bytes. */
  createdAt: Date;
  margin?: number;
  bufferPages?: boolean;
}

/**
 * An A4 document with every face registered, and the typesetter that writes text in them. pdfkit
 * embeds a face only once it is used, and then as a subset of the glyphs used, so a certificate
 * stays small although each face is about 10 MB.
 */
export function newA4Document(
  fonts: DocumentFonts,
  options: NewDocumentOptions,
): { doc: PDFKit.PDFDocument; type: Typesetter } {
  const faces = fonts.faces();
  const doc = new PDFDocument({
    size: 'A4',
    margin: options.margin ?? 50,
    bufferPages: options.bufferPages ?? false,
    autoFirstPage: true,
    // No Helvetica: pdfkit would parse its metrics for every document (about 5 ms) and the
    // document never uses it (every text is set in the registered faces).
    font: null as unknown as string,
    info: {
      Title: options.title,
      Producer: 'judging platform',
      Creator: 'judging platform',
      CreationDate: options.createdAt,
    },
  });
  for (const style of [REGULAR, BOLD] as const) {
    faces[style].forEach((face, index) => {
      // pdfkit's types know only paths and buffers; it takes a parsed fontkit face as well.
      doc.registerFont(faceName(style, index), face as unknown as Buffer);
      shareLayouts(doc, faceName(style, index), face);
    });
  }
  doc.font(REGULAR);
  return { doc, type: new Typesetter(doc, faces) };
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
  const parts = formatterOf('en-CA', timeZone, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}年${Number(part('month'))}月${Number(part('day'))}日`;
}

/** Date and time to the minute, in the given time zone, e.g. 2026-03-01 16:00 (Asia/Shanghai). */
export function dateTimeIn(date: Date, timeZone: string): string {
  const text = formatterOf('sv-SE', timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return `${text} (${timeZone})`;
}

/** Intl formatters by locale, zone and options: making one costs more than a certificate's text. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(
  locale: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

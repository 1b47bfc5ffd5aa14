import { DocumentFonts } from './fonts';
import {
  LABEL_LAYOUTS,
  LabelCell,
  LabelLayout,
  LabelLayoutName,
  MM,
  labelCells,
  qrBox,
} from './labels-layout';
import { finishToBuffer, newA4Document } from './pdf';
import { drawQr, qrMatrix } from './qr';
import { BOLD, REGULAR, Style, Typesetter } from './typesetter';

/**
 * Bump when what a sheet looks like changes: a stored sheet is reused only for the same content
 * drawn the same way (the caller puts this in its content hash).
 */
export const LABEL_SHEET_VERSION = 1;

/** One exhibit's label (展签). No entrant: in a blind round the label is all a judge sees. */
export interface ExhibitLabel {
  /** the exhibit code (B03-0127) */
  code: string;
  title: string;
  /** the category as printed, e.g. 陶瓷 / 坭兴陶 */
  category: string;
}

export interface LabelSheetData {
  eventName: string;
  labels: readonly ExhibitLabel[];
}

export interface LabelSheetOptions {
  /** PUBLIC_URL: each QR code holds `{publicUrl}/judge/entry/{code}` */
  publicUrl: string;
  layout?: LabelLayoutName;
  /** the PDF's creation date (the same content and date give the same bytes) */
  createdAt?: Date;
  /**
   * Called after each page with the labels drawn so far; awaited, so a job can report its
   * progress (and the event loop breathes between pages: a job's lock is renewed meanwhile).
   */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

/** The address a label's QR code opens: the judge's sheet of that exhibit. */
export function judgeEntryUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/judge/entry/${encodeURIComponent(code)}`;
}

const INK = '#111111';
const GREY = '#555555';
const MARK = '#000000';
const ELLIPSIS = '…';

/**
 * A4 sheets of exhibit labels, several to a page (LABEL_LAYOUTS), with cut marks: each label
 * its exhibit code, title, category and event, and the QR code of its judge URL. A long title
 * is set smaller, then cut with an ellipsis, so it never leaves its label.
 */
export async function renderLabelSheet(
  fonts: DocumentFonts,
  data: LabelSheetData,
  options: LabelSheetOptions,
): Promise<Buffer> {
  const layout = LABEL_LAYOUTS[options.layout ?? '2x4'];
  const cells = labelCells(layout);
  const { doc, type } = newA4Document(fonts, {
    title: `展签 Exhibit labels ${data.eventName}`,
    createdAt: options.createdAt ?? new Date(0),
    margin: 0,
  });
  const total = data.labels.length;
  const pages = Math.max(1, Math.ceil(total / cells.length));
  for (let page = 0; page < pages; page++) {
    if (page > 0) doc.addPage();
    drawCutMarks(doc, layout);
    const first = page * cells.length;
    data.labels.slice(first, first + cells.length).forEach((label, i) => {
      drawLabel(doc, type, layout, cells[i], label, data.eventName, options.publicUrl);
    });
    await options.onProgress?.(Math.min(first + cells.length, total), total);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return finishToBuffer(doc);
}

function drawLabel(
  doc: PDFKit.PDFDocument,
  type: Typesetter,
  layout: LabelLayout,
  cell: LabelCell,
  label: ExhibitLabel,
  eventName: string,
  publicUrl: string,
): void {
  const qr = qrBox(layout, cell);
  drawQr(doc, qrMatrix(judgeEntryUrl(publicUrl, label.code)), qr.x, qr.y, qr.width);

  const x = cell.x + layout.padding;
  const width = qr.x - layout.gap - x;
  const top = cell.y + layout.padding;
  const bottom = cell.y + cell.height - layout.padding;
  const gap = layout.smallSize * 0.4;

  doc.fillColor(GREY).fontSize(layout.smallSize);
  const smallLine = doc.currentLineHeight(true);
  oneLine(type, REGULAR, eventName, x, top, width);

  // The code is what a judge looks for across a hall: large, and never cut.
  doc.fillColor(INK);
  const codeTop = top + smallLine + gap;
  let codeSize = layout.codeSize;
  doc.fontSize(codeSize);
  while (codeSize > layout.codeSize / 2 && type.width(BOLD, label.code) > width) {
    doc.fontSize((codeSize -= 0.5));
  }
  type.text(BOLD, label.code, { x, y: codeTop, width, lineBreak: false });
  const titleTop = codeTop + doc.currentLineHeight(true) + gap;

  doc.fillColor(GREY).fontSize(layout.smallSize);
  const categoryTop = bottom - smallLine;
  oneLine(type, REGULAR, label.category, x, categoryTop, width);

  doc.fillColor(INK);
  fitTitle(type, doc, layout, label.title, x, titleTop, width, categoryTop - gap - titleTop);
  doc.fillColor('#000000');
}

/** One line: cut with an ellipsis when it is wider than `width`. */
function oneLine(
  type: Typesetter,
  style: Style,
  text: string,
  x: number,
  y: number,
  width: number,
): void {
  const fits = (t: string) => type.width(style, t) <= width;
  const shown = fits(text) ? text : longestPrefix(text, (t) => fits(t));
  type.text(style, shown, { x, y, width, lineBreak: false });
}

/** The title wrapped in its box: as large as fits, down to the smallest size, then cut. */
function fitTitle(
  type: Typesetter,
  doc: PDFKit.PDFDocument,
  layout: LabelLayout,
  title: string,
  x: number,
  y: number,
  width: number,
  height: number,
): void {
  const fits = (t: string) => type.height(REGULAR, t, { width }) <= height;
  for (let size = layout.titleSize.max; size >= layout.titleSize.min; size -= 0.5) {
    doc.fontSize(size);
    if (fits(title)) {
      type.text(REGULAR, title, { x, y, width });
      return;
    }
  }
  doc.fontSize(layout.titleSize.min);
  type.text(REGULAR, longestPrefix(title, fits), { x, y, width });
}

/**
 * The longest start of `text` (whole characters, 𠮷 included) that, with an ellipsis, still
 * fits: found by halving, as each test lays the text out.
 */
function longestPrefix(text: string, fits: (candidate: string) => boolean): string {
  const chars = [...text];
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(chars.slice(0, middle).join('').trimEnd() + ELLIPSIS)) low = middle;
    else high = middle - 1;
  }
  return chars.slice(0, low).join('').trimEnd() + ELLIPSIS;
}

/**
 * Cut marks: short lines in the margin along every cut, and a small cross where four labels
 * meet, so the sheet can be cut with a guillotine or with scissors.
 */
function drawCutMarks(doc: PDFKit.PDFDocument, layout: LabelLayout): void {
  const cells = labelCells(layout);
  const width = cells[0].width;
  const height = cells[0].height;
  const left = layout.margin;
  const top = layout.margin;
  const right = left + width * layout.columns;
  const bottom = top + height * layout.rows;
  const offset = 1.5 * MM;
  const length = 5 * MM;
  doc.save().lineWidth(0.4).strokeColor(MARK);
  for (let column = 0; column <= layout.columns; column++) {
    const x = left + column * width;
    doc.moveTo(x, top - offset).lineTo(x, top - offset - length);
    doc.moveTo(x, bottom + offset).lineTo(x, bottom + offset + length);
  }
  for (let row = 0; row <= layout.rows; row++) {
    const y = top + row * height;
    doc.moveTo(left - offset, y).lineTo(left - offset - length, y);
    doc.moveTo(right + offset, y).lineTo(right + offset + length, y);
  }
  doc.stroke();
  const arm = 1.5 * MM;
  doc.lineWidth(0.3).strokeColor('#999999');
  for (let column = 1; column < layout.columns; column++) {
    for (let row = 1; row < layout.rows; row++) {
      const x = left + column * width;
      const y = top + row * height;
      doc.moveTo(x - arm, y).lineTo(x + arm, y);
      doc.moveTo(x, y - arm).lineTo(x, y + arm);
    }
  }
  doc.stroke().restore();
}

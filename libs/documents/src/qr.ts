import { create } from 'qrcode';

/** The address a certificate's QR code holds: `{PUBLIC_URL}/verify/{code}`. */
export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(code)}`;
}

/** The dark modules of a QR code, row by row: `dark[row][column]`. */
export interface QrMatrix {
  size: number;
  dark: boolean[][];
}

/** Error correction M: survives a scuffed print (15 %) and keeps a short URL at version 3–4. */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const dark: boolean[][] = [];
  for (let row = 0; row < modules.size; row++) {
    dark.push(Array.from({ length: modules.size }, (_, col) => modules.get(row, col) === 1));
  }
  return { size: modules.size, dark };
}

/**
 * Draws the code as vector squares (sharp at any print size, a few hundred bytes), with the
 * four-module quiet zone the standard asks for painted white so a coloured frame cannot touch it.
 * Runs of dark modules in a row are one rectangle each.
 */
export function drawQr(
  doc: PDFKit.PDFDocument,
  matrix: QrMatrix,
  x: number,
  y: number,
  width: number,
): void {
  const quiet = 4;
  const cell = width / (matrix.size + 2 * quiet);
  doc.save();
  doc.rect(x, y, width, width).fill('#ffffff');
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.dark[row][col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.dark[row][col]) col++;
      // A hair of overlap so anti-aliasing leaves no seams between rows.
      doc.rect(
        x + (quiet + start) * cell,
        y + (quiet + row) * cell,
        (col - start) * cell,
        cell + 0.05,
      );
    }
  }
  doc.fill('#000000');
  doc.restore();
}

/** Points per millimetre (a PDF point is 1/72 inch). */
export const MM = 72 / 25.4;

/** A4 portrait in points, as pdfkit has it. */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** The sheets federations cut exhibit labels from: 8 large or 21 small labels on A4. */
export type LabelLayoutName = '2x4' | '3x7';
export const LABEL_LAYOUT_NAMES: readonly LabelLayoutName[] = ['2x4', '3x7'];

/** One sheet's grid and the sizes of what a label holds (points). */
export interface LabelLayout {
  name: LabelLayoutName;
  columns: number;
  rows: number;
  /** around the grid: room for the cut marks, beyond what an office printer cannot print */
  margin: number;
  /** inside each label, so a slightly crooked cut leaves the text whole */
  padding: number;
  /** the QR code's side, its quiet zone included */
  qrSize: number;
  /** between the text column and the QR code */
  gap: number;
  codeSize: number;
  /** the title's size: the largest it is set at, and the smallest it shrinks to before being cut */
  titleSize: { max: number; min: number };
  /** the event and the category */
  smallSize: number;
}

export const LABEL_LAYOUTS: Readonly<Record<LabelLayoutName, LabelLayout>> = {
  // 95 × 69 mm: a label beside a large exhibit, the QR code 36 mm wide.
  '2x4': {
    name: '2x4',
    columns: 2,
    rows: 4,
    margin: 10 * MM,
    padding: 5 * MM,
    qrSize: 36 * MM,
    gap: 3 * MM,
    codeSize: 20,
    titleSize: { max: 14, min: 8 },
    smallSize: 8,
  },
  // 63 × 40 mm: the small label of a showcase, the QR code 25 mm wide.
  '3x7': {
    name: '3x7',
    columns: 3,
    rows: 7,
    margin: 10 * MM,
    padding: 3 * MM,
    qrSize: 25 * MM,
    gap: 2 * MM,
    codeSize: 12,
    titleSize: { max: 9, min: 6 },
    smallSize: 6,
  },
};

export interface LabelCell {
  /** top left corner and size, in points from the page's top left */
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The labels of one page, row by row from the top left: the grid fills A4 inside the margin,
 * with no gutter, so one cut separates two neighbours.
 */
export function labelCells(layout: LabelLayout): LabelCell[] {
  const width = (A4.width - 2 * layout.margin) / layout.columns;
  const height = (A4.height - 2 * layout.margin) / layout.rows;
  const cells: LabelCell[] = [];
  for (let row = 0; row < layout.rows; row++) {
    for (let column = 0; column < layout.columns; column++) {
      cells.push({
        x: layout.margin + column * width,
        y: layout.margin + row * height,
        width,
        height,
      });
    }
  }
  return cells;
}

/** Where the QR code of a label sits: at the right, centred top to bottom. */
export function qrBox(layout: LabelLayout, cell: LabelCell): LabelCell {
  return {
    x: cell.x + cell.width - layout.padding - layout.qrSize,
    y: cell.y + (cell.height - layout.qrSize) / 2,
    width: layout.qrSize,
    height: layout.qrSize,
  };
}

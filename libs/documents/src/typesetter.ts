import type { Font } from 'fontkit';
import type { DocumentFaces } from './fonts';

/** The two styles of a document; each names its first face in pdfkit. */
export const REGULAR = 'regular';
export const BOLD = 'bold';
export type Style = typeof REGULAR | typeof BOLD;

/** pdfkit's name of a style's face: the first keeps the style's own name. */
export function faceName(style: Style, index: number): string {
  return index === 0 ? style : `${style}~${index}`;
}

export interface TextOptions {
  x?: number;
  y?: number;
  width?: number;
  align?: 'left' | 'center' | 'right';
  characterSpacing?: number;
  lineBreak?: boolean;
}

/** Text drawn in one face. */
interface Run {
  face: number;
  text: string;
}

interface Line {
  runs: Run[];
  width: number;
}

/** Spaces and control characters take no glyph: they stay in the run they stand in. */
const BLANK = /^[\s\p{Cc}]$/u;
/** Characters of words that are broken at spaces, not anywhere (Latin letters, digits). */
const WORD = /^[\p{Script=Latin}\p{Nd}'’.,:;!?()\-–/@#%&+*]$/u;

/**
 * Writes text in a document's faces. Text the first face of its style can draw (nearly all of
 * it) goes to pdfkit as it is. Text with characters it lacks (𠮷, an emoji) is cut into runs,
 * each in the first face that has its characters, and laid out here: pdfkit's own `continued`
 * text mis-places runs of centred lines. A character no face has is left out, never drawn as a
 * box (.notdef).
 */
export class Typesetter {
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly faces: DocumentFaces,
  ) {}

  /** Like `doc.font(style).text(text, x, y, options)`. */
  text(style: Style, text: string, options: TextOptions = {}): void {
    const doc = this.doc;
    const { x = doc.x, y = doc.y, ...rest } = options;
    doc.font(style);
    if (!this.needsFallback(style, text)) {
      doc.text(text, x, y, rest);
      return;
    }
    const width = rest.width ?? doc.page.width - doc.page.margins.right - x;
    const lines = this.layout(style, text, rest.lineBreak === false ? Infinity : width, rest);
    const lineHeight = doc.currentLineHeight(true);
    let top = y;
    for (const line of lines) {
      const free = Math.max(0, width - line.width);
      let left = x + (rest.align === 'center' ? free / 2 : rest.align === 'right' ? free : 0);
      for (const run of line.runs) {
        const face = this.faces[style][run.face];
        doc.font(faceName(style, run.face));
        // Faces differ in ascent; pdfkit places text by its top, so line the baselines up.
        doc.text(run.text, left, top + this.baselineShift(style, face), {
          lineBreak: false,
          characterSpacing: rest.characterSpacing,
        });
        left += this.runWidth(style, run, rest.characterSpacing ?? 0);
      }
      top += lineHeight;
    }
    doc.font(style);
    doc.x = x;
    doc.y = top;
  }

  /** Like `doc.font(style).widthOfString(text)`: the width of the text on one line. */
  width(style: Style, text: string, options: Pick<TextOptions, 'characterSpacing'> = {}): number {
    this.doc.font(style);
    if (!this.needsFallback(style, text)) return this.doc.widthOfString(text, options);
    return this.layout(style, text, Infinity, options).reduce((w, l) => Math.max(w, l.width), 0);
  }

  /** Like `doc.font(style).heightOfString(text, options)`. */
  height(style: Style, text: string, options: TextOptions = {}): number {
    const doc = this.doc;
    doc.font(style);
    if (!this.needsFallback(style, text)) return doc.heightOfString(text, options);
    const width = options.width ?? doc.page.width - doc.page.margins.right - doc.x;
    return this.layout(style, text, width, options).length * doc.currentLineHeight(true);
  }

  private needsFallback(style: Style, text: string): boolean {
    const first = this.faces[style][0];
    for (const char of text) {
      if (!BLANK.test(char) && !first.hasGlyphForCodePoint(char.codePointAt(0)!)) return true;
    }
    return false;
  }

  /** The face of each character: the first that has it; -1 for none. */
  private faceOf(style: Style, char: string): number {
    const code = char.codePointAt(0)!;
    return this.faces[style].findIndex((face) => face.hasGlyphForCodePoint(code));
  }

  /** The text cut into lines of at most `width`, each cut into runs of one face. */
  private layout(
    style: Style,
    text: string,
    width: number,
    options: Pick<TextOptions, 'characterSpacing'>,
  ): Line[] {
    const spacing = options.characterSpacing ?? 0;
    const lines: Line[] = [];
    for (const paragraph of text.split('\n')) {
      let units: { char: string; face: number; width: number }[] = [];
      let lineWidth = 0;
      const flush = (upTo: number) => {
        const taken = units.slice(0, upTo);
        lines.push(this.line(taken));
        units = units.slice(upTo);
        while (units.length > 0 && BLANK.test(units[0].char)) units.shift();
        lineWidth = units.reduce((w, u) => w + u.width, 0);
      };
      let previousFace = 0;
      for (const char of paragraph) {
        const blank = BLANK.test(char);
        // A space takes the first face's width (an emoji face's space is far wider).
        const face = blank ? this.blankFace(style, char, previousFace) : this.faceOf(style, char);
        if (face < 0) continue; // no face has it: left out rather than drawn as a box
        previousFace = face;
        const advance = this.charWidth(style, face, char) + spacing;
        if (lineWidth + advance > width && units.length > 0 && !blank) {
          // A word of Latin letters or digits moves whole to the next line when it can.
          let cut = units.length;
          if (WORD.test(char)) {
            const space = units.map((u) => BLANK.test(u.char)).lastIndexOf(true);
            if (space > 0) cut = space;
          }
          flush(cut);
        }
        units.push({ char, face, width: advance });
        lineWidth += advance;
      }
      if (units.length > 0 || lines.length === 0) lines.push(this.line(units));
    }
    return lines;
  }

  private blankFace(style: Style, char: string, previousFace: number): number {
    return this.faces[style][0].hasGlyphForCodePoint(char.codePointAt(0)!) ? 0 : previousFace;
  }

  private line(units: { char: string; face: number; width: number }[]): Line {
    const runs: Run[] = [];
    let width = 0;
    for (const unit of units) {
      const last = runs[runs.length - 1];
      if (last && last.face === unit.face) last.text += unit.char;
      else runs.push({ face: unit.face, text: unit.char });
      width += unit.width;
    }
    return { runs, width };
  }

  private charWidth(style: Style, face: number, char: string): number {
    this.doc.font(faceName(style, face));
    const width = this.doc.widthOfString(char);
    this.doc.font(style);
    return width;
  }

  private runWidth(style: Style, run: Run, spacing: number): number {
    let width = 0;
    for (const char of run.text) width += this.charWidth(style, run.face, char) + spacing;
    return width;
  }

  /** How far down a face's text goes so its baseline meets the first face's. */
  private baselineShift(style: Style, face: Font): number {
    const first = this.faces[style][0];
    const size = (this.doc as unknown as { _fontSize: number })._fontSize;
    return (first.ascent / first.unitsPerEm - face.ascent / face.unitsPerEm) * size;
  }
}

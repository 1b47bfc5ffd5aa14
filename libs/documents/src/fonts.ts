import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { Font, create } from 'fontkit';

/**
 * Where a font comes from: a file (an OpenType collection needs the postscript name of the face
 * to take out of it; fontkit reads .ttc that way).
 */
export interface FontFace {
  readonly file: string;
  readonly postscriptName: string;
}

export interface DocumentFontFiles {
  readonly regular: FontFace;
  readonly bold: FontFace;
}

/**
 * Debian's fonts-noto-cjk (`apt-get install -y fonts-noto-cjk`): Noto Sans CJK, the Simplified
 * Chinese faces. The .ttc files are about 20 MB each; a document embeds only the glyphs it uses.
 */
export const NOTO_SANS_CJK_SC: DocumentFontFiles = {
  regular: {
    file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    postscriptName: 'NotoSansCJKsc-Regular',
  },
  bold: {
    file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
    postscriptName: 'NotoSansCJKsc-Bold',
  },
};

/** The Chinese font of result documents is missing or unreadable: a setup problem, not a bug. */
export class DocumentFontMissingError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(
      `the Chinese font for result documents is missing: ${file} (${detail}); ` +
        'install Debian\'s fonts-noto-cjk ("apt-get install -y fonts-noto-cjk")',
    );
    this.name = 'DocumentFontMissingError';
  }
}

/** The signatures an OpenType collection or font file starts with. */
const FONT_SIGNATURES = ['ttcf', 'OTTO', '\x00\x01\x00\x00', 'true'];

/**
 * The fonts of result documents. `check()` looks at the files cheaply (at start-up, so a machine
 * without the font fails at once with a sentence saying what to install, not at the first
 * certificate). The faces are parsed on first use and kept: parsing a 20 MB collection for each
 * document made a certificate cost about 320 ms, which a ZIP of hundreds would multiply; pdfkit
 * takes a parsed fontkit face as it is and makes each document's subset from it.
 */
export class DocumentFonts {
  private loaded: { regular: Font; bold: Font } | undefined;

  constructor(readonly files: DocumentFontFiles = NOTO_SANS_CJK_SC) {}

  /** Throws DocumentFontMissingError when a file is absent, unreadable or not a font. */
  check(): void {
    for (const face of [this.files.regular, this.files.bold]) checkFontFile(face.file);
  }

  /** Both faces, parsed once. */
  faces(): { regular: Font; bold: Font } {
    if (!this.loaded) {
      this.check();
      this.loaded = { regular: openFace(this.files.regular), bold: openFace(this.files.bold) };
    }
    return this.loaded;
  }
}

function openFace(face: FontFace): Font {
  const font = create(readFileSync(face.file), face.postscriptName);
  // A collection without that face gives back the collection itself, which cannot lay out text.
  if (!('layout' in font) || typeof font.layout !== 'function') {
    throw new DocumentFontMissingError(face.file, `no face named ${face.postscriptName}`);
  }
  return font;
}

function checkFontFile(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new DocumentFontMissingError(file, (error as NodeJS.ErrnoException).code ?? 'unreadable');
  }
  try {
    const head = Buffer.alloc(4);
    const read = readSync(fd, head, 0, 4, 0);
    if (read < 4 || !FONT_SIGNATURES.includes(head.toString('latin1'))) {
      throw new DocumentFontMissingError(file, 'not an OpenType font');
    }
  } finally {
    closeSync(fd);
  }
}

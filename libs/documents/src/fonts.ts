import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Font, create } from 'fontkit';
import { sharedFace } from './shared-faces';

/**
 * Where a font comes from: a file (an OpenType collection needs the postscript name of the face
 * to take out of it; fontkit reads .ttc that way).
 */
export interface FontFace {
  readonly file: string;
  readonly postscriptName?: string;
}

/**
 * The faces of each style, in order of preference: the first draws the text, each next one the
 * characters the faces before it lack (a rare character, an emoji).
 */
export interface DocumentFontFiles {
  readonly regular: readonly FontFace[];
  readonly bold: readonly FontFace[];
}

/** A font file inside an npm package (found through Node's resolution, so no path is assumed). */
function packaged(pkg: string, file: string): FontFace {
  let root: string;
  try {
    root = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    // Reported by check() as a missing file, with the package to install.
    root = join('node_modules', pkg);
  }
  return { file: join(root, file) };
}

/**
 * The fonts of result documents, from npm packages (OFL-1.1), so a fresh `npm ci` is all a
 * machine needs: Noto Sans SC (Simplified Chinese, about 30,000 characters), then Noto Sans JP
 * for CJK characters outside it (𠮷 and other rare characters of names), then the monochrome
 * Noto Emoji. Characters none of them has are left out rather than drawn as a box.
 */
export const NOTO_SANS_SC: DocumentFontFiles = {
  regular: [
    packaged('@expo-google-fonts/noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf'),
    packaged('@expo-google-fonts/noto-sans-jp', '400Regular/NotoSansJP_400Regular.ttf'),
    packaged('@expo-google-fonts/noto-emoji', '400Regular/NotoEmoji_400Regular.ttf'),
  ],
  bold: [
    packaged('@expo-google-fonts/noto-sans-sc', '700Bold/NotoSansSC_700Bold.ttf'),
    packaged('@expo-google-fonts/noto-sans-jp', '700Bold/NotoSansJP_700Bold.ttf'),
    packaged('@expo-google-fonts/noto-emoji', '700Bold/NotoEmoji_700Bold.ttf'),
  ],
};

/** A font of result documents is missing or unreadable: an installation problem, not a bug. */
export class DocumentFontMissingError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(
      `a font for result documents is missing: ${file} (${detail}); ` +
        'the fonts come with the npm packages: run "npm ci" in the project folder',
    );
    this.name = 'DocumentFontMissingError';
  }
}

/** The signatures an OpenType collection or font file starts with. */
const FONT_SIGNATURES = ['ttcf', 'OTTO', '\x00\x01\x00\x00', 'true'];

export interface DocumentFaces {
  readonly regular: readonly Font[];
  readonly bold: readonly Font[];
}

/**
 * The fonts of result documents. `check()` looks at the files cheaply (at start-up, so a machine
 * without them fails at once with a sentence saying what to do, not at the first certificate).
 * The faces are parsed on first use and kept: pdfkit takes a parsed fontkit face as it is and
 * makes each document's subset from it, so a document never parses a 10 MB file again. Each
 * face is shared (shared-faces.ts): the shaping of a string and the glyphs taken out of the face
 * are kept for the next document, so the 557 certificates of a list shape their common text and
 * read each glyph once. `{ shared: false }` gives the plain faces (the tests compare the two).
 */
export class DocumentFonts {
  private loaded: DocumentFaces | undefined;

  constructor(
    readonly files: DocumentFontFiles = NOTO_SANS_SC,
    private readonly options: { shared?: boolean } = {},
  ) {}

  /** Throws DocumentFontMissingError when a file is absent, unreadable or not a font. */
  check(): void {
    for (const face of [...this.files.regular, ...this.files.bold]) checkFontFile(face.file);
  }

  /** Every face of both styles, parsed once. */
  faces(): DocumentFaces {
    if (!this.loaded) {
      this.check();
      const shared = this.options.shared !== false;
      // One parse (and one store of shaped text and glyphs) per set of files in the process,
      // however many modules make their own DocumentFonts: each face is about 10 MB in memory.
      const cache = shared ? SHARED_FACES : PLAIN_FACES;
      this.loaded = cache.get(this.files);
      if (!this.loaded) {
        const open = (face: FontFace) => (shared ? sharedFace(openFace(face)) : openFace(face));
        this.loaded = {
          regular: this.files.regular.map(open),
          bold: this.files.bold.map(open),
        };
        cache.set(this.files, this.loaded);
      }
    }
    return this.loaded;
  }
}

/** Faces parsed in this process, by the files they came from. */
const SHARED_FACES = new WeakMap<DocumentFontFiles, DocumentFaces>();
const PLAIN_FACES = new WeakMap<DocumentFontFiles, DocumentFaces>();

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

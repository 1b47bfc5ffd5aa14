import type { Font } from 'fontkit';
import { TrueTypeGlyphs } from './ttf-subset';

/**
 * A parsed face that every document of the process shares, so the work pdfkit would redo for
 * each document is done once:
 * - the font subset: each PDF still embeds its own (only the glyphs it draws, so a certificate
 *   stays about 20 kB), but it is put together from glyphs taken out of the 10 MB face once
 *   (ttf-subset.ts), not decoded and encoded anew for every document;
 * - shaping: pdfkit keeps the shaped runs of a font (fontkit's OpenType layout, scaled) per
 *   document; `shareLayouts` gives every document the face's one store of them, so the
 *   common text of 557 certificates, and every character of their names, is shaped once.
 * A document's bytes are exactly those the plain face gives (documents.spec checks it).
 */
export function sharedFace(face: Font): Font {
  if (!TrueTypeGlyphs.handles(face)) return face;
  const glyphs = new TrueTypeGlyphs(face);
  const shared = Object.create(face) as Font;
  Object.defineProperty(shared, 'createSubset', { value: () => glyphs.createSubset() });
  SHARED.set(shared, { glyphs, runs: Object.create(null) as RunStore, documents: 0 });
  return shared;
}

/** The shaped runs of a face, by text, as pdfkit stores them (scaled to 1000 units). */
type RunStore = Record<string, unknown>;

interface Shared {
  glyphs: TrueTypeGlyphs;
  runs: RunStore;
  documents: number;
}

const SHARED = new WeakMap<Font, Shared>();

/** Runs kept per face before the store starts again (a certificate adds about 100). */
const MAX_RUNS = 50_000;

/**
 * Makes the document's font `name` (a registered shared face) use the face's store of shaped
 * runs. pdfkit reads a run from its font's `layoutCache` and never changes it (it copies the
 * positions it adjusts), so documents can share them. A face that is not shared is left alone.
 */
export function shareLayouts(doc: PDFKit.PDFDocument, name: string, face: Font): void {
  // Every face is opened, shared or not, in the same order: the fonts' names in the PDF (F1,
  // F2 …) do not depend on which text comes first.
  doc.font(name);
  const shared = SHARED.get(face);
  if (!shared) return;
  if (++shared.documents % 100 === 0 && Object.keys(shared.runs).length > MAX_RUNS) {
    shared.runs = Object.create(null) as RunStore;
  }
  // pdfkit's embedded font of this document (a private field: pdfkit ^0.20).
  const font = (doc as unknown as { _font: { layoutCache?: RunStore } })._font;
  if (font.layoutCache) font.layoutCache = shared.runs;
}

/** How much a shared face has done once (for tests and benches); null for a plain face. */
export function sharedFaceStats(face: Font): { glyphsExtracted: number; runs: number } | null {
  const shared = SHARED.get(face);
  if (!shared) return null;
  return { glyphsExtracted: shared.glyphs.extracted, runs: Object.keys(shared.runs).length };
}

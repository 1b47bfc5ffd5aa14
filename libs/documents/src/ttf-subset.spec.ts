import type { Font } from 'fontkit';
import { DocumentFonts } from './fonts';
import { TrueTypeGlyphs } from './ttf-subset';

// The subsets put together from glyphs kept once must be the very bytes fontkit's own subset
// writes: pdfkit embeds them as the document's font program.
const plain = new DocumentFonts(undefined, { shared: false }).faces();

function fontkitSubset(face: Font, glyphIds: readonly number[]): Buffer {
  const subset = face.createSubset() as unknown as {
    includeGlyph(id: number): number;
    encode(): Uint8Array;
  };
  for (const id of glyphIds) subset.includeGlyph(id);
  return Buffer.from(subset.encode());
}

function sharedSubset(glyphs: TrueTypeGlyphs, glyphIds: readonly number[]): Buffer {
  const subset = glyphs.createSubset();
  for (const id of glyphIds) subset.includeGlyph(id);
  return Buffer.from(subset.encode());
}

const idsOf = (face: Font, text: string) => face.layout(text).glyphs.map((g) => g.id);

/** Glyph ids of the face's composite glyphs (the emoji face has some; the CJK faces none). */
function composites(face: Font, count: number): number[] {
  const found: number[] = [];
  for (let gid = 1; gid < face.numGlyphs && found.length < count; gid++) {
    const glyf = (
      face.getGlyph(gid) as unknown as { _decode(): { numberOfContours: number } }
    )._decode();
    if (glyf && glyf.numberOfContours < 0) found.push(gid);
  }
  return found;
}

describe('TrueTypeGlyphs', () => {
  it('writes the bytes fontkit writes, for CJK, Latin and repeated glyphs, in any order', () => {
    const face = plain.regular[0];
    const glyphs = new TrueTypeGlyphs(face);
    for (const text of [
      '荣誉证书 CERTIFICATE OF AWARD',
      '广西壮族自治区南宁市青秀区工艺美术研究所《壮锦·铜鼓纹样》',
      'K7QF-3MXD-9TZB https://awards.example.org/verify/K7QF',
      '金奖金奖金奖',
      '',
    ]) {
      const ids = idsOf(face, text);
      expect(sharedSubset(glyphs, ids).equals(fontkitSubset(face, ids))).toBe(true);
      const reversed = [...ids].reverse();
      expect(sharedSubset(glyphs, reversed).equals(fontkitSubset(face, reversed))).toBe(true);
    }
  });

  it('renumbers the parts of composite glyphs as fontkit does (the emoji face)', () => {
    const face = plain.regular[2];
    const ids = composites(face, 6);
    expect(ids.length).toBeGreaterThan(0);
    const glyphs = new TrueTypeGlyphs(face);
    const mixed = [...ids, ...idsOf(face, '😀🎉'), ids[0]];
    expect(sharedSubset(glyphs, mixed).equals(fontkitSubset(face, mixed))).toBe(true);
    // The same again from what it kept (the parts' ids are renumbered in a copy, never in place).
    expect(sharedSubset(glyphs, mixed).equals(fontkitSubset(face, mixed))).toBe(true);
  });

  it('takes each glyph out of the face once, however many subsets use it', () => {
    const face = plain.bold[0];
    const glyphs = new TrueTypeGlyphs(face);
    const ids = idsOf(face, '金奖银奖铜奖');
    sharedSubset(glyphs, ids);
    const first = glyphs.extracted;
    for (let i = 0; i < 20; i++) sharedSubset(glyphs, ids);
    expect(glyphs.extracted).toBe(first);
  });

  it('starts again when full, and still writes the same bytes', () => {
    const face = plain.regular[0];
    const glyphs = new TrueTypeGlyphs(face, 5);
    const ids = idsOf(face, '广西壮族自治区南宁市');
    expect(sharedSubset(glyphs, ids).equals(fontkitSubset(face, ids))).toBe(true);
    expect(sharedSubset(glyphs, ids).equals(fontkitSubset(face, ids))).toBe(true);
  });
});

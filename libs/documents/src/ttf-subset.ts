import type { Font, Glyph } from 'fontkit';

/**
 * The glyphs of one TrueType face, taken out once and kept, and the font programs of subsets
 * put together from them. It writes exactly the bytes fontkit's TTFSubset writes (the same
 * tables in the same order, the constant ones copied from fontkit's own output: ttf-subset.spec
 * compares the two), in a fraction of its time: fontkit decodes every glyph of every subset and
 * encodes the tables through its generic structures, about 4 ms for a certificate's 70 glyphs;
 * this copies bytes.
 */
export class TrueTypeGlyphs {
  private readonly glyphs = new Map<number, ExtractedGlyph>();
  private tables: ConstantTables | undefined;
  /** glyphs taken out of the face so far (tests and benches read it) */
  extracted = 0;

  constructor(
    private readonly face: Font,
    private readonly maxGlyphs = 40_000,
  ) {}

  /** Whether the face is one this class handles: TrueType outlines, no variations. */
  static handles(face: Font): boolean {
    const tables = (face as unknown as FontInternals).directory.tables;
    return Boolean(tables.glyf && tables.loca) && !tables['CFF '] && !tables.fvar;
  }

  /** An empty subset (glyph 0 only), as `face.createSubset()` gives. */
  createSubset(): SharedSubset {
    return new SharedSubset(this);
  }

  glyph(gid: number): ExtractedGlyph {
    let glyph = this.glyphs.get(gid);
    if (!glyph) {
      if (this.glyphs.size >= this.maxGlyphs) this.glyphs.clear();
      glyph = extractGlyph(this.face, gid);
      this.glyphs.set(gid, glyph);
      this.extracted += 1;
    }
    return glyph;
  }

  /** The tables every subset of this face shares, as fontkit writes them. */
  constantTables(): ConstantTables {
    if (!this.tables) {
      const probe = (this.face as unknown as FontInternals).createSubset.call(this.face);
      probe.includeGlyph(0);
      const encoded = Buffer.from(probe.encode());
      const byTag = new Map<string, Buffer>();
      const order: string[] = [];
      const count = encoded.readUInt16BE(4);
      for (let i = 0; i < count; i++) {
        const at = 12 + 16 * i;
        const tag = encoded.toString('latin1', at, at + 4);
        const offset = encoded.readUInt32BE(at + 8);
        const length = encoded.readUInt32BE(at + 12);
        order.push(tag);
        byTag.set(tag, encoded.subarray(offset, offset + length));
      }
      this.tables = {
        order,
        byTag,
        header: encoded.subarray(0, 12),
        locaLong: (this.face as unknown as FontInternals).loca.version === 1,
      };
    }
    return this.tables;
  }
}

/** One glyph as a subset needs it. */
export interface ExtractedGlyph {
  /** its bytes in the glyf table */
  bytes: Uint8Array;
  /** a composite glyph's parts: their glyph ids, and where each id sits in `bytes` */
  components: readonly { glyphID: number; pos: number }[];
  advance: number;
  bearing: number;
}

interface ConstantTables {
  /** the tables' tags in fontkit's order (head, hhea, loca, maxp, cvt, prep, glyf, hmtx, fpgm) */
  order: string[];
  byTag: Map<string, Buffer>;
  /** the sfnt header: 'true', the number of tables and the search fields (same for every subset) */
  header: Buffer;
  locaLong: boolean;
}

/**
 * A subset of a face: `includeGlyph` gives a glyph its id in the subset (glyph 0 first), and
 * `encode` writes the font program, as fontkit's Subset does (pdfkit uses only these two).
 */
export class SharedSubset {
  readonly glyphs: number[] = [];
  readonly mapping = new Map<number, number>();

  constructor(private readonly source: TrueTypeGlyphs) {
    this.includeGlyph(0);
  }

  includeGlyph(glyph: number | { id: number }): number {
    const gid = typeof glyph === 'object' ? glyph.id : glyph;
    let id = this.mapping.get(gid);
    if (id === undefined) {
      this.glyphs.push(gid);
      id = this.glyphs.length - 1;
      this.mapping.set(gid, id);
    }
    return id;
  }

  encode(): Uint8Array {
    // A composite's parts join the subset while it is written (they come after it, as in fontkit).
    const glyf: Uint8Array[] = [];
    const metrics: ExtractedGlyph[] = [];
    for (let i = 0; i < this.glyphs.length; i++) {
      const glyph = this.source.glyph(this.glyphs[i]);
      let bytes = glyph.bytes;
      if (glyph.components.length > 0) {
        bytes = new Uint8Array(glyph.bytes);
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        for (const part of glyph.components) {
          view.setUint16(part.pos, this.includeGlyph(part.glyphID));
        }
      }
      glyf.push(bytes);
      metrics.push(glyph);
    }
    const constant = this.source.constantTables();
    const count = glyf.length;
    const tables = new Map<string, Uint8Array>();
    tables.set('hhea', withUint16(constant.byTag.get('hhea')!, 34, count));
    tables.set('maxp', withUint16(constant.byTag.get('maxp')!, 4, count));
    tables.set('loca', locaOf(glyf, constant.locaLong));
    tables.set('glyf', Buffer.concat(glyf));
    tables.set('hmtx', hmtxOf(metrics));

    const parts: Uint8Array[] = [constant.header];
    const directory = Buffer.alloc(16 * constant.order.length);
    let offset = 12 + directory.length;
    const bodies: Uint8Array[] = [];
    constant.order.forEach((tag, i) => {
      const body = tables.get(tag) ?? constant.byTag.get(tag)!;
      directory.write(tag, 16 * i, 4, 'latin1');
      directory.writeUInt32BE(0, 16 * i + 4); // fontkit writes no checksums
      directory.writeUInt32BE(offset, 16 * i + 8);
      directory.writeUInt32BE(body.length, 16 * i + 12);
      bodies.push(body);
      offset += body.length;
    });
    parts.push(directory, ...bodies);
    return Buffer.concat(parts);
  }
}

function withUint16(table: Buffer, at: number, value: number): Buffer {
  const copy = Buffer.from(table);
  copy.writeUInt16BE(value, at);
  return copy;
}

/** Where each glyph starts, and the end: 32-bit offsets, or 16-bit halves (the face's format). */
function locaOf(glyf: readonly Uint8Array[], long: boolean): Buffer {
  const loca = Buffer.alloc((glyf.length + 1) * (long ? 4 : 2));
  let offset = 0;
  for (let i = 0; i <= glyf.length; i++) {
    if (long) loca.writeUInt32BE(offset, 4 * i);
    else loca.writeUInt16BE(offset >>> 1, 2 * i);
    if (i < glyf.length) offset += glyf[i].length;
  }
  return loca;
}

/** Every glyph's advance and left side bearing (no short form, as fontkit writes it). */
function hmtxOf(glyphs: readonly ExtractedGlyph[]): Buffer {
  const hmtx = Buffer.alloc(4 * glyphs.length);
  glyphs.forEach((glyph, i) => {
    hmtx.writeUInt16BE(glyph.advance, 4 * i);
    hmtx.writeInt16BE(glyph.bearing, 4 * i + 2);
  });
  return hmtx;
}

/** fontkit's internals this file reads (not in its typings). */
interface FontInternals {
  directory: { tables: Record<string, unknown> };
  loca: { version: number; offsets: number[] };
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  createSubset(): { includeGlyph(glyph: number): number; encode(): Uint8Array };
}

interface DecodableGlyph extends Glyph {
  _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;
  _getMetrics(): { leftBearing: number };
}

/** What fontkit's TTFSubset._addGlyph reads of a glyph, read once. */
function extractGlyph(face: Font, gid: number): ExtractedGlyph {
  const font = face as unknown as FontInternals;
  const glyph = face.getGlyph(gid) as DecodableGlyph;
  const glyf = glyph._decode();
  const start = font.loca.offsets[gid];
  const end = font.loca.offsets[gid + 1];
  const stream = font._getTableStream('glyf');
  stream.pos += start;
  const bytes = Uint8Array.from(stream.readBuffer(end - start));
  return {
    bytes,
    components:
      glyf && glyf.numberOfContours < 0
        ? (glyf.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos }))
        : [],
    advance: glyph.advanceWidth,
    bearing: glyph._getMetrics().leftBearing,
  };
}

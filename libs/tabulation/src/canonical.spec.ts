import fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
  CanonicalResult,
  canonicalResultsJson,
  compareResultOrder,
  tabulationHash,
} from './canonical';

const row = (
  r: Partial<CanonicalResult> & Pick<CanonicalResult, 'entryCode' | 'scopeKey'>,
): CanonicalResult => ({
  sheetCount: 3,
  complete: true,
  scoreExact: null,
  score: null,
  rank: null,
  award: null,
  advanced: false,
  ...r,
});

const ROWS: CanonicalResult[] = [
  row({
    entryCode: 'B-2',
    scopeKey: 'B',
    scoreExact: '95/1',
    score: 95,
    rank: 1,
    award: 'gold',
    advanced: true,
  }),
  row({
    entryCode: 'A-9',
    scopeKey: 'A',
    sheetCount: 1,
    complete: false,
    scoreExact: '80/1',
    score: 80,
  }),
  row({
    entryCode: 'A-1',
    scopeKey: 'A',
    scoreExact: '256/3',
    score: 85.333,
    rank: 2,
    award: 'silver',
  }),
  row({
    entryCode: 'A-2',
    scopeKey: 'A',
    sheetCount: 2,
    scoreExact: '171/2',
    score: 85.5,
    rank: 1,
    award: 'gold',
    advanced: true,
  }),
  row({ entryCode: '工艺-1', scopeKey: '工艺', sheetCount: 0, complete: false }),
];

/** Written out by hand from §7: order, keys, no white space, shortest numbers, raw non-ASCII. */
const EXPECTED =
  '[' +
  '{"entryCode":"A-2","scopeKey":"A","sheetCount":2,"complete":true,"scoreExact":"171/2","score":85.5,"rank":1,"award":"gold","advanced":true},' +
  '{"entryCode":"A-1","scopeKey":"A","sheetCount":3,"complete":true,"scoreExact":"256/3","score":85.333,"rank":2,"award":"silver","advanced":false},' +
  '{"entryCode":"A-9","scopeKey":"A","sheetCount":1,"complete":false,"scoreExact":"80/1","score":80,"rank":null,"award":null,"advanced":false},' +
  '{"entryCode":"B-2","scopeKey":"B","sheetCount":3,"complete":true,"scoreExact":"95/1","score":95,"rank":1,"award":"gold","advanced":true},' +
  '{"entryCode":"工艺-1","scopeKey":"工艺","sheetCount":0,"complete":false,"scoreExact":null,"score":null,"rank":null,"award":null,"advanced":false}' +
  ']';

describe('canonical JSON and hash (§7)', () => {
  it('writes the results exactly as §7 defines', () => {
    expect(canonicalResultsJson(ROWS)).toBe(EXPECTED);
  });

  it('hashes the UTF-8 bytes with sha256, lower-case hex', () => {
    const hash = tabulationHash(ROWS);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash('sha256').update(Buffer.from(EXPECTED, 'utf8')).digest('hex'));
  });

  it('keeps only the keys of §7, whatever else a result carries', () => {
    const extra = ROWS.map((r) => ({ ...r, entryId: 'x', criterionScores: [] }));
    expect(canonicalResultsJson(extra)).toBe(EXPECTED);
  });

  it('orders codes by code point and ranks with nulls last', () => {
    const rows = [
      row({ entryCode: '\u{1F600}', scopeKey: 'S', rank: 1 }),
      row({ entryCode: '\uFB01', scopeKey: 'S', rank: 1 }),
      row({ entryCode: 'a', scopeKey: 'S', rank: null }),
      row({ entryCode: 'b', scopeKey: 'S', rank: 10 }),
      row({ entryCode: 'c', scopeKey: 'S', rank: 9 }),
    ];
    const order = (JSON.parse(canonicalResultsJson(rows)) as CanonicalResult[]).map(
      (r) => r.entryCode,
    );
    expect(order).toEqual(['\uFB01', '\u{1F600}', 'c', 'b', 'a']);
  });

  it('writes ZSCORE scores with their 4 decimals and no scoreExact', () => {
    const json = canonicalResultsJson([
      row({ entryCode: 'E', scopeKey: 'ROUND', score: -1.3195, rank: 3 }),
    ]);
    expect(json).toContain('"scoreExact":null,"score":-1.3195,"rank":3');
  });

  it('does not depend on the order of the results', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(ROWS, { minLength: ROWS.length }), (shuffled) => {
        expect(tabulationHash(shuffled)).toBe(tabulationHash(ROWS));
      }),
    );
  });

  it('refuses two rows it cannot order, and values JSON cannot carry', () => {
    expect(() => canonicalResultsJson([ROWS[0], { ...ROWS[0] }])).toThrow(RangeError);
    expect(() => canonicalResultsJson([{ ...ROWS[0], score: NaN }])).toThrow(RangeError);
    expect(() => canonicalResultsJson([{ ...ROWS[0], sheetCount: 1.5 }])).toThrow(RangeError);
  });

  it('sorts by scope first', () => {
    expect(
      compareResultOrder(
        row({ entryCode: 'Z', scopeKey: 'A', rank: 9 }),
        row({ entryCode: 'A', scopeKey: 'B', rank: 1 }),
      ),
    ).toBeLessThan(0);
  });
});

import { decimalFraction, fractionOf, unitsText } from './exact';
import { scoreHistogram, ScoredEntry } from './histogram';

const at = (score: number | null, categoryCode = 'TC-01', scoreExact: string | null = null) =>
  ({ score, scoreExact, categoryCode, categoryName: `类别 ${categoryCode}` }) as ScoredEntry;
const shape = (entries: ScoredEntry[], maxBins?: number) =>
  scoreHistogram(entries, maxBins).bins.map((b) => [b.from, b.to, b.total]);

describe('scoreHistogram', () => {
  it('puts a score on an edge in the bin that starts there, and the top score in the last bin', () => {
    expect(shape([at(80), at(85), at(90), at(100)], 4)).toEqual([
      ['80', '85', 1],
      ['85', '90', 1],
      ['90', '95', 1],
      ['95', '100', 1],
    ]);
  });

  it('places by exact fractions where floats would put an edge score one bin low', () => {
    // 0.3 / 0.1 is 2.9999999999999996 in floats: Math.floor would put 0.3 in [0.2, 0.3)
    expect(0.3 / 0.1).toBeLessThan(3);
    const bins = shape([at(0.1), at(0.2), at(0.3), at(1)]);
    expect(bins).toHaveLength(9);
    expect(bins.slice(0, 3)).toEqual([
      ['0.1', '0.2', 1],
      ['0.2', '0.3', 1],
      ['0.3', '0.4', 1],
    ]);
    expect(bins[8]).toEqual(['0.9', '1', 1]);
  });

  it("uses the API's exact 'p/q', not the rounded float, at an edge", () => {
    // 79.9996 (exactly 199999/2500) is shown rounded as 80, but is below 80
    const entries = [at(60), at(80, 'TC-01', '199999/2500'), at(80), at(81)];
    expect(shape(entries, 3)).toEqual([
      ['60', '70', 1],
      ['70', '80', 1],
      ['80', '90', 2],
    ]);
  });

  it('counts per category beside the total, entries without a score apart', () => {
    const h = scoreHistogram(
      [at(71, 'TC-02'), at(72, 'TC-01'), at(78, 'TC-01'), at(null, 'BZ-01'), at(88, 'BZ-01')],
      10,
    );
    expect(h.categories.map((c) => c.code)).toEqual(['BZ-01', 'TC-01', 'TC-02']);
    expect(h.scored).toBe(4);
    expect(h.unscored).toBe(1);
    const rows = h.bins.map((b) => [b.from, b.to, b.total, ...b.byCategory]);
    expect(rows).toEqual([
      ['70', '72', 1, 0, 0, 1],
      ['72', '74', 1, 0, 1, 0],
      ['74', '76', 0, 0, 0, 0],
      ['76', '78', 0, 0, 0, 0],
      ['78', '80', 1, 0, 1, 0],
      ['80', '82', 0, 0, 0, 0],
      ['82', '84', 0, 0, 0, 0],
      ['84', '86', 0, 0, 0, 0],
      ['86', '88', 1, 1, 0, 0],
    ]);
    expect(rows.reduce((n, r) => n + (r[2] as number), 0)).toBe(4);
  });

  it('gives one bin of width 1 to scores that are all the same, and none to no score', () => {
    expect(shape([at(7.5), at(7.5)])).toEqual([['7', '8', 2]]);
    expect(shape([at(8), at(8)])).toEqual([['8', '9', 2]]);
    expect(scoreHistogram([at(null)]).bins).toEqual([]);
  });

  it('handles negative scores (z-scores) on their edges', () => {
    expect(shape([at(-1), at(-0.5), at(0), at(0.5)], 4)).toEqual([
      ['-1', '-0.5', 1],
      ['-0.5', '0', 1],
      ['0', '0.5', 2],
    ]);
  });

  it('never makes more bins than asked', () => {
    for (const top of [1, 7, 9.999, 10, 33, 99.5, 100, 1000]) {
      const h = scoreHistogram([at(0), at(top)], 10);
      expect(h.bins.length).toBeLessThanOrEqual(10);
      expect(h.bins[0].total + h.bins[h.bins.length - 1].total).toBe(2);
      expect(h.bins[h.bins.length - 1].total).toBe(1);
    }
  });
});

describe('exact fractions', () => {
  it('reads decimals and p/q exactly', () => {
    expect(decimalFraction('85.25')).toEqual({ p: 8525n, q: 100n });
    expect(decimalFraction('-1.5e-7')).toEqual({ p: -15n, q: 100000000n });
    expect(decimalFraction('2e3')).toEqual({ p: 2000n, q: 1n });
    expect(fractionOf(85.333, '256/3')).toEqual({ p: 256n, q: 3n });
    expect(fractionOf(0.3)).toEqual({ p: 3n, q: 10n });
    expect(unitsText(8525n, 2)).toBe('85.25');
    expect(unitsText(-50n, 2)).toBe('-0.5');
    expect(unitsText(800n, 2)).toBe('8');
    expect(unitsText(5n, 1)).toBe('0.5');
  });
});

import fc from 'fast-check';
import { RankedTwice, kendallTauB } from './kendall-tau';

const items = (xs: number[], ys: number[], group = 'A'): RankedTwice[] =>
  xs.map((x, i) => ({ group, x, y: ys[i] }));

/** Every pair of the same group, counted one by one: the definition, O(n²). */
function bruteForce(list: readonly RankedTwice[]) {
  let pairs = 0;
  let difference = 0;
  let tiedX = 0;
  let tiedY = 0;
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      if (list[i].group !== list[j].group) continue;
      pairs++;
      const dx = Math.sign(list[i].x - list[j].x);
      const dy = Math.sign(list[i].y - list[j].y);
      if (dx === 0) tiedX++;
      if (dy === 0) tiedY++;
      difference += dx * dy;
    }
  }
  return { pairs, concordantMinusDiscordant: difference, tiedX, tiedY };
}

describe("kendallTauB: Kendall's τ-b, pooled within groups", () => {
  it('counts a textbook example: one swapped pair of four', () => {
    // C = 5, D = 1: τ = 4/6.
    expect(kendallTauB(items([1, 2, 3, 4], [1, 3, 2, 4]))).toEqual({
      pairs: 6,
      concordantMinusDiscordant: 4,
      tiedX: 0,
      tiedY: 0,
      value: 0.667,
    });
  });

  it('is 1 for the same order, −1 reversed, null when a side ties everything', () => {
    expect(kendallTauB(items([1, 2, 3], [10, 20, 30])).value).toBe(1);
    expect(kendallTauB(items([1, 2, 3], [3, 2, 1])).value).toBe(-1);
    expect(kendallTauB(items([1, 1, 1], [3, 2, 1])).value).toBeNull();
    expect(kendallTauB([]).value).toBeNull();
  });

  it('corrects for ties in both rankings (competition ranks 1, 2, 2, 4)', () => {
    // x = 1 2 2 4, y = 1 3 2 3: of the 6 pairs, (2,3) ties in x, (2,4) in y, the other four
    // are concordant: τ-b = 4 / √(5 · 5) = 0.8.
    const tau = kendallTauB(items([1, 2, 2, 4], [1, 3, 2, 3]));
    expect(tau).toMatchObject(bruteForce(items([1, 2, 2, 4], [1, 3, 2, 3])));
    expect(tau).toMatchObject({ concordantMinusDiscordant: 4, tiedX: 1, tiedY: 1, value: 0.8 });
  });

  it('never pairs items of different groups', () => {
    // Within each group the order agrees; across groups it would not.
    const list = [...items([1, 2], [1, 2], 'A'), ...items([1, 2], [2, 3], 'B')];
    expect(kendallTauB(list)).toMatchObject({ pairs: 2, concordantMinusDiscordant: 2, value: 1 });
  });

  it('agrees with the pair-by-pair definition on random rankings with ties', () => {
    const list = fc.array(
      fc.record({
        group: fc.constantFrom('A', 'B', 'C'),
        x: fc.integer({ min: 1, max: 8 }),
        y: fc.integer({ min: 1, max: 8 }),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(list, (l) => {
        const tau = kendallTauB(l);
        const brute = bruteForce(l);
        expect(tau).toMatchObject(brute);
        const denominator = (brute.pairs - brute.tiedX) * (brute.pairs - brute.tiedY);
        expect(tau.value).toBe(
          denominator > 0
            ? Number((brute.concordantMinusDiscordant / Math.sqrt(denominator)).toFixed(3)) || 0
            : null,
        );
      }),
      { numRuns: 500 },
    );
  });
});

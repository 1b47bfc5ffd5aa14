import fc from 'fast-check';
import {
  EXACT_ORDER,
  Rankable,
  ZSCORE_ORDER,
  compareRationalLists,
  competitionRanks,
  tieSizes,
} from './rank';
import { Rational } from './rational';

type Item<A> = Rankable<A> & { tieBreaks: Rational[] };
const byTieBreaks = <A>(a: Item<A>, b: Item<A>) => compareRationalLists(a.tieBreaks, b.tieBreaks);

const exact = (aggregates: number[], tieBreaks: number[][] = []): Item<Rational>[] =>
  aggregates.map((a, i) => ({
    code: `E${i}`,
    aggregate: Rational.of(a),
    tieBreaks: (tieBreaks[i] ?? []).map((t) => Rational.of(t)),
  }));

const z = (aggregates: number[], tieBreaks: number[][] = []): Item<number>[] =>
  aggregates.map((a, i) => ({
    code: `E${i}`,
    aggregate: a,
    tieBreaks: (tieBreaks[i] ?? []).map((t) => Rational.of(t)),
  }));

describe('competition ranks (§4)', () => {
  it('1, 2, 2, 4', () => {
    expect(competitionRanks(exact([90, 85, 85, 80]), EXACT_ORDER, byTieBreaks)).toEqual([
      1, 2, 2, 4,
    ]);
    expect(competitionRanks(exact([85, 80, 90, 85]), EXACT_ORDER, byTieBreaks)).toEqual([
      2, 4, 1, 2,
    ]);
  });

  it('compares fractions exactly', () => {
    const items: Item<Rational>[] = [
      { code: 'a', aggregate: Rational.of(171, 2), tieBreaks: [] },
      { code: 'b', aggregate: Rational.of(342, 4), tieBreaks: [] },
      { code: 'c', aggregate: Rational.of(256, 3), tieBreaks: [] }, // 85.333… below 85.5
      { code: 'd', aggregate: Rational.of(85_500_000_001n, 1_000_000_000n), tieBreaks: [] },
    ];
    expect(competitionRanks(items, EXACT_ORDER, byTieBreaks)).toEqual([2, 2, 4, 1]);
  });

  it('splits ties by each tie-break criterion in order, descending', () => {
    const ranks = competitionRanks(
      exact(
        [85, 85, 85, 85, 90],
        [
          [7, 1],
          [9, 1],
          [9, 2],
          [9, 2],
          [0, 0],
        ],
      ),
      EXACT_ORDER,
      byTieBreaks,
    );
    expect(ranks).toEqual([5, 4, 2, 2, 1]);
  });

  it('an empty scope has no ranks', () => {
    expect(competitionRanks([], EXACT_ORDER, byTieBreaks)).toEqual([]);
  });

  it('ZSCORE: aggregates with the same key (rounded half-up to 9 decimals) are equal', () => {
    expect(competitionRanks(z([0.5, 0.5 + 4e-10, 0.4]), ZSCORE_ORDER, byTieBreaks)).toEqual([
      1, 1, 3,
    ]);
    expect(competitionRanks(z([0.5, 0.5 + 2e-9, 0.4]), ZSCORE_ORDER, byTieBreaks)).toEqual([
      2, 1, 3,
    ]);
    expect(competitionRanks(z([-1, -1 - 1e-12]), ZSCORE_ORDER, byTieBreaks)).toEqual([1, 1]);
    // 0.5000000004 and 0.5000000006 are 2e-10 apart but on either side of a half-way point
    expect(competitionRanks(z([0.5000000004, 0.5000000006]), ZSCORE_ORDER, byTieBreaks)).toEqual([
      2, 1,
    ]);
    // within one key the tie-breaks decide, whatever the tiny differences
    expect(competitionRanks(z([1e-10, 0], [[1], [2]]), ZSCORE_ORDER, byTieBreaks)).toEqual([2, 1]);
  });

  it('ZSCORE: steps of 7.18e-10 do not chain into one tie; the keys order them (issue 23)', () => {
    const [a, b, c] = [0.5000000001, 0.500000000818, 0.500000001536];
    // Each step is below 1e-9, the whole chain above it: the old "difference below 1e-9" rule
    // tied a, b and c, and its tie-breaks (a best, c worst) then ranked them against their
    // aggregates: a 1, b 2, c 3.
    expect([b - a < 1e-9, c - b < 1e-9, c - a > 1e-9]).toEqual([true, true, true]);
    // Keys 500000000, 500000001, 500000002.
    const items = z([a, b, c], [[3], [2], [1]]);
    expect(competitionRanks(items, ZSCORE_ORDER, byTieBreaks)).toEqual([3, 2, 1]);
    // Shifted so that b and c share a key (500000001): they tie and the tie-break decides
    // between them only; a stays below both.
    const shifted = z([0.5, 0.500000000718, 0.500000001436], [[3], [2], [1]]);
    expect(competitionRanks(shifted, ZSCORE_ORDER, byTieBreaks)).toEqual([3, 1, 2]);
  });

  it('counts the entries sharing each rank', () => {
    expect([...tieSizes([1, 2, 2, 4])]).toEqual([
      [1, 1],
      [2, 2],
      [4, 1],
    ]);
  });

  const scope = fc.array(
    fc.record({
      aggregate: fc.integer({ min: 0, max: 12 }),
      tieBreaks: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 2 }),
    }),
    { maxLength: 30 },
  );
  const rankables = (xs: { aggregate: number; tieBreaks: number[] }[]) =>
    exact(
      xs.map((x) => x.aggregate),
      xs.map((x) => x.tieBreaks),
    );

  /** Strictly ahead, straight from §4: a higher aggregate, or equal and better on the tie-breaks. */
  const ahead = (
    x: { aggregate: number; tieBreaks: number[] },
    e: { aggregate: number; tieBreaks: number[] },
  ) => {
    if (x.aggregate !== e.aggregate) return x.aggregate > e.aggregate;
    for (let k = 0; k < x.tieBreaks.length; k++) {
      if (x.tieBreaks[k] !== e.tieBreaks[k]) return x.tieBreaks[k] > e.tieBreaks[k];
    }
    return false;
  };

  it('rank = 1 + the number of entries strictly ahead', () => {
    fc.assert(
      fc.property(scope, (xs) => {
        const ranks = competitionRanks(rankables(xs), EXACT_ORDER, byTieBreaks);
        xs.forEach((e, i) => expect(ranks[i]).toBe(1 + xs.filter((x) => ahead(x, e)).length));
      }),
    );
  });

  /** ZSCORE aggregates that crowd the 1e-9 grid: chains of 7.18e-10 steps, half-way points. */
  const crowdedZ = fc.oneof(
    fc
      .tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 6 }))
      .map(([level, step]) => level / 1000 + step * 7.18e-10),
    fc.integer({ min: -4, max: 4 }).map((k) => (k + 0.5) / 1e9),
    fc.double({ min: -2e-9, max: 2e-9, noNaN: true }),
  );
  const keyOf = (x: number) => BigInt(x.toFixed(9).replace('.', ''));

  it('ZSCORE: rank = 1 + the number of entries with a higher key, or the same key and better tie-breaks', () => {
    const zScope = fc.array(
      fc.record({
        aggregate: crowdedZ,
        tieBreaks: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 1 }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(zScope, (xs) => {
        const items = z(
          xs.map((x) => x.aggregate),
          xs.map((x) => x.tieBreaks),
        );
        const ranks = competitionRanks(items, ZSCORE_ORDER, byTieBreaks);
        items.forEach((e, i) => {
          const strictlyAhead = items.filter(
            (x) =>
              keyOf(x.aggregate) > keyOf(e.aggregate) ||
              (keyOf(x.aggregate) === keyOf(e.aggregate) &&
                x.tieBreaks[0].compare(e.tieBreaks[0]) > 0),
          ).length;
          expect(ranks[i]).toBe(1 + strictlyAhead);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('ZSCORE: the order is total, antisymmetric and transitive, and equality is an equivalence', () => {
    const sign = (x: number) => Math.sign(x);
    fc.assert(
      fc.property(crowdedZ, crowdedZ, crowdedZ, (a, b, c) => {
        const ab = sign(ZSCORE_ORDER.compare(a, b));
        const bc = sign(ZSCORE_ORDER.compare(b, c));
        const ac = sign(ZSCORE_ORDER.compare(a, c));
        // total and antisymmetric: exactly one of <, =, >, mirrored
        expect(sign(ZSCORE_ORDER.compare(b, a))).toBe(-ab || 0);
        expect(ZSCORE_ORDER.equal(a, b)).toBe(ab === 0);
        expect(ZSCORE_ORDER.compare(a, a)).toBe(0);
        // transitive: ≤ and = carry over
        if (ab <= 0 && bc <= 0) expect(ac).toBeLessThanOrEqual(0);
        if (ab === 0 && bc === 0) expect(ac).toBe(0);
        // and never against the aggregates' own order
        if (a < b) expect(ab).toBeLessThanOrEqual(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('ZSCORE: ranks never go against the aggregates, whatever the tie-breaks', () => {
    const zScope = fc.array(
      fc.record({ aggregate: crowdedZ, tieBreak: fc.integer({ min: 0, max: 3 }) }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(zScope, (xs) => {
        const items = z(
          xs.map((x) => x.aggregate),
          xs.map((x) => [x.tieBreak]),
        );
        const ranks = competitionRanks(items, ZSCORE_ORDER, byTieBreaks);
        for (let i = 0; i < items.length; i++) {
          for (let j = 0; j < items.length; j++) {
            if (keyOf(items[i].aggregate) > keyOf(items[j].aggregate)) {
              expect(ranks[i]).toBeLessThan(ranks[j]);
            }
          }
        }
      }),
    );
  });

  it('ZSCORE: does not depend on the order of the entries', () => {
    const zScope = fc.array(
      fc.record({ aggregate: crowdedZ, tieBreak: fc.integer({ min: 0, max: 2 }) }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(
        zScope.chain((xs) =>
          fc.tuple(
            fc.constant(xs),
            fc.shuffledSubarray(
              xs.map((_, i) => i),
              { minLength: xs.length },
            ),
          ),
        ),
        ([xs, order]) => {
          const items = z(
            xs.map((x) => x.aggregate),
            xs.map((x) => [x.tieBreak]),
          );
          const ranks = competitionRanks(items, ZSCORE_ORDER, byTieBreaks);
          const shuffled = competitionRanks(
            order.map((i) => items[i]),
            ZSCORE_ORDER,
            byTieBreaks,
          );
          order.forEach((i, k) => expect(shuffled[k]).toBe(ranks[i]));
        },
      ),
    );
  });

  it('does not depend on the order of the entries', () => {
    fc.assert(
      fc.property(
        scope.chain((xs) =>
          fc.tuple(
            fc.constant(xs),
            fc.shuffledSubarray(
              xs.map((_, i) => i),
              { minLength: xs.length },
            ),
          ),
        ),
        ([xs, order]) => {
          const items = rankables(xs);
          const ranks = competitionRanks(items, EXACT_ORDER, byTieBreaks);
          const shuffled = competitionRanks(
            order.map((i) => items[i]),
            EXACT_ORDER,
            byTieBreaks,
          );
          order.forEach((i, k) => expect(shuffled[k]).toBe(ranks[i]));
        },
      ),
    );
  });
});

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

  it('ZSCORE: aggregates less than 1e-9 apart are equal', () => {
    expect(competitionRanks(z([0.5, 0.5 + 5e-10, 0.4]), ZSCORE_ORDER, byTieBreaks)).toEqual([
      1, 1, 3,
    ]);
    expect(competitionRanks(z([0.5, 0.5 + 2e-9, 0.4]), ZSCORE_ORDER, byTieBreaks)).toEqual([
      2, 1, 3,
    ]);
    expect(competitionRanks(z([-1, -1 - 1e-12]), ZSCORE_ORDER, byTieBreaks)).toEqual([1, 1]);
  });

  it('ZSCORE: a chain of near-equal aggregates is one tie (the equivalence the ranks need)', () => {
    // 0 ~ 0.6e-9 ~ 1.2e-9, though 0 and 1.2e-9 are 1.2e-9 apart
    expect(competitionRanks(z([1.2e-9, 0.6e-9, 0]), ZSCORE_ORDER, byTieBreaks)).toEqual([1, 1, 1]);
    // and within the tie the tie-breaks decide, whatever the tiny differences
    expect(competitionRanks(z([1e-10, 0], [[1], [2]]), ZSCORE_ORDER, byTieBreaks)).toEqual([2, 1]);
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

  it('ZSCORE: rank = 1 + the number of entries at least 1e-9 higher, or as high and better on tie-breaks', () => {
    // Values on a 1e-3 grid plus noise far below 1e-9: no chain can span 1e-9.
    const zScope = fc.array(
      fc.record({
        level: fc.integer({ min: -5, max: 5 }),
        noise: fc.double({ min: -1e-12, max: 1e-12, noNaN: true }),
        tieBreaks: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 1 }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(zScope, (xs) => {
        const items = z(
          xs.map((x) => x.level / 1000 + x.noise),
          xs.map((x) => x.tieBreaks),
        );
        const ranks = competitionRanks(items, ZSCORE_ORDER, byTieBreaks);
        items.forEach((e, i) => {
          const strictlyAhead = items.filter(
            (x) =>
              x.aggregate - e.aggregate >= 1e-9 ||
              (Math.abs(x.aggregate - e.aggregate) < 1e-9 &&
                x.tieBreaks[0].compare(e.tieBreaks[0]) > 0),
          ).length;
          expect(ranks[i]).toBe(1 + strictlyAhead);
        });
      }),
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

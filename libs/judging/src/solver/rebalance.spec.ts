import fc from 'fast-check';
import { greedyAssign } from './greedy';
import { PanelProblem } from './panel-problem';
import { PanelState } from './panel-state';
import { mulberry32 } from './prng';
import { rebalance } from './rebalance';
import { solvePanel } from './solve-panel';

/** A panel of judges 0..n-1 given as each entry's eligible judges and demand. */
function problemOf(eligible: number[][], demand: number[], judgeCount: number): PanelProblem {
  return {
    panelId: 'p',
    judgeIds: Array.from({ length: judgeCount }, (_, j) => `J${j}`),
    entries: eligible.map((_, e) => ({ id: `e${e}`, categoryId: 'c', entrantId: 'x' })),
    eligible: eligible.map((judges) => Int32Array.from(judges)),
    demand: Int32Array.from(demand),
    preload: new Int32Array(judgeCount),
  };
}

function stateOf(problem: PanelProblem, held: number[][]): PanelState {
  const state = new PanelState(problem);
  held.forEach((judges, e) => judges.forEach((j) => state.assign(e, j)));
  return state;
}

describe('rebalance', () => {
  it('moves a unit along a path of two entries when no direct move exists', () => {
    // e0 (A or B) and e2 (A only) are on A, e1 (B or C) on B; C has nothing. A cannot hand
    // anything to C directly, but A –e0→ B –e1→ C can.
    const problem = problemOf([[0, 1], [1, 2], [0]], [1, 1, 1], 3);
    const state = stateOf(problem, [[0], [1], [0]]);
    expect(Array.from(state.load)).toEqual([2, 1, 0]);

    expect(rebalance(problem, state, mulberry32(1))).toBe(1);

    expect(Array.from(state.load)).toEqual([1, 1, 1]);
    expect([0, 1, 2].map((e) => state.judgesOf(e))).toEqual([[1], [2], [0]]);
  });

  it('leaves loads alone when the conflicts allow nothing better', () => {
    // e0 and e1 can only go to A: 2, 0 is the best there is.
    const problem = problemOf([[0], [0]], [1, 1], 2);
    const state = stateOf(problem, [[0], [0]]);
    expect(rebalance(problem, state, mulberry32(1))).toBe(0);
    expect(Array.from(state.load)).toEqual([2, 0]);
  });

  it('never moves an entry to a judge who already holds it', () => {
    // e0 holds A and B and may have C; e1 holds A. A –e1→ nobody (only A eligible), A –e0→ C.
    const problem = problemOf([[0, 1, 2], [0]], [2, 1], 3);
    const state = stateOf(problem, [[0, 1], [0]]);
    rebalance(problem, state, mulberry32(3));
    expect(Array.from(state.load)).toEqual([1, 1, 1]);
    expect(state.judgesOf(0)).toEqual([1, 2]);
    expect(state.judgesOf(1)).toEqual([0]);
  });

  it('counts existing loads that it may not move', () => {
    // A already holds 3 fixed assignments; the new ones all belong elsewhere if they can.
    const problem = {
      ...problemOf(
        [
          [0, 1],
          [0, 1],
        ],
        [1, 1],
        2,
      ),
      preload: Int32Array.from([3, 0]),
    };
    const state = stateOf(problem, [[0], [1]]);
    rebalance(problem, state, mulberry32(5));
    expect(Array.from(state.load)).toEqual([3, 2]);
  });

  it('reaches loads within one of each other from any start when nobody is barred', () => {
    const eligible = Array.from({ length: 30 }, () => [0, 1, 2, 3, 4]);
    const problem = problemOf(eligible, new Array(30).fill(2), 5);
    // The worst start: everything on judges 0 and 1.
    const state = stateOf(
      problem,
      eligible.map(() => [0, 1]),
    );
    rebalance(problem, state, mulberry32(9));
    expect(Array.from(state.load)).toEqual([12, 12, 12, 12, 12]);
  });
});

describe('greedyAssign', () => {
  it('keeps loads within one without conflicts, for any seed', () => {
    const eligible = Array.from({ length: 23 }, () => [0, 1, 2, 3, 4, 5, 6]);
    const problem = problemOf(eligible, new Array(23).fill(3), 7);
    for (let seed = 0; seed < 20; seed++) {
      const state = greedyAssign(problem, mulberry32(seed));
      expect(Math.max(...state.load) - Math.min(...state.load)).toBeLessThanOrEqual(1);
      expect(state.load.reduce((a, b) => a + b, 0)).toBe(69);
    }
  });

  it('serves the entries with no choice first', () => {
    // e0 may go anywhere, e1 only to A: whichever seed, e0 does not take A from under e1's feet.
    const problem = problemOf([[0, 1], [0]], [1, 1], 2);
    for (let seed = 0; seed < 20; seed++) {
      const state = greedyAssign(problem, mulberry32(seed));
      expect(state.judgesOf(0)).toEqual([1]);
    }
  });
});

/**
 * Random panels: each entry's eligible judges (each judge barred with probability 3/10, as
 * conflicts would), its demand, and fixed existing loads.
 */
const panelArb = fc
  .record({
    judgeCount: fc.integer({ min: 3, max: 5 }),
    entryCount: fc.integer({ min: 2, max: 5 }),
  })
  .chain(({ judgeCount, entryCount }) =>
    fc.record({
      judgeCount: fc.constant(judgeCount),
      entries: fc.array(
        fc
          .record({
            draws: fc.array(fc.integer({ min: 0, max: 9 }), {
              minLength: judgeCount,
              maxLength: judgeCount,
            }),
            wanted: fc.integer({ min: 0, max: 3 }),
          })
          .map(({ draws, wanted }) => {
            const eligible = draws.flatMap((draw, j) => (draw < 7 ? [j] : []));
            return { eligible, demand: Math.min(wanted, eligible.length) };
          }),
        { minLength: entryCount, maxLength: entryCount },
      ),
      preload: fc.array(fc.integer({ min: 0, max: 2 }), {
        minLength: judgeCount,
        maxLength: judgeCount,
      }),
      seed: fc.integer(),
    }),
  )
  .filter(
    ({ entries }) =>
      entries.reduce((n, { eligible, demand }) => n * binomial(eligible.length, demand), 1) <=
      20_000,
  );

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

function subsets(items: number[], size: number): number[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, size - 1).map((s) => [first, ...s]), ...subsets(rest, size)];
}

/** The least largest load, greatest smallest load and least spread of every assignment. */
function exhaustive(entries: { eligible: number[]; demand: number }[], preload: number[]) {
  const best = { max: Infinity, min: -Infinity, spread: Infinity };
  const choices = entries.map(({ eligible, demand }) => subsets(eligible, demand));
  const visit = (e: number, load: number[]) => {
    if (e === choices.length) {
      const max = Math.max(...load);
      const min = Math.min(...load);
      best.max = Math.min(best.max, max);
      best.min = Math.max(best.min, min);
      best.spread = Math.min(best.spread, max - min);
      return;
    }
    for (const chosen of choices[e]) {
      for (const j of chosen) load[j]++;
      visit(e + 1, load);
      for (const j of chosen) load[j]--;
    }
  };
  visit(0, [...preload]);
  return best;
}

describe('solvePanel', () => {
  it('reaches the least spread, the least largest and the greatest smallest load there are', () => {
    fc.assert(
      fc.property(panelArb, ({ judgeCount, entries, preload, seed }) => {
        const problem = {
          ...problemOf(
            entries.map((e) => e.eligible),
            entries.map((e) => e.demand),
            judgeCount,
          ),
          preload: Int32Array.from(preload),
        };
        const state = solvePanel(problem, mulberry32(seed));
        entries.forEach(({ eligible, demand }, e) => {
          const held = state.judgesOf(e);
          expect(held).toHaveLength(demand);
          for (const j of held) expect(eligible).toContain(j);
        });
        const loads = Array.from(state.load);
        const best = exhaustive(entries, preload);
        expect(Math.max(...loads)).toBe(best.max);
        expect(Math.min(...loads)).toBe(best.min);
        expect(Math.max(...loads) - Math.min(...loads)).toBe(best.spread);
      }),
      { numRuns: 1000 },
    );
  });
});

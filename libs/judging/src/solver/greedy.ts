import { PanelProblem } from './panel-problem';
import { PanelState } from './panel-state';
import { Random } from './prng';

/**
 * A first, nearly balanced assignment: entries with the least room for choice first (fewest
 * eligible judges beyond what they need; ties in seeded random order), each given its
 * least-loaded eligible judges (ties in seeded random order). Without conflicts this alone
 * keeps every load within one of the others; with conflicts it can fall short, and
 * `rebalance` finishes the job. Starting close to the optimum keeps the repairs few.
 */
export function greedyAssign(problem: PanelProblem, random: Random): PanelState {
  const state = new PanelState(problem);
  const { eligible, demand } = problem;
  const entryCount = problem.entries.length;
  const order = Array.from({ length: entryCount }, (_, e) => e);
  const slack = order.map((e) => eligible[e].length - demand[e]);
  const shuffleKey = order.map(() => random());
  order.sort((a, b) => slack[a] - slack[b] || shuffleKey[a] - shuffleKey[b] || a - b);

  const tieKey = new Float64Array(problem.judgeIds.length);
  const chosen = new Uint8Array(problem.judgeIds.length);
  for (const e of order) {
    const need = demand[e];
    const candidates = eligible[e];
    if (need === candidates.length) {
      for (const j of candidates) state.assign(e, j);
      continue;
    }
    for (const j of candidates) tieKey[j] = random();
    // `need` rounds of "the least loaded not yet chosen": a handful of judges, no sort needed.
    for (let round = 0; round < need; round++) {
      let best = -1;
      for (const j of candidates) {
        if (chosen[j] === 1) continue;
        if (
          best === -1 ||
          state.load[j] < state.load[best] ||
          (state.load[j] === state.load[best] && tieKey[j] < tieKey[best])
        ) {
          best = j;
        }
      }
      chosen[best] = 1;
      state.assign(e, best);
    }
    for (const j of candidates) chosen[j] = 0;
  }
  return state;
}

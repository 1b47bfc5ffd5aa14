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
  for (const e of order) {
    const need = demand[e];
    if (need === 0) continue;
    const candidates = Array.from(eligible[e]);
    if (need < candidates.length) {
      for (const j of candidates) tieKey[j] = random();
      candidates.sort((a, b) => state.load[a] - state.load[b] || tieKey[a] - tieKey[b] || a - b);
    }
    for (let i = 0; i < need; i++) state.assign(e, candidates[i]);
  }
  return state;
}

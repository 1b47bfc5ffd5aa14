import { greedyAssign } from './greedy';
import { PanelProblem } from './panel-problem';
import { PanelState } from './panel-state';
import { Random } from './prng';
import { rebalance } from './rebalance';

/**
 * Every entry of the panel gets its `demand` of distinct eligible judges (so no conflict, no
 * recusing judge, nobody twice), with loads as even as the conflicts allow.
 */
export function solvePanel(problem: PanelProblem, random: Random): PanelState {
  const state = greedyAssign(problem, random);
  rebalance(problem, state, random);
  return state;
}

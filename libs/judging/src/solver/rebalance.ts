import { PanelProblem } from './panel-problem';
import { PanelState } from './panel-state';
import { Random } from './prng';

/**
 * Makes the loads of one panel as even as its conflicts allow, by handing new assignments on
 * along alternating paths. Returns the number of units moved.
 *
 * Why this is exact, and not one more heuristic: each entry needs a fixed number of distinct
 * judges out of its own eligible set, and judges have no capacity, so the judge-load vectors
 * that valid assignments reach are the integer points of an integral base polyhedron (the
 * degree vectors on one side of a bipartite graph whose other side has fixed degrees, shifted
 * by the existing loads): an M-convex set. Frank and Murota ("Discrete decreasing
 * minimization", 2020) show that in such a set a vector is decreasingly minimal, which makes
 * its largest load as small and its smallest load as large as any valid assignment's (so
 * max − min is the least possible), exactly when no single exchange improves it: no judges
 * a, b with load(a) ≥ load(b) + 2 such that one unit can pass from a to b.
 *
 * One unit can pass from a to b exactly when there is an alternating path
 * a –e1→ j1 –e2→ j2 … –ek→ b: each entry is newly held by the judge before it and neither held
 * by, nor barred for, the judge after it. Handing every entry of the path on one step lowers
 * a by one, raises b by one and leaves the judges in between as they were. Existing
 * assignments are never on a path: a top-up does not touch them.
 *
 * So, while a judge has a path to a judge at least two below it, move one unit along the
 * shortest path to the least-loaded such judge. Every move lowers Σ load² by at least 2, so
 * this ends, and when it ends no improving exchange is left: the loads are optimal. A flow
 * formulation with ⌊·⌋/⌈·⌉ capacity bounds is exact too, but needs lower bounds and a search
 * over the bounds once conflicts make the even split impossible; here the greedy start is
 * usually already optimal or a few moves away, and the final proof of optimality costs one
 * breadth-first search per judge at least two above the lightest one.
 */
export function rebalance(problem: PanelProblem, state: PanelState, random: Random): number {
  const judgeCount = problem.judgeIds.length;
  // A seeded order among equally loaded judges, so that ties do not always favour low ids.
  const priority = shuffledRanks(judgeCount, random);
  const search = new PathSearch(problem, state);
  let moves = 0;
  for (;;) {
    const heaviestFirst = Array.from({ length: judgeCount }, (_, j) => j).sort(
      (a, b) => state.load[b] - state.load[a] || priority[a] - priority[b],
    );
    const lightest = state.load[heaviestFirst[judgeCount - 1]];
    let moved = false;
    for (const source of heaviestFirst) {
      if (state.load[source] - lightest < 2) break;
      const target = search.lightestReachable(source, state.load[source] - 2, priority);
      if (target !== -1) {
        search.shiftAlongPath(source, target);
        moves++;
        moved = true;
        break;
      }
    }
    if (!moved) return moves;
  }
}

/** Breadth-first search over judges; an edge u → v is an entry u newly holds that v may take. */
class PathSearch {
  private readonly reached: Uint8Array;
  private readonly viaJudge: Int32Array;
  private readonly viaEntry: Int32Array;
  private readonly queue: Int32Array;

  constructor(
    private readonly problem: PanelProblem,
    private readonly state: PanelState,
  ) {
    const judgeCount = problem.judgeIds.length;
    this.reached = new Uint8Array(judgeCount);
    this.viaJudge = new Int32Array(judgeCount);
    this.viaEntry = new Int32Array(judgeCount);
    this.queue = new Int32Array(judgeCount);
  }

  /** The least-loaded judge reachable from `source` with a load ≤ `atMost`, or -1. */
  lightestReachable(source: number, atMost: number, priority: Int32Array): number {
    const reachedCount = this.explore(source);
    const load = this.state.load;
    let best = -1;
    for (let i = 1; i < reachedCount; i++) {
      const v = this.queue[i];
      if (load[v] > atMost) continue;
      if (
        best === -1 ||
        load[v] < load[best] ||
        (load[v] === load[best] && priority[v] < priority[best])
      ) {
        best = v;
      }
    }
    return best;
  }

  /** Moves each entry of the path found by the last search one judge on, ending at `target`. */
  shiftAlongPath(source: number, target: number): void {
    for (let v = target; v !== source; v = this.viaJudge[v]) {
      this.state.move(this.viaEntry[v], this.viaJudge[v], v);
    }
  }

  /** Fills `queue` with every judge reachable from `source`, in BFS order; returns how many. */
  private explore(source: number): number {
    const { eligible } = this.problem;
    const judgeCount = this.reached.length;
    this.reached.fill(0);
    this.reached[source] = 1;
    this.queue[0] = source;
    let head = 0;
    let tail = 1;
    while (head < tail && tail < judgeCount) {
      const u = this.queue[head++];
      for (const e of this.state.entriesOf[u]) {
        for (const v of eligible[e]) {
          if (this.reached[v] === 1 || this.state.holds(e, v)) continue;
          this.reached[v] = 1;
          this.viaJudge[v] = u;
          this.viaEntry[v] = e;
          this.queue[tail++] = v;
        }
        if (tail === judgeCount) break;
      }
    }
    return tail;
  }
}

function shuffledRanks(count: number, random: Random): Int32Array {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    [order[i], order[k]] = [order[k], order[i]];
  }
  const rank = new Int32Array(count);
  order.forEach((judge, position) => (rank[judge] = position));
  return rank;
}

import { PanelProblem } from './panel-problem';

/**
 * The new assignments of one panel while they are being built: which judge holds which
 * entry, and each judge's load (its existing active assignments on the panel plus new ones).
 */
export class PanelState {
  readonly load: Int32Array;
  /** entriesOf[j]: the entries judge j newly holds (Sets keep insertion order: deterministic). */
  readonly entriesOf: Set<number>[];
  private readonly holding: Uint8Array;
  private readonly judgeCount: number;

  constructor(problem: PanelProblem) {
    this.judgeCount = problem.judgeIds.length;
    this.load = Int32Array.from(problem.preload);
    this.entriesOf = problem.judgeIds.map(() => new Set<number>());
    this.holding = new Uint8Array(problem.entries.length * this.judgeCount);
  }

  holds(entry: number, judge: number): boolean {
    return this.holding[entry * this.judgeCount + judge] === 1;
  }

  assign(entry: number, judge: number): void {
    this.holding[entry * this.judgeCount + judge] = 1;
    this.entriesOf[judge].add(entry);
    this.load[judge]++;
  }

  /** Hands an entry from one judge to another; the caller checks the new one is eligible. */
  move(entry: number, from: number, to: number): void {
    this.holding[entry * this.judgeCount + from] = 0;
    this.entriesOf[from].delete(entry);
    this.load[from]--;
    this.assign(entry, to);
  }

  /** The judges entry `e` newly holds, in judge (so id) order. */
  judgesOf(entry: number): number[] {
    const judges: number[] = [];
    for (let j = 0; j < this.judgeCount; j++) if (this.holds(entry, j)) judges.push(j);
    return judges;
  }
}

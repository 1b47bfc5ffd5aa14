import { sortedIds } from './canonical';
import { ConflictIndex } from './conflicts';
import { ExistingAssignments } from './existing';
import { EntryInput, PanelInput } from './types';

/**
 * One panel's share of the round, in small integers: judges 0..n-1 in id order, entries
 * 0..m-1 in id order. Panels are independent (an entry has exactly one panel), so each is
 * solved on its own.
 */
export interface PanelProblem {
  readonly panelId: string;
  readonly judgeIds: readonly string[];
  readonly entries: readonly EntryInput[];
  /** For each entry, the judges it may get: not conflicted, not recused, not already on it. */
  readonly eligible: readonly Int32Array[];
  /**
   * For each entry, how many new judges it gets: what it lacks of `judgesPerEntry`, or every
   * eligible judge when there are fewer (a partial panel still gives sheets, and an entry with
   * `minSheets` of them is complete; the report lists it all the same).
   */
  readonly demand: Int32Array;
  /** For each judge, the active assignments it already holds on this panel's entries. */
  readonly preload: Int32Array;
}

export function buildPanelProblem(
  panel: PanelInput,
  entries: readonly EntryInput[],
  judgesPerEntry: number,
  conflicts: ConflictIndex,
  existing: ExistingAssignments,
): PanelProblem {
  const judgeIds = sortedIds(panel.judgeIds);
  const judgeIndex = new Map(judgeIds.map((id, index) => [id, index]));
  const preload = new Int32Array(judgeIds.length);
  const eligible: Int32Array[] = [];
  const demand = new Int32Array(entries.length);
  const candidates = new Int32Array(judgeIds.length);
  entries.forEach((entry, e) => {
    const active = existing.activeJudges(entry.id);
    for (const judgeId of active) {
      const j = judgeIndex.get(judgeId);
      if (j !== undefined) preload[j]++;
    }
    let count = 0;
    judgeIds.forEach((judgeId, j) => {
      if (
        !active.includes(judgeId) &&
        !existing.hasRecused(entry.id, judgeId) &&
        !conflicts.isConflicted(judgeId, entry)
      ) {
        candidates[count++] = j;
      }
    });
    eligible.push(candidates.slice(0, count));
    demand[e] = Math.min(Math.max(0, judgesPerEntry - active.length), count);
  });
  return { panelId: panel.id, judgeIds, entries, eligible, demand, preload };
}

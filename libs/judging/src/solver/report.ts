import { ExistingAssignments } from './existing';
import {
  AssignmentReport,
  EntryInput,
  NewAssignment,
  PanelInput,
  PanelLoad,
  UnassignableEntry,
} from './types';

export interface ReportInput {
  /** In id order. */
  readonly entries: readonly EntryInput[];
  /** The panels that cover at least one entry, in id order. */
  readonly panels: readonly PanelInput[];
  readonly entriesOfPanel: ReadonlyMap<string, readonly EntryInput[]>;
  readonly judgesPerEntry: number;
  readonly existing: ExistingAssignments;
  readonly assignments: readonly NewAssignment[];
}

/** The state after the run, as `AssignmentReport` in types.ts defines each figure. */
export function buildReport(input: ReportInput): AssignmentReport {
  // Every given entry's active judges after the run: the kept ones, then the new ones.
  const activeByEntry = new Map<string, string[]>(
    input.entries.map((entry) => [entry.id, [...input.existing.activeJudges(entry.id)]]),
  );
  for (const { entryId, judgeId } of input.assignments) activeByEntry.get(entryId)!.push(judgeId);
  const activeJudgesOf = (entryId: string): readonly string[] => activeByEntry.get(entryId)!;

  const panelLoads = input.panels.map((panel) =>
    loadsOf(panel, input.entriesOfPanel.get(panel.id) ?? [], activeJudgesOf),
  );
  const roundLoads = loadsOf(
    { id: '', judgeIds: [...new Set(input.panels.flatMap((panel) => panel.judgeIds))] },
    input.entries,
    activeJudgesOf,
  );

  const hasPanel = new Set(
    [...input.entriesOfPanel.values()].flatMap((entries) => entries.map((entry) => entry.id)),
  );
  let assignments = 0;
  const unassignable: UnassignableEntry[] = [];
  for (const entry of input.entries) {
    const activeJudges = activeJudgesOf(entry.id).length;
    assignments += activeJudges;
    if (activeJudges < input.judgesPerEntry) {
      unassignable.push({
        entryId: entry.id,
        reason: hasPanel.has(entry.id) ? 'NOT_ENOUGH_JUDGES' : 'NO_PANEL',
        activeJudges,
      });
    }
  }
  return {
    assignments,
    minLoad: roundLoads.minLoad,
    maxLoad: roundLoads.maxLoad,
    unassignable,
    panels: panelLoads,
  };
}

/** The least and the greatest number of active assignments a judge holds on `entries`. */
function loadsOf(
  panel: { readonly id: string; readonly judgeIds: readonly string[] },
  entries: readonly EntryInput[],
  activeJudgesOf: (entryId: string) => readonly string[],
): PanelLoad {
  const load = new Map(panel.judgeIds.map((judgeId) => [judgeId, 0]));
  for (const entry of entries) {
    for (const judgeId of activeJudgesOf(entry.id)) {
      const current = load.get(judgeId);
      if (current !== undefined) load.set(judgeId, current + 1);
    }
  }
  const loads = [...load.values()];
  return {
    panelId: panel.id,
    entries: entries.length,
    minLoad: loads.length === 0 ? 0 : Math.min(...loads),
    maxLoad: loads.length === 0 ? 0 : Math.max(...loads),
  };
}

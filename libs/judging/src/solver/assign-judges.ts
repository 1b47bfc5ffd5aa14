import { sortedById } from './canonical';
import { ConflictIndex } from './conflicts';
import { ExistingAssignments } from './existing';
import { buildPanelProblem } from './panel-problem';
import { panelRandom } from './prng';
import { buildReport } from './report';
import { solvePanel } from './solve-panel';
import { AssignmentInput, AssignmentOutput, EntryInput, NewAssignment, PanelInput } from './types';
import { validateAssignmentInput } from './validate-input';

/**
 * `assignJudges(roundId, seed)` without the database: which judges each entry of the round
 * gets. Every entry gets `judgesPerEntry` distinct judges of its panel, none conflicted; the
 * loads of a panel's judges are as even as the conflicts allow (within one of each other
 * when nothing prevents it); the same input and seed give the same result, whatever the order
 * of the input arrays. An entry that cannot get all its judges gets every eligible judge there
 * is and is listed in the report; none is skipped silently.
 *
 * Throws AssignmentInputError (code BAD_USER_INPUT) for an invalid input.
 */
export function assignJudges(input: AssignmentInput): AssignmentOutput {
  validateAssignmentInput(input);
  const entries = sortedById(input.entries);
  const existing =
    input.mode === 'topUp'
      ? new ExistingAssignments(input.existing ?? [])
      : ExistingAssignments.none();
  const conflicts = new ConflictIndex(input.judges, input.conflicts);
  const { entriesOfPanel, panels } = groupByPanel(entries, sortedById(input.panels));

  const newJudges = new Map<string, { panelId: string; judgeIds: string[] }>();
  for (const panel of panels) {
    const problem = buildPanelProblem(
      panel,
      entriesOfPanel.get(panel.id)!,
      input.judgesPerEntry,
      conflicts,
      existing,
    );
    const state = solvePanel(problem, panelRandom(input.seed, panel.id));
    problem.entries.forEach((entry, e) => {
      const judgeIds = state.judgesOf(e).map((j) => problem.judgeIds[j]);
      if (judgeIds.length > 0) newJudges.set(entry.id, { panelId: panel.id, judgeIds });
    });
  }

  // Entry order, and within an entry judge order: the documented output order, no sort needed.
  const assignments: NewAssignment[] = [];
  for (const entry of entries) {
    const assigned = newJudges.get(entry.id);
    for (const judgeId of assigned?.judgeIds ?? []) {
      assignments.push({ entryId: entry.id, judgeId, panelId: assigned!.panelId });
    }
  }
  const report = buildReport({
    entries,
    panels,
    entriesOfPanel,
    judgesPerEntry: input.judgesPerEntry,
    existing,
    assignments,
  });
  return { assignments, report };
}

/** The entries of each panel (in id order), and the panels that have any (in id order). */
function groupByPanel(entries: readonly EntryInput[], panels: readonly PanelInput[]) {
  const panelOfCategory = new Map<string, string>();
  for (const panel of panels) {
    for (const categoryId of panel.categoryIds) panelOfCategory.set(categoryId, panel.id);
  }
  const entriesOfPanel = new Map<string, EntryInput[]>();
  for (const entry of entries) {
    const panelId = panelOfCategory.get(entry.categoryId);
    if (panelId === undefined) continue;
    const list = entriesOfPanel.get(panelId);
    if (list) list.push(entry);
    else entriesOfPanel.set(panelId, [entry]);
  }
  return {
    entriesOfPanel,
    panels: panels.filter((panel) => entriesOfPanel.has(panel.id)),
  };
}

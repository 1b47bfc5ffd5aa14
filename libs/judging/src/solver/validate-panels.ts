import { sortedById, sortedIds } from './canonical';
import { AssignmentInputError } from './errors';
import { PanelInput } from './types';

/**
 * Checks the panels of one round against the judges the caller knows (for `createPanel`,
 * the existing panels plus the new one). Throws the first problem found, panels and their ids
 * taken in id order so that the same panels, in any order, always give the same error:
 * DUPLICATE_ID, EMPTY_PANEL, PANEL_WITHOUT_CATEGORIES, DUPLICATE_IN_PANEL, UNKNOWN_JUDGE,
 * CATEGORY_IN_TWO_PANELS.
 *
 * A panel smaller than `judgesPerEntry` is allowed on purpose: `judgesPerEntry` may still
 * change while the round is DRAFT, and conflicts shrink a panel per entry anyway, so the
 * assignment reports such entries (NOT_ENOUGH_JUDGES) instead. A judge may sit on two panels.
 */
export function validatePanels(
  panels: readonly PanelInput[],
  judges: readonly { readonly id: string }[],
): void {
  const knownJudges = new Set(judges.map((judge) => judge.id));
  const panelOfCategory = new Map<string, string>();
  const sorted = sortedById(panels);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].id === sorted[i - 1].id) {
      throw new AssignmentInputError('DUPLICATE_ID', `Two panels have the id ${sorted[i].id}.`, {
        panelId: sorted[i].id,
      });
    }
  }
  for (const panel of sorted) {
    if (panel.judgeIds.length === 0) {
      throw new AssignmentInputError('EMPTY_PANEL', `Panel ${panel.id} has no judges.`, {
        panelId: panel.id,
      });
    }
    if (panel.categoryIds.length === 0) {
      throw new AssignmentInputError(
        'PANEL_WITHOUT_CATEGORIES',
        `Panel ${panel.id} covers no category.`,
        { panelId: panel.id },
      );
    }
    const judgeIds = sortedIds(panel.judgeIds);
    const categoryIds = sortedIds(panel.categoryIds);
    rejectRepeats(panel.id, 'judge', judgeIds);
    rejectRepeats(panel.id, 'category', categoryIds);
    for (const judgeId of judgeIds) {
      if (!knownJudges.has(judgeId)) {
        throw new AssignmentInputError(
          'UNKNOWN_JUDGE',
          `Panel ${panel.id} names an unknown judge ${judgeId}.`,
          { panelId: panel.id, judgeId },
        );
      }
    }
    for (const categoryId of categoryIds) {
      const other = panelOfCategory.get(categoryId);
      if (other !== undefined) {
        throw new AssignmentInputError(
          'CATEGORY_IN_TWO_PANELS',
          `Category ${categoryId} is covered by panels ${other} and ${panel.id}.`,
          { categoryId, panelId: other, otherPanelId: panel.id },
        );
      }
      panelOfCategory.set(categoryId, panel.id);
    }
  }
}

/** `ids` sorted: a repeat is next to its twin. */
function rejectRepeats(panelId: string, what: 'judge' | 'category', ids: readonly string[]) {
  for (let i = 1; i < ids.length; i++) {
    const id = ids[i];
    if (id === ids[i - 1]) {
      throw new AssignmentInputError(
        'DUPLICATE_IN_PANEL',
        `Panel ${panelId} lists the ${what} ${id} twice.`,
        { panelId, [`${what}Id`]: id },
      );
    }
  }
}

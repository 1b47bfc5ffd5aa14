import { compareIds } from './canonical';
import { AssignmentInputError } from './errors';
import { AssignmentInput } from './types';
import { validatePanels } from './validate-panels';

/**
 * Everything `assignJudges` refuses before it assigns anything, but for two existing
 * assignments of one pair, which `ExistingAssignments` finds as it reads them.
 */
export function validateAssignmentInput(input: AssignmentInput): void {
  if (!Number.isSafeInteger(input.judgesPerEntry) || input.judgesPerEntry < 1) {
    throw new AssignmentInputError(
      'INVALID_JUDGES_PER_ENTRY',
      `judgesPerEntry must be a whole number of at least 1, not ${input.judgesPerEntry}.`,
    );
  }
  if (!Number.isSafeInteger(input.seed)) {
    throw new AssignmentInputError('INVALID_SEED', `The seed must be an integer.`);
  }
  rejectDuplicateIds('entry', input.entries);
  rejectDuplicateIds('judge', input.judges);
  validatePanels(input.panels, input.judges);
}

function rejectDuplicateIds(what: string, items: readonly { readonly id: string }[]) {
  const ids = items.map((item) => item.id).sort(compareIds);
  for (let i = 1; i < ids.length; i++) {
    if (ids[i] === ids[i - 1]) {
      throw new AssignmentInputError('DUPLICATE_ID', `Two ${what} inputs have the id ${ids[i]}.`, {
        id: ids[i],
      });
    }
  }
}

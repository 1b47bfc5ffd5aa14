import { compareIds } from './canonical';
import { AssignmentInputError } from './errors';
import { AssignmentInput } from './types';
import { validatePanels } from './validate-panels';

/** Everything `assignJudges` refuses before it assigns anything. */
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
  if (input.mode === 'topUp') rejectDuplicateAssignments(input.existing ?? []);
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

/**
 * One judge, one entry, one assignment: a judge who recused an entry never gets it back, so
 * two rows for the same pair (whatever their status) mean the caller's data is wrong.
 */
function rejectDuplicateAssignments(
  existing: readonly { readonly entryId: string; readonly judgeId: string }[],
) {
  const seen = new Set<string>();
  // The smallest duplicate, not the first met, so that the error does not depend on order.
  let duplicate: { entryId: string; judgeId: string } | undefined;
  for (const { entryId, judgeId } of existing) {
    const key = `${entryId}\u0000${judgeId}`;
    if (!seen.has(key)) seen.add(key);
    else if (
      !duplicate ||
      (compareIds(entryId, duplicate.entryId) || compareIds(judgeId, duplicate.judgeId)) < 0
    ) {
      duplicate = { entryId, judgeId };
    }
  }
  if (duplicate) {
    throw new AssignmentInputError(
      'DUPLICATE_ASSIGNMENT',
      `Judge ${duplicate.judgeId} holds two assignments to entry ${duplicate.entryId}.`,
      duplicate,
    );
  }
}

import { BadUserInput } from '@app/core';
import { EntriesReason } from '../entries.errors';
import {
  EntryFields,
  FieldProblem,
  NormalisedEntryFields,
  validateEntryFields,
} from './entry-rules';

/** A reason an organiser or entrant gives for a decision (withdrawal, screening, disqualification). */
export const REASON_MAX = 1000;

/** The field rules, as BAD_USER_INPUT with the first problem's reason and all problems listed. */
export function checkedFields(draft: EntryFields, now: Date): NormalisedEntryFields {
  const result = validateEntryFields(draft, now.getUTCFullYear());
  if (result.ok) return result.value;
  const [first] = result.problems;
  throw new BadUserInput(first.reason, first.message, {
    field: first.field,
    problems: result.problems.map((p: FieldProblem) => ({
      field: p.field,
      reason: p.reason,
      message: p.message,
    })),
  });
}

/** A decision's reason, trimmed; `null` when blank. Longer than REASON_MAX: TEXT_TOO_LONG. */
export function optionalReason(reason: string | null | undefined): string | null {
  const text = (reason ?? '').trim();
  if (text === '') return null;
  if ([...text].length > REASON_MAX) {
    throw new BadUserInput(
      EntriesReason.TEXT_TOO_LONG,
      `a reason is at most ${REASON_MAX} characters`,
    );
  }
  return text;
}

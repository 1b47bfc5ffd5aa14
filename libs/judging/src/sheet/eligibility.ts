import { Conflict, Forbidden } from '@app/core';
import { EntryStatus } from '@app/entries';
import { AssignmentStatus } from '../assignment/assignment-status';
import { isConflictOfInterest } from '../conflict-of-interest';
import { JudgingReason } from '../judging.errors';
import { RoundStatus } from '../round/round-enums';

/**
 * Who may score an assignment now: judging-rules.md §10 step 3, in one place.
 *
 * The facts come from one definition, the SQL view `assignment_eligibility` (migration
 * CreateAssignmentEligibilityView), one row per assignment: the ordinary path reads them
 * (`readSheetFacts`) and `decideEligibility` below decides, in §10's order; the one-round-trip
 * first sheet (`score_sheet_write_first`) selects the same view and writes only when its
 * `eligible` column says the ordinary case, otherwise it answers `miss` and the ordinary path
 * decides. libs/judging/test/eligibility.e2e-spec.ts holds `eligible` to `decideEligibility`.
 * (Which judge's assignment it is, §10 step 1, and a repeated clientMutationId, step 2, come
 * before this; the sheet's version, step 4, after.)
 */
export const ELIGIBILITY_VIEW = 'assignment_eligibility';

/** A row of `assignment_eligibility`, as the driver answers it. */
export interface EligibilityRow {
  assignment_id: string;
  judge_id: string;
  round_id: string;
  entry_id: string;
  event_id: string;
  assignment_status: string;
  round_status: string;
  entry_status: string;
  entrant_id: string;
  judge_affiliation_entrant_id: string | null;
  declared_conflict: number | string;
  /** The view's own answer, for the procedure only: `decideEligibility` decides in TypeScript. */
  eligible: number | string;
}

/** What §10 step 3 decides on. */
export interface EligibilityFacts {
  roundStatus: string;
  assignmentStatus: string;
  entryStatus: string;
  entrantId: string;
  judgeAffiliationEntrantId: string | null;
  declaredConflict: boolean;
}

export function eligibilityFactsOf(row: EligibilityRow): EligibilityFacts {
  return {
    roundStatus: row.round_status,
    assignmentStatus: row.assignment_status,
    entryStatus: row.entry_status,
    entrantId: row.entrant_id,
    judgeAffiliationEntrantId: row.judge_affiliation_entrant_id,
    declaredConflict: Number(row.declared_conflict) === 1,
  };
}

/**
 * §10 step 3 in its order: the round OPEN (else ROUND_NOT_OPEN), the assignment not recused
 * (ASSIGNMENT_RECUSED), the entry still ACCEPTED (ENTRY_NOT_JUDGEABLE), the judge not in a
 * conflict of interest with the entrant (CONFLICT_OF_INTEREST). Null when the judge may score;
 * otherwise the refusal, for the caller to throw.
 */
export function decideEligibility(facts: EligibilityFacts): Conflict | Forbidden | null {
  if (facts.roundStatus !== RoundStatus.OPEN) {
    return new Conflict(JudgingReason.ROUND_NOT_OPEN, `the round is ${facts.roundStatus}`);
  }
  if (facts.assignmentStatus === AssignmentStatus.RECUSED) {
    return new Conflict(JudgingReason.ASSIGNMENT_RECUSED, 'you stepped aside from this entry');
  }
  if (facts.entryStatus !== EntryStatus.ACCEPTED) {
    return new Conflict(
      JudgingReason.ENTRY_NOT_JUDGEABLE,
      `the entry is ${facts.entryStatus}; it is no longer judged`,
    );
  }
  if (
    isConflictOfInterest({
      judgeAffiliationEntrantId: facts.judgeAffiliationEntrantId,
      entrantId: facts.entrantId,
      declared: facts.declaredConflict,
    })
  ) {
    return new Forbidden(
      JudgingReason.CONFLICT_OF_INTEREST,
      'you have a conflict of interest with this entrant',
    );
  }
  return null;
}

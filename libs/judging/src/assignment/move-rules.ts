import { BadUserInput, Conflict, DomainError, Forbidden, Role } from '@app/core';
import { ConflictFacts, isConflictOfInterest } from '../conflict-of-interest';
import { JudgingReason } from '../judging.errors';

/** Why a judge may not take an assignment moved to it; what moveAssignment refuses with. */
export type MoveRefusal =
  | typeof JudgingReason.NOT_A_JUDGE
  | typeof JudgingReason.JUDGE_INACTIVE
  | typeof JudgingReason.JUDGE_NOT_ON_PANEL
  | typeof JudgingReason.JUDGE_ALREADY_ASSIGNED
  | typeof JudgingReason.CONFLICT_OF_INTEREST;

/** What the rule decides on, for one judge and one assignment's entry. */
export interface MoveTargetFacts {
  role: Role;
  active: boolean;
  /** it sits on the round's panel that covers the entry's category */
  onCoveringPanel: boolean;
  /** it holds an assignment to the entry in this round already (of any status) */
  holdsEntry: boolean;
  /** for the conflict-of-interest rule (conflict-of-interest.ts, the one definition) */
  conflict: ConflictFacts;
}

/**
 * Who may take an assignment moved from another judge (issue 21), in this order: a JUDGE
 * account, active, on the panel that covers the entry's category, not already holding the entry,
 * and free of a conflict of interest with its entrant (`isConflictOfInterest`, the rule the
 * solver and scoring use). Null when it may. The picker (`assignmentCandidates`) and the move
 * itself both ask this function.
 */
export function whyNotMoveTo(facts: MoveTargetFacts): MoveRefusal | null {
  if (facts.role !== Role.JUDGE) return JudgingReason.NOT_A_JUDGE;
  if (!facts.active) return JudgingReason.JUDGE_INACTIVE;
  if (!facts.onCoveringPanel) return JudgingReason.JUDGE_NOT_ON_PANEL;
  if (facts.holdsEntry) return JudgingReason.JUDGE_ALREADY_ASSIGNED;
  if (isConflictOfInterest(facts.conflict)) return JudgingReason.CONFLICT_OF_INTEREST;
  return null;
}

/** The refusal as the API answers it (code and reason). */
export function moveRefusalError(reason: MoveRefusal): DomainError {
  switch (reason) {
    case JudgingReason.NOT_A_JUDGE:
      return new BadUserInput(reason, 'assignments go to JUDGE users');
    case JudgingReason.JUDGE_INACTIVE:
      return new BadUserInput(reason, 'the judge is deactivated');
    case JudgingReason.JUDGE_NOT_ON_PANEL:
      return new BadUserInput(
        reason,
        "the judge does not sit on the panel that covers the entry's category",
      );
    case JudgingReason.JUDGE_ALREADY_ASSIGNED:
      return new Conflict(reason, 'the judge already holds an assignment to this entry');
    case JudgingReason.CONFLICT_OF_INTEREST:
      return new Forbidden(reason, 'the judge has a conflict of interest with the entrant');
  }
}

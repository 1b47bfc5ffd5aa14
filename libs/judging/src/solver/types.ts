/**
 * The judge-assignment problem of one round, as plain data: the caller (the API's
 * `assignJudges(roundId, seed)`) reads it from the database and writes back what comes out.
 */

export interface EntryInput {
  readonly id: string;
  /** A leaf category: the one a panel covers. */
  readonly categoryId: string;
  readonly entrantId: string;
}

export interface PanelInput {
  readonly id: string;
  /** Leaf category ids: the caller expands a parent category into its leaves. */
  readonly categoryIds: readonly string[];
  readonly judgeIds: readonly string[];
}

export interface JudgeInput {
  readonly id: string;
  /** The entrant the judge works for: a judge never judges its own entrant's entries. */
  readonly affiliationEntrantId: string | null;
}

/**
 * A declared conflict of interest. The brief names one entry; `declareConflict` in the
 * contract names an entrant (every entry of it). Both are accepted.
 */
export type DeclaredConflict =
  | { readonly judgeId: string; readonly entryId: string }
  | { readonly judgeId: string; readonly entrantId: string };

export type ExistingAssignmentStatus = 'PENDING' | 'SUBMITTED' | 'RECUSED';

export interface ExistingAssignment {
  readonly entryId: string;
  readonly judgeId: string;
  readonly status: ExistingAssignmentStatus;
}

/**
 * `replace`: the round is DRAFT; every existing assignment is dropped and the whole round is
 * assigned anew. `topUp`: the round is OPEN; every existing assignment stays exactly as it
 * is, and entries with fewer than `judgesPerEntry` active (PENDING or SUBMITTED) assignments
 * get the judges they lack, never one who recused them.
 */
export type AssignmentMode = 'replace' | 'topUp';

export interface AssignmentInput {
  readonly mode: AssignmentMode;
  readonly entries: readonly EntryInput[];
  readonly panels: readonly PanelInput[];
  readonly judges: readonly JudgeInput[];
  readonly conflicts: readonly DeclaredConflict[];
  readonly judgesPerEntry: number;
  /** Any safe integer; the same input and seed give the same assignment. */
  readonly seed: number;
  /** Read in `topUp` mode only. */
  readonly existing?: readonly ExistingAssignment[];
}

/** An assignment to create, PENDING. */
export interface NewAssignment {
  readonly entryId: string;
  readonly judgeId: string;
  readonly panelId: string;
}

export type UnassignableReason =
  /** No panel covers the entry's category. */
  | 'NO_PANEL'
  /** Its panel has fewer eligible judges than the entry lacks (conflicts, recusals, size). */
  | 'NOT_ENOUGH_JUDGES';

export interface UnassignableEntry {
  readonly entryId: string;
  readonly reason: UnassignableReason;
  /** Active judges the entry has after the run (it got every eligible judge there was). */
  readonly activeJudges: number;
}

/** The loads of one panel's judges, counted on that panel's entries only. */
export interface PanelLoad {
  readonly panelId: string;
  readonly entries: number;
  readonly minLoad: number;
  readonly maxLoad: number;
}

/**
 * What `AssignmentReport` of the contract shows, and a little more.
 *
 * - `assignments`: active (PENDING or SUBMITTED) assignments of the given entries after the
 *   run, existing ones included.
 * - `minLoad` / `maxLoad`: a judge's load is the number of active assignments it holds on the
 *   given entries after the run. The minimum and maximum are taken over every judge of every
 *   panel that covers at least one given entry (a judge of such a panel with nothing to judge
 *   counts, with 0); judges of panels without entries, and judges of no panel, do not count.
 *   0 and 0 when there is no such judge.
 * - `unassignable`: every entry left with fewer than `judgesPerEntry` active judges, by id.
 * - `panels`: the same loads per panel, on the panel's own entries (the balance guarantee is
 *   per panel), for the panels that cover at least one given entry, by id.
 */
export interface AssignmentReport {
  readonly assignments: number;
  readonly minLoad: number;
  readonly maxLoad: number;
  readonly unassignable: readonly UnassignableEntry[];
  readonly panels: readonly PanelLoad[];
}

export interface AssignmentOutput {
  /** The assignments to create, ordered by entry id then judge id. */
  readonly assignments: readonly NewAssignment[];
  readonly report: AssignmentReport;
}

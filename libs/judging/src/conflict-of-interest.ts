/**
 * The conflict-of-interest rule (judging-rules.md §10 step 3, "Declared conflicts"): a judge
 * never judges an entry when they work for its entrant (the judge's affiliation) or a conflict
 * was declared between them. The one definition: the assignment solver (`ConflictIndex`) never
 * gives such an entry to the judge, and scoring (`decideEligibility`) refuses the judge's sheet.
 * The SQL view `assignment_eligibility` (its migration) says the same for the one-round-trip
 * first sheet, and libs/judging/test/eligibility.e2e-spec.ts holds the two to each other.
 */
export interface ConflictFacts {
  /** The entrant the judge works for, if any. */
  readonly judgeAffiliationEntrantId: string | null;
  /** The entrant of the entry. */
  readonly entrantId: string;
  /** A conflict declared between this judge and the entrant (or this entry). */
  readonly declared: boolean;
}

export function isConflictOfInterest({
  judgeAffiliationEntrantId,
  entrantId,
  declared,
}: ConflictFacts): boolean {
  return (
    declared || (judgeAffiliationEntrantId !== null && judgeAffiliationEntrantId === entrantId)
  );
}

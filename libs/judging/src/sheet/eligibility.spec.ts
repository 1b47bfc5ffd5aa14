import { ConflictIndex } from '../solver/conflicts';
import { isConflictOfInterest } from '../conflict-of-interest';
import { decideEligibility, EligibilityFacts } from './eligibility';

const ordinary: EligibilityFacts = {
  roundStatus: 'OPEN',
  assignmentStatus: 'PENDING',
  entryStatus: 'ACCEPTED',
  entrantId: 'entrant-1',
  judgeAffiliationEntrantId: null,
  declaredConflict: false,
};
const reasonOf = (facts: Partial<EligibilityFacts>) => {
  const refusal = decideEligibility({ ...ordinary, ...facts });
  return refusal && { code: refusal.code, reason: refusal.reason };
};

describe('decideEligibility (judging-rules.md §10 step 3)', () => {
  it('lets the judge score the ordinary case, a sheet to change included', () => {
    expect(reasonOf({})).toBeNull();
    expect(reasonOf({ assignmentStatus: 'SUBMITTED' })).toBeNull();
    expect(reasonOf({ judgeAffiliationEntrantId: 'entrant-2' })).toBeNull();
  });

  it('refuses in §10’s order: round, recusal, entry, conflict of interest', () => {
    const everything: Partial<EligibilityFacts> = {
      roundStatus: 'CLOSED',
      assignmentStatus: 'RECUSED',
      entryStatus: 'WITHDRAWN',
      judgeAffiliationEntrantId: 'entrant-1',
      declaredConflict: true,
    };
    expect(reasonOf(everything)).toEqual({ code: 'CONFLICT', reason: 'ROUND_NOT_OPEN' });
    expect(reasonOf({ ...everything, roundStatus: 'OPEN' })).toEqual({
      code: 'CONFLICT',
      reason: 'ASSIGNMENT_RECUSED',
    });
    expect(reasonOf({ ...everything, roundStatus: 'OPEN', assignmentStatus: 'SUBMITTED' })).toEqual(
      { code: 'CONFLICT', reason: 'ENTRY_NOT_JUDGEABLE' },
    );
    expect(reasonOf({ judgeAffiliationEntrantId: 'entrant-1' })).toEqual({
      code: 'FORBIDDEN',
      reason: 'CONFLICT_OF_INTEREST',
    });
    expect(reasonOf({ declaredConflict: true })).toEqual({
      code: 'FORBIDDEN',
      reason: 'CONFLICT_OF_INTEREST',
    });
  });
});

describe('the conflict rule, one function for assignment and scoring', () => {
  it('is the judge working for the entrant, or a declared conflict', () => {
    const facts = { judgeAffiliationEntrantId: null, entrantId: 'e1', declared: false };
    expect(isConflictOfInterest(facts)).toBe(false);
    expect(isConflictOfInterest({ ...facts, judgeAffiliationEntrantId: 'e2' })).toBe(false);
    expect(isConflictOfInterest({ ...facts, judgeAffiliationEntrantId: 'e1' })).toBe(true);
    expect(isConflictOfInterest({ ...facts, declared: true })).toBe(true);
  });

  it('is what the solver’s ConflictIndex answers, entry by entry', () => {
    const judges = [
      { id: 'j1', affiliationEntrantId: 'e1' },
      { id: 'j2', affiliationEntrantId: null },
      { id: 'j3', affiliationEntrantId: 'e2' },
    ];
    const index = new ConflictIndex(judges, [
      { judgeId: 'j2', entrantId: 'e2' },
      { judgeId: 'j3', entryId: 'x1' },
    ]);
    const entries = [
      { id: 'x1', categoryId: 'c', entrantId: 'e1' },
      { id: 'x2', categoryId: 'c', entrantId: 'e2' },
      { id: 'x3', categoryId: 'c', entrantId: 'e3' },
    ];
    const conflicted = (judgeId: string) =>
      entries.filter((entry) => index.isConflicted(judgeId, entry)).map((entry) => entry.id);
    expect(conflicted('j1')).toEqual(['x1']); // works for e1
    expect(conflicted('j2')).toEqual(['x2']); // declared against e2
    expect(conflicted('j3')).toEqual(['x1', 'x2']); // declared against x1, works for e2
    expect(conflicted('j4')).toEqual([]); // not among the judges: no affiliation known
  });
});

import { isConflictOfInterest } from '../conflict-of-interest';
import { DeclaredConflict, EntryInput, JudgeInput } from './types';

/**
 * Who may never judge what, indexed for the solver: the judges' affiliations and the declared
 * conflicts (one entry, or every entry of an entrant), decided by `isConflictOfInterest`. A
 * conflicted judge never gets the entry, so never sees or scores it.
 */
export class ConflictIndex {
  private readonly affiliations = new Map<string, string>();
  private readonly declaredByEntrant = new Map<string, Set<string>>();
  private readonly declaredByEntry = new Map<string, Set<string>>();

  constructor(judges: readonly JudgeInput[], conflicts: readonly DeclaredConflict[]) {
    for (const judge of judges) {
      if (judge.affiliationEntrantId !== null) {
        this.affiliations.set(judge.id, judge.affiliationEntrantId);
      }
    }
    for (const conflict of conflicts) {
      if ('entryId' in conflict) add(this.declaredByEntry, conflict.entryId, conflict.judgeId);
      else add(this.declaredByEntrant, conflict.entrantId, conflict.judgeId);
    }
  }

  isConflicted(judgeId: string, entry: EntryInput): boolean {
    return isConflictOfInterest({
      judgeAffiliationEntrantId: this.affiliations.get(judgeId) ?? null,
      entrantId: entry.entrantId,
      declared:
        this.declaredByEntrant.get(entry.entrantId)?.has(judgeId) === true ||
        this.declaredByEntry.get(entry.id)?.has(judgeId) === true,
    });
  }
}

function add(map: Map<string, Set<string>>, key: string, judgeId: string) {
  const judges = map.get(key);
  if (judges) judges.add(judgeId);
  else map.set(key, new Set([judgeId]));
}

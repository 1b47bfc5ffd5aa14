import { DeclaredConflict, EntryInput, JudgeInput } from './types';

/**
 * Who may never judge what: declared conflicts (one entry, or every entry of an entrant) and
 * the automatic one, a judge affiliated with the entry's entrant. A conflicted judge never
 * gets the entry, so never sees or scores it.
 */
export class ConflictIndex {
  private readonly judgesByEntrant = new Map<string, Set<string>>();
  private readonly judgesByEntry = new Map<string, Set<string>>();

  constructor(judges: readonly JudgeInput[], conflicts: readonly DeclaredConflict[]) {
    for (const judge of judges) {
      if (judge.affiliationEntrantId !== null) {
        add(this.judgesByEntrant, judge.affiliationEntrantId, judge.id);
      }
    }
    for (const conflict of conflicts) {
      if ('entryId' in conflict) add(this.judgesByEntry, conflict.entryId, conflict.judgeId);
      else add(this.judgesByEntrant, conflict.entrantId, conflict.judgeId);
    }
  }

  isConflicted(judgeId: string, entry: EntryInput): boolean {
    return (
      this.judgesByEntrant.get(entry.entrantId)?.has(judgeId) === true ||
      this.judgesByEntry.get(entry.id)?.has(judgeId) === true
    );
  }
}

function add(map: Map<string, Set<string>>, key: string, judgeId: string) {
  const judges = map.get(key);
  if (judges) judges.add(judgeId);
  else map.set(key, new Set([judgeId]));
}

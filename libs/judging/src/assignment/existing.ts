import { ExistingAssignment } from './types';

const NONE: readonly string[] = [];

/**
 * The assignments an OPEN round already has, by entry. Active ones (PENDING, SUBMITTED) are
 * kept as they are and count towards the entry's judges and the judge's load; RECUSED ones
 * only bar their judge from that entry for good.
 */
export class ExistingAssignments {
  private readonly activeByEntry = new Map<string, string[]>();
  private readonly recusedByEntry = new Map<string, Set<string>>();

  constructor(existing: readonly ExistingAssignment[]) {
    for (const { entryId, judgeId, status } of existing) {
      if (status === 'RECUSED') {
        const recused = this.recusedByEntry.get(entryId);
        if (recused) recused.add(judgeId);
        else this.recusedByEntry.set(entryId, new Set([judgeId]));
      } else {
        const active = this.activeByEntry.get(entryId);
        if (active) active.push(judgeId);
        else this.activeByEntry.set(entryId, [judgeId]);
      }
    }
  }

  /** In `replace` mode nothing that exists is kept, and nobody is barred by a recusal. */
  static none(): ExistingAssignments {
    return new ExistingAssignments([]);
  }

  activeJudges(entryId: string): readonly string[] {
    return this.activeByEntry.get(entryId) ?? NONE;
  }

  hasRecused(entryId: string, judgeId: string): boolean {
    return this.recusedByEntry.get(entryId)?.has(judgeId) === true;
  }
}

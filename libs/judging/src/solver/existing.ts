import { compareIds } from './canonical';
import { AssignmentInputError } from './errors';
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

  /**
   * Throws DUPLICATE_ASSIGNMENT for two rows of one judge and one entry, whatever their
   * status: a judge who recused an entry never gets it back, so such rows are wrong data.
   */
  constructor(existing: readonly ExistingAssignment[]) {
    // The smallest duplicate, not the first met, so that the error does not depend on order.
    let duplicate: { entryId: string; judgeId: string } | undefined;
    for (const { entryId, judgeId, status } of existing) {
      if (this.isOn(entryId, judgeId)) {
        if (
          !duplicate ||
          (compareIds(entryId, duplicate.entryId) || compareIds(judgeId, duplicate.judgeId)) < 0
        ) {
          duplicate = { entryId, judgeId };
        }
      } else if (status === 'RECUSED') {
        const recused = this.recusedByEntry.get(entryId);
        if (recused) recused.add(judgeId);
        else this.recusedByEntry.set(entryId, new Set([judgeId]));
      } else {
        const active = this.activeByEntry.get(entryId);
        if (active) active.push(judgeId);
        else this.activeByEntry.set(entryId, [judgeId]);
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

  /** Whether the judge has a row, of any status, for the entry (an entry has a handful). */
  private isOn(entryId: string, judgeId: string): boolean {
    return (
      this.activeByEntry.get(entryId)?.includes(judgeId) === true ||
      this.hasRecused(entryId, judgeId)
    );
  }
}

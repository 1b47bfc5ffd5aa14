import type { NewAssignment } from '../solver';

/** An assignment row as stored, with what a DRAFT re-run compares. */
export interface StoredAssignment {
  readonly id: string;
  readonly entryId: string;
  readonly judgeId: string;
  readonly panelId: string;
}

/** A stored row given another judge (and panel) of the same entry. */
export interface AssignmentChange {
  readonly id: string;
  readonly judgeId: string;
  readonly panelId: string;
}

/** What a DRAFT re-run writes to turn the stored assignments into the new ones. */
export interface DraftWritePlan {
  readonly deleteIds: string[];
  readonly changes: AssignmentChange[];
  readonly inserts: NewAssignment[];
}

/**
 * The least a DRAFT re-run has to write. A row whose entry keeps its judge stays (with the
 * same seed, every row: nothing is written). A judge an entry loses and one it gains become
 * one UPDATE of the judge column of that entry's row instead of a DELETE and an INSERT: in
 * one transaction the INSERT of keys just deleted costs InnoDB about twice as much (the
 * delete-marked records cannot be purged before the commit), and an UPDATE touches two of
 * the five indexes where a DELETE and an INSERT touch all five twice.
 *
 * The UPDATEs never collide on (round, entry, judge): the judge a row gets is one the entry
 * did not have, and no two rows of an entry get the same judge. DRAFT rows are all PENDING
 * with no sheet (judges see a round only once it is OPEN), so a row can be reused.
 */
export function planDraftWrite(
  stored: readonly StoredAssignment[],
  next: readonly NewAssignment[],
): DraftWritePlan {
  const storedByEntry = groupByEntry(stored);
  const nextByEntry = groupByEntry(next);
  const plan: DraftWritePlan = { deleteIds: [], changes: [], inserts: [] };
  for (const [entryId, rows] of storedByEntry) {
    const wanted = nextByEntry.get(entryId) ?? [];
    const wantedJudges = new Map(wanted.map((a) => [a.judgeId, a]));
    const storedJudges = new Set(rows.map((r) => r.judgeId));
    const gained = wanted.filter((a) => !storedJudges.has(a.judgeId));
    for (const row of rows) {
      const kept = wantedJudges.get(row.judgeId);
      if (kept) {
        if (kept.panelId !== row.panelId) {
          plan.changes.push({ id: row.id, judgeId: row.judgeId, panelId: kept.panelId });
        }
        continue;
      }
      const replacement = gained.shift();
      if (replacement) {
        plan.changes.push({
          id: row.id,
          judgeId: replacement.judgeId,
          panelId: replacement.panelId,
        });
      } else {
        plan.deleteIds.push(row.id);
      }
    }
    plan.inserts.push(...gained);
  }
  for (const [entryId, wanted] of nextByEntry) {
    if (!storedByEntry.has(entryId)) plan.inserts.push(...wanted);
  }
  // Entry order: the unique index (round, entry, judge) is filled from left to right.
  plan.inserts.sort((a, b) => (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
  return plan;
}

function groupByEntry<T extends { entryId: string }>(rows: readonly T[]): Map<string, T[]> {
  const byEntry = new Map<string, T[]>();
  for (const row of rows) {
    const list = byEntry.get(row.entryId);
    if (list) list.push(row);
    else byEntry.set(row.entryId, [row]);
  }
  return byEntry;
}

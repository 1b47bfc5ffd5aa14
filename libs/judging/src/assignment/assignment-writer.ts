import type { EntityManager } from 'typeorm';
import { orderedUuid } from '@app/core';
import type { NewAssignment } from '../solver';
import { planDraftWrite, StoredAssignment } from './draft-write-plan';

/**
 * Rows per statement. 1,000 rows of five values is about 200 KB of SQL, far below
 * max_allowed_packet; bigger chunks measured no faster (the server's per-row work dominates).
 */
const CHUNK = 1000;

/** What a write did, for the audit record. */
export interface AssignmentWriteCounts {
  readonly created: number;
  readonly changed: number;
  readonly deleted: number;
}

/**
 * DRAFT: makes the round's assignments exactly `next`, writing only the difference (see
 * planDraftWrite). Deletes first, so that the keys the UPDATEs and INSERTs take are free.
 */
export async function replaceAssignments(
  manager: EntityManager,
  roundId: string,
  next: readonly NewAssignment[],
): Promise<AssignmentWriteCounts> {
  const stored: Array<{ id: string; entry_id: string; judge_id: string; panel_id: string }> =
    await manager.query(
      'SELECT id, entry_id, judge_id, panel_id FROM assignments WHERE round_id = ? ORDER BY entry_id, judge_id',
      [roundId],
    );
  const plan = planDraftWrite(
    stored.map((r): StoredAssignment => ({
      id: r.id,
      entryId: r.entry_id,
      judgeId: r.judge_id,
      panelId: r.panel_id,
    })),
    next,
  );
  for (let i = 0; i < plan.deleteIds.length; i += CHUNK) {
    const ids = plan.deleteIds.slice(i, i + CHUNK);
    await manager.query(
      `DELETE FROM assignments WHERE round_id = ? AND id IN (${ids.map(() => '?').join(', ')})`,
      [roundId, ...ids],
    );
  }
  for (let i = 0; i < plan.changes.length; i += CHUNK) {
    const changes = plan.changes.slice(i, i + CHUNK);
    // One statement per chunk: the new judge and panel of each row arrive as one JSON array
    // (JSON_TABLE: MariaDB 10.6+, MySQL 8; ascii_bin like the id columns, so MySQL sees no
    // collation mix in the join). The reused row looks new: PENDING, created now.
    await manager.query(
      `UPDATE assignments a
         JOIN JSON_TABLE(?, '$[*]' COLUMNS (
                id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin PATH '$[0]',
                judge_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin PATH '$[1]',
                panel_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin PATH '$[2]')) c
           ON c.id = a.id
         SET a.judge_id = c.judge_id, a.panel_id = c.panel_id, a.status = 'PENDING',
             a.recuse_reason = NULL, a.created_at = CURRENT_TIMESTAMP(3)
       WHERE a.round_id = ?`,
      [JSON.stringify(changes.map((c) => [c.id, c.judgeId, c.panelId])), roundId],
    );
  }
  const { created } = await insertAssignments(manager, roundId, plan.inserts);
  return { created, changed: plan.changes.length, deleted: plan.deleteIds.length };
}

/** New PENDING assignments, by plain multi-row INSERTs with time-ordered ids. */
export async function insertAssignments(
  manager: EntityManager,
  roundId: string,
  rows: readonly NewAssignment[],
): Promise<AssignmentWriteCounts> {
  // TypeORM's insert builder costs more than the rows themselves at 60,000 assignments.
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await manager.query(
      `INSERT INTO assignments (id, round_id, entry_id, judge_id, panel_id, status) VALUES ${chunk
        .map(() => "(?, ?, ?, ?, ?, 'PENDING')")
        .join(', ')}`,
      chunk.flatMap((a) => [orderedUuid(), roundId, a.entryId, a.judgeId, a.panelId]),
    );
  }
  return { created: rows.length, changed: 0, deleted: 0 };
}

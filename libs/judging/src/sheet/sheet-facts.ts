import { EntityManager } from 'typeorm';

/**
 * Everything `submitScoreSheet` decides on, read in one statement before its transaction: the
 * assignment, its round's state, the entry's state, whether the judge is conflicted with the
 * entrant (affiliation or declared), the sheet the assignment has, and an earlier use of the
 * clientMutationId. The transaction then re-checks what can change meanwhile (round state,
 * recusal, the sheet's version) inside its writes.
 */
export interface SheetFacts {
  assignmentId: string;
  judgeId: string;
  assignmentStatus: string;
  roundId: string;
  roundStatus: string;
  eventId: string;
  entryStatus: string;
  conflicted: boolean;
  sheet: StoredSheet | null;
  /** An earlier submission with this clientMutationId: its sheet and payload hash. */
  replay: { sheetId: string; payloadHash: string } | null;
}

export interface StoredSheet {
  id: string;
  assignmentId: string;
  roundId: string;
  scores: string;
  total: string;
  comment: string | null;
  version: number;
  submittedAt: Date;
}

interface FactsRow {
  assignment_id: string;
  judge_id: string;
  assignment_status: string;
  round_id: string;
  round_status: string;
  event_id: string;
  entry_status: string;
  conflicted: number | string;
  sheet_id: string | null;
  scores: string | null;
  total: string | null;
  comment: string | null;
  version: number | null;
  submitted_at: Date | null;
  replay_sheet_id: string | null;
  replay_hash: string | null;
}

const FACTS_SQL = `
SELECT a.id AS assignment_id, a.judge_id, a.status AS assignment_status, a.round_id,
       r.status AS round_status, r.event_id, e.status AS entry_status,
       (COALESCE(u.affiliation_entrant_id = e.entrant_id, 0)
         OR EXISTS (SELECT 1 FROM conflicts c
                    WHERE c.judge_id = a.judge_id AND c.entrant_id = e.entrant_id)) AS conflicted,
       s.id AS sheet_id, s.scores, s.total, s.comment, s.version, s.submitted_at,
       m.sheet_id AS replay_sheet_id, m.payload_hash AS replay_hash
  FROM assignments a
  JOIN rounds r ON r.id = a.round_id
  JOIN entries e ON e.id = a.entry_id
  JOIN users u ON u.id = a.judge_id
  LEFT JOIN score_sheets s ON s.assignment_id = a.id
  LEFT JOIN score_sheet_mutations m ON m.client_mutation_id = ?
 WHERE a.id = ?`;

export async function readSheetFacts(
  manager: EntityManager,
  assignmentId: string,
  clientMutationId: string,
): Promise<SheetFacts | null> {
  const [row] = (await manager.query(FACTS_SQL, [clientMutationId, assignmentId])) as FactsRow[];
  if (!row) return null;
  return {
    assignmentId: row.assignment_id,
    judgeId: row.judge_id,
    assignmentStatus: row.assignment_status,
    roundId: row.round_id,
    roundStatus: row.round_status,
    eventId: row.event_id,
    entryStatus: row.entry_status,
    conflicted: Number(row.conflicted) === 1,
    sheet:
      row.sheet_id === null
        ? null
        : {
            id: row.sheet_id,
            assignmentId: row.assignment_id,
            roundId: row.round_id,
            scores: row.scores!,
            total: row.total!,
            comment: row.comment,
            version: Number(row.version),
            submittedAt: row.submitted_at!,
          },
    replay:
      row.replay_sheet_id === null
        ? null
        : { sheetId: row.replay_sheet_id, payloadHash: row.replay_hash! },
  };
}

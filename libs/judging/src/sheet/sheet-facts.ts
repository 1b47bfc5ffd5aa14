import { EntityManager } from 'typeorm';
import {
  ELIGIBILITY_VIEW,
  EligibilityFacts,
  eligibilityFactsOf,
  EligibilityRow,
} from './eligibility';

/**
 * Everything `submitScoreSheet` decides on, read in one statement before its transaction: the
 * assignment's eligibility facts (its round's state, the entry's state, the judge's affiliation
 * and declared conflict: the view `assignment_eligibility`, see ./eligibility.ts), the sheet the
 * assignment has, and an earlier use of the clientMutationId. The transaction then re-checks
 * what can change meanwhile (round state, recusal, the sheet's version) inside its writes.
 */
export interface SheetFacts {
  assignmentId: string;
  judgeId: string;
  roundId: string;
  eventId: string;
  /** For `decideEligibility`. */
  eligibility: EligibilityFacts;
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

interface FactsRow extends EligibilityRow {
  sheet_id: string | null;
  scores: string | null;
  total: string | null;
  comment: string | null;
  version: number | null;
  submitted_at: Date | null;
  replay_sheet_id: string | null;
  replay_hash: string | null;
}

/** The view's row, the sheet and the clientMutationId's earlier use: one statement. */
export const FACTS_SQL = `
SELECT v.*,
       s.id AS sheet_id, s.scores, s.total, s.comment, s.version, s.submitted_at,
       m.sheet_id AS replay_sheet_id, m.payload_hash AS replay_hash
  FROM ${ELIGIBILITY_VIEW} v
  LEFT JOIN score_sheets s ON s.assignment_id = v.assignment_id
  LEFT JOIN score_sheet_mutations m ON m.client_mutation_id = ?
 WHERE v.assignment_id = ?`;

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
    roundId: row.round_id,
    eventId: row.event_id,
    eligibility: eligibilityFactsOf(row),
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

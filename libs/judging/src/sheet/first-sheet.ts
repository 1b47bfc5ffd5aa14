import { DataSource } from 'typeorm';
import type { PreparedAuditRecord } from '@app/audit';
import type { StoredSheet } from './sheet-facts';

/** Judges whose last round this process keeps; a judge scores in one or two rounds at a time. */
const GUESSES_KEPT = 10_000;

/**
 * The round (and its event) each judge last stored a sheet in, in this process: the round their
 * next sheet is most likely for. Only a guess — `score_sheet_write_first` checks it — so a stale
 * or missing one costs a round trip, never a wrong sheet.
 */
export class RoundGuesses {
  private readonly byJudge = new Map<string, { roundId: string; eventId: string }>();

  of(judgeId: string): { roundId: string; eventId: string } | undefined {
    return this.byJudge.get(judgeId);
  }

  remember(judgeId: string, roundId: string, eventId: string): void {
    const known = this.byJudge.get(judgeId);
    if (known?.roundId === roundId) return;
    if (this.byJudge.size >= GUESSES_KEPT) this.byJudge.clear();
    this.byJudge.set(judgeId, { roundId, eventId });
  }
}

export interface FirstSheetWrite {
  judgeId: string;
  eventId: string;
  sheet: StoredSheet;
  clientMutationId: string;
  payloadHash: string;
  record: PreparedAuditRecord;
}

const WRITE_FIRST_SQL = 'CALL score_sheet_write_first(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/**
 * One call of `score_sheet_write_first` (migration CreateScoreSheetFirstProcedure): true when it
 * stored the sheet with its audit record, false when the facts were not the ordinary ones and
 * it wrote nothing. Races reach the caller as the driver raised them, everything rolled back.
 */
export async function writeFirstSheet(
  dataSource: DataSource,
  { judgeId, eventId, sheet, clientMutationId, payloadHash, record }: FirstSheetWrite,
): Promise<boolean> {
  const result: unknown = await dataSource.query(WRITE_FIRST_SQL, [
    sheet.assignmentId,
    judgeId,
    sheet.roundId,
    eventId,
    sheet.id,
    sheet.scores,
    sheet.total,
    sheet.comment,
    sheet.submittedAt,
    clientMutationId,
    payloadHash,
    record.id,
    record.action,
    record.detail,
    record.hashed,
  ]);
  // One row: miss = 0 once stored, 1 when nothing was written. Anything else is not taken as
  // stored: trySubmit then decides on what the database holds (a stored sheet is a replay).
  const rows = Array.isArray(result) && Array.isArray(result[0]) ? result[0] : [];
  return rows.length === 1 && Number((rows[0] as { miss?: unknown }).miss) === 0;
}

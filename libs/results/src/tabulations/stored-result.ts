import type { CriterionResult } from '@app/tabulation';
import type { EntryResultEntity } from './tabulation.entity';

/** An entry's stored result as the readers use it: numbers, not DECIMAL strings or JSON text. */
export interface StoredEntryResult {
  tabulationId: string;
  entryId: string;
  position: number;
  scopeKey: string;
  sheetCount: number;
  complete: boolean;
  score: number | null;
  scoreExact: string | null;
  rank: number | null;
  award: string | null;
  advanced: boolean;
  criterionScores: CriterionResult[];
}

/** `[[key, score], …]`: the compact JSON `criterion_scores` holds. */
export function criterionScoresJson(scores: readonly CriterionResult[]): string {
  return JSON.stringify(scores.map((s) => [s.criterionKey, s.score]));
}

export function toStoredResult(row: EntryResultEntity): StoredEntryResult {
  const pairs = JSON.parse(row.criterionScores) as [string, number][];
  return {
    tabulationId: row.tabulationId,
    entryId: row.entryId,
    position: row.position,
    scopeKey: row.scopeKey,
    sheetCount: row.sheetCount,
    complete: Boolean(row.complete),
    // The DECIMAL holds the rounded figure exactly; Number() gives the shortest double for it.
    score: row.score === null ? null : Number(row.score),
    scoreExact: row.scoreExact,
    rank: row.rank,
    award: row.award,
    advanced: Boolean(row.advanced),
    criterionScores: pairs.map(([criterionKey, score]) => ({ criterionKey, score })),
  };
}

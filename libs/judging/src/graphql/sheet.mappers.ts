import { StoredSheet } from '../sheet/sheet-facts';
import { ScoreSheetModel } from './sheet.models';

export function toScoreSheetModel(sheet: StoredSheet): ScoreSheetModel {
  const scores = JSON.parse(sheet.scores) as Array<[string, string]>;
  return {
    id: sheet.id,
    assignmentId: sheet.assignmentId,
    scores: scores.map(([criterionKey, value]) => ({ criterionKey, value: Number(value) })),
    total: Number(sheet.total),
    comment: sheet.comment,
    version: sheet.version,
    submittedAt: sheet.submittedAt,
  };
}

import { BadUserInput, canonicalJson, sha256Hex } from '@app/core';
import {
  CriteriaPlan,
  parseHundredths,
  prepareCriteria,
  sheetTotalRounded,
  TabulationInputError,
} from '@app/tabulation';
import { JudgingReason } from '../judging.errors';
import { hundredthsToDecimal } from '../round/round-rules';

export interface SheetCriterion {
  key: string;
  weight: number;
  maxScore: string;
  step: string;
}

/** A round's criteria, prepared once for checking sheets (§1). */
export interface ScoringPlan {
  criteria: readonly SheetCriterion[];
  plan: CriteriaPlan;
}

export function scoringPlan(criteria: readonly SheetCriterion[]): ScoringPlan {
  return {
    criteria,
    plan: prepareCriteria(
      criteria.map((c) => ({ key: c.key, weight: c.weight, maxScore: c.maxScore, step: c.step })),
    ),
  };
}

export type GivenScores = ReadonlyArray<{ criterionKey: string; value: number | string }>;

/**
 * §1: every criterion once, each a multiple of its step in [0, maxScore]. Answers the scores as
 * stored (exact decimals, in the round's criteria order, as JSON) and the total (3 decimals).
 */
export function checkScores(
  { criteria, plan }: ScoringPlan,
  given: GivenScores,
): { scores: string; total: string } {
  const inputs = given.map((s) => ({ criterionKey: s.criterionKey, value: s.value }));
  try {
    const total = sheetTotalRounded(plan, inputs);
    const byKey = new Map(inputs.map((s) => [s.criterionKey, s.value]));
    const scores = criteria.map((c) => [
      c.key,
      hundredthsToDecimal(parseHundredths(byKey.get(c.key)!, c.key, 'SCORE_OUT_OF_RANGE')),
    ]);
    return { scores: JSON.stringify(scores), total: total.toFixed(3) };
  } catch (error) {
    if (error instanceof TabulationInputError) {
      const reason =
        error.reason === 'INVALID_CRITERIA'
          ? JudgingReason.INVALID_CRITERIA
          : JudgingReason.SCORE_OUT_OF_RANGE;
      throw new BadUserInput(reason, error.message);
    }
    throw error;
  }
}

/** What a clientMutationId is bound to: the assignment, the scores by key, the comment. */
export function payloadHashOf(
  assignmentId: string,
  given: GivenScores,
  comment: string | null,
): string {
  return sha256Hex(
    canonicalJson({
      assignmentId,
      scores: [...given]
        .map((s) => [s.criterionKey, String(s.value)])
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
      comment,
    }),
  );
}

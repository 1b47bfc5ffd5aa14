import { TabulationInputError } from '../errors';
import { CriteriaPlan, prepareCriteria, readScores, sheetNumerator } from '../sheet-total';
import { CriterionInput, EntryInput, SheetInput } from '../types';

/** One counted sheet's total T = numerator / CountedTotals.denominator (see CriteriaPlan). */
export interface CountedTotal {
  entryId: string;
  judgeId: string;
  numerator: number | bigint;
}

/** The counted sheet totals of a round, all over one denominator L, so sums stay integers. */
export interface CountedTotals {
  denominator: bigint;
  sheets: readonly CountedTotal[];
}

const LEFT_OUT = new Set(['DISQUALIFIED', 'WITHDRAWN']);

/**
 * The totals of the sheets that count (judging-rules.md §2): sheets of DISQUALIFIED and
 * WITHDRAWN entries are dropped, as the tabulation drops them; a sheet of an entry not listed
 * is UNKNOWN_ENTRY, scores that break §1 are refused as the tabulation refuses them.
 */
export function countedTotals(input: {
  criteria: readonly CriterionInput[];
  entries: readonly EntryInput[];
  sheets: readonly SheetInput[];
}): CountedTotals {
  const plan: CriteriaPlan = prepareCriteria(input.criteria);
  const counts = new Map<string, boolean>();
  for (const e of input.entries) counts.set(e.id, !LEFT_OUT.has(e.status ?? ''));
  const scratch = new Array<number>(plan.criteria.length);
  const sheets: CountedTotal[] = [];
  for (const sheet of input.sheets) {
    const counted = counts.get(sheet.entryId);
    if (counted === undefined) {
      throw new TabulationInputError('UNKNOWN_ENTRY', `a sheet of unknown entry ${sheet.entryId}`);
    }
    if (!counted) continue;
    const numerator = sheetNumerator(plan, readScores(plan, sheet.scores, scratch));
    sheets.push({ entryId: sheet.entryId, judgeId: sheet.judgeId, numerator });
  }
  return { denominator: plan.denominator, sheets };
}

import type { EntityManager } from 'typeorm';
import type {
  AwardTierInput,
  EntryInput,
  EntryStatus,
  QuotaMode,
  RoundSettings,
  SheetInput,
  TabulationInput,
} from '@app/tabulation';
import type { RoundEntity } from '@app/judging';

interface CriterionRow {
  key: string;
  weight: number;
  max_score: string;
  step: string;
}
interface TierRow {
  key: string;
  quota_mode: QuotaMode;
  quota_value: string;
}
interface EntryRow {
  id: string;
  code: string | null;
  status: EntryStatus;
  category_id: string;
}
interface CategoryRow {
  id: string;
  code: string;
  parent_id: string | null;
}
interface SheetRow {
  entry_id: string;
  judge_id: string;
  scores: string;
}

/**
 * What `tabulate` needs of a round, read by plain SQL inside the caller's transaction, after
 * it locked the round: the reads that follow share one InnoDB snapshot, so entries, their
 * statuses and the counted sheets are as they were at one moment (judging-rules.md §7).
 * Counted sheets (§2): every stored sheet of the round whose assignment is not RECUSED (a
 * sheet row exists only once submitted). Entries left out by status stay in the input: the
 * pure library drops them and their sheets (and their judges' ZSCORE statistics).
 */
export async function readTabulationInput(
  manager: EntityManager,
  round: RoundEntity,
): Promise<TabulationInput> {
  const [criteria, tiers, entries, categories, sheets] = await Promise.all([
    manager.query(
      'SELECT `key`, weight, max_score, step FROM round_criteria WHERE round_id = ? ORDER BY position',
      [round.id],
    ) as Promise<CriterionRow[]>,
    manager.query(
      'SELECT `key`, quota_mode, quota_value FROM round_award_tiers WHERE round_id = ? ORDER BY `rank`',
      [round.id],
    ) as Promise<TierRow[]>,
    manager.query(
      `SELECT e.id, e.code, e.status, e.category_id
         FROM round_entries re JOIN entries e ON e.id = re.entry_id
        WHERE re.round_id = ?`,
      [round.id],
    ) as Promise<EntryRow[]>,
    manager.query('SELECT id, code, parent_id FROM categories WHERE event_id = ?', [
      round.eventId,
    ]) as Promise<CategoryRow[]>,
    manager.query(
      `SELECT a.entry_id, a.judge_id, s.scores
         FROM score_sheets s JOIN assignments a ON a.id = s.assignment_id
        WHERE s.round_id = ? AND a.status <> 'RECUSED'`,
      [round.id],
    ) as Promise<SheetRow[]>,
  ]);
  return {
    round: settingsOf(round, criteria, tiers),
    entries: entryInputs(entries, categories),
    sheets: sheets.map(sheetInput),
  };
}

function settingsOf(round: RoundEntity, criteria: CriterionRow[], tiers: TierRow[]): RoundSettings {
  const awardTiers: AwardTierInput[] = tiers.map((t) => ({
    key: t.key,
    quota: { mode: t.quota_mode, value: t.quota_value },
  }));
  return {
    criteria: criteria.map((c) => ({
      key: c.key,
      weight: Number(c.weight),
      maxScore: c.max_score,
      step: c.step,
    })),
    judgesPerEntry: round.judgesPerEntry,
    minSheets: round.minSheets,
    aggregation: round.aggregation,
    trimCount: round.trimCount,
    rankingScope: round.rankingScope,
    tieBreakCriteria: JSON.parse(round.tieBreakCriteria) as string[],
    awardTiers,
    tiePolicy: round.tiePolicy,
    advancement:
      round.advancementMode && round.advancementValue !== null
        ? { mode: round.advancementMode, value: round.advancementValue }
        : null,
  };
}

/** Each entry with its own category's code and its top-level category's code. */
function entryInputs(entries: EntryRow[], categories: CategoryRow[]): EntryInput[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const topCode = new Map<string, string | null>();
  const topOf = (id: string): string | null => {
    const known = topCode.get(id);
    if (known !== undefined) return known;
    let category = byId.get(id);
    const seen = new Set<string>();
    while (category?.parent_id && !seen.has(category.id)) {
      seen.add(category.id);
      category = byId.get(category.parent_id);
    }
    const code = category && category.id !== id ? category.code : null;
    topCode.set(id, code);
    return code;
  };
  return entries.map((e) => ({
    id: e.id,
    // The library refuses an entry without a code (INVALID_ENTRY): every judged entry has one.
    code: e.code ?? '',
    categoryCode: byId.get(e.category_id)?.code ?? '',
    topCategoryCode: topOf(e.category_id),
    status: e.status,
  }));
}

function sheetInput(row: SheetRow): SheetInput {
  const pairs = JSON.parse(row.scores) as [string, string][];
  return {
    entryId: row.entry_id,
    judgeId: row.judge_id,
    scores: pairs.map(([criterionKey, value]) => ({ criterionKey, value })),
  };
}

import { parseHundredths, prepareRound, TabulationInputError } from '@app/tabulation';
import { JudgingReason } from '../judging.errors';
import { Aggregation, QuotaMode, RankingScope, TiePolicy } from './round-enums';

/** A round's settings as the API takes them (CreateRoundInput without eventId). */
export interface RoundSettingsInput {
  name: string;
  previousRoundId?: string | null;
  criteria: ReadonlyArray<{
    key: string;
    name: string;
    weight: number;
    maxScore: number | string;
    step: number | string;
  }>;
  judgesPerEntry: number;
  minSheets?: number | null;
  aggregation: Aggregation;
  trimCount?: number | null;
  rankingScope: RankingScope;
  tieBreakCriteria?: readonly string[] | null;
  blind?: boolean | null;
  awardTiers?: ReadonlyArray<{
    key: string;
    name: string;
    quota: { mode: QuotaMode; value: number | string };
  }> | null;
  tiePolicy?: TiePolicy | null;
  advancement?: { mode: QuotaMode; value: number | string } | null;
}

export interface Quota {
  mode: QuotaMode;
  /** exact, in hundredths */
  hundredths: number;
}

/** The settings checked and normalised, every default of the rules filled in. */
export interface RoundSettings {
  name: string;
  previousRoundId: string | null;
  criteria: Array<{
    key: string;
    name: string;
    weight: number;
    maxScoreHundredths: number;
    stepHundredths: number;
  }>;
  judgesPerEntry: number;
  minSheets: number;
  aggregation: Aggregation;
  trimCount: number;
  rankingScope: RankingScope;
  tieBreakCriteria: string[];
  blind: boolean;
  awardTiers: Array<{ key: string; name: string; quota: Quota }>;
  tiePolicy: TiePolicy;
  advancement: Quota | null;
}

export interface RoundProblem {
  reason: JudgingReason;
  field: string;
  message: string;
}

/** Keys name criteria and tiers in sheets, exports and the canonical JSON: short and plain. */
const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const TEXT_MAX = 200;
/** More judges on one entry than any real panel holds is a typo. */
export const JUDGES_PER_ENTRY_MAX = 50;
export const TIERS_MAX = 20;
export const CRITERIA_MAX = 30;

/**
 * Checks a round's settings (judging-rules.md §1–§6) and answers them normalised, or every
 * problem found, each with its own reason: an organiser fixes a form in one go. The
 * tabulation library's own check then runs on the result, so a round accepted here is one
 * the tabulation accepts.
 */
export function checkRoundSettings(
  input: RoundSettingsInput,
): { ok: true; settings: RoundSettings } | { ok: false; problems: RoundProblem[] } {
  const problems: RoundProblem[] = [];
  const problem = (reason: JudgingReason, field: string, message: string) =>
    problems.push({ reason, field, message });
  const decimal = (value: number | string, field: string, reason: JudgingReason) => {
    try {
      return parseHundredths(value, field);
    } catch {
      problem(reason, field, `${field}: a number with at most 2 digits after the point`);
      return null;
    }
  };

  const name = (input.name ?? '').trim();
  if (name === '' || name.length > TEXT_MAX) {
    problem(JudgingReason.NAME_REQUIRED, 'name', `a name of 1 to ${TEXT_MAX} characters`);
  }

  const criteria: RoundSettings['criteria'] = [];
  if (!input.criteria || input.criteria.length === 0 || input.criteria.length > CRITERIA_MAX) {
    problem(JudgingReason.CRITERIA_REQUIRED, 'criteria', `1 to ${CRITERIA_MAX} criteria`);
  }
  const keys = new Set<string>();
  let weights = 0;
  for (const [i, c] of (input.criteria ?? []).entries()) {
    const at = `criteria[${i}]`;
    if (!KEY.test(c.key)) {
      problem(
        JudgingReason.INVALID_CRITERION_KEY,
        `${at}.key`,
        'a key is a lower-case letter, then up to 39 letters, digits or _',
      );
    } else if (keys.has(c.key)) {
      problem(JudgingReason.DUPLICATE_CRITERION_KEY, `${at}.key`, `${c.key} is used twice`);
    }
    keys.add(c.key);
    const criterionName = (c.name ?? '').trim();
    if (criterionName === '' || criterionName.length > TEXT_MAX) {
      problem(JudgingReason.NAME_REQUIRED, `${at}.name`, 'every criterion needs a name');
    }
    if (!Number.isInteger(c.weight) || c.weight < 0 || c.weight > 100) {
      problem(JudgingReason.INVALID_WEIGHT, `${at}.weight`, 'a weight is a whole number 0–100');
    } else {
      weights += c.weight;
    }
    const step = decimal(c.step, `${at}.step`, JudgingReason.INVALID_STEP);
    const maxScore = decimal(c.maxScore, `${at}.maxScore`, JudgingReason.INVALID_MAX_SCORE);
    if (step !== null && step < 1) {
      problem(JudgingReason.INVALID_STEP, `${at}.step`, 'the step is at least 0.01');
    }
    if (step !== null && step >= 1 && maxScore !== null && (maxScore < step || maxScore % step)) {
      problem(
        JudgingReason.INVALID_MAX_SCORE,
        `${at}.maxScore`,
        'the highest score is a positive multiple of the step',
      );
    }
    criteria.push({
      key: c.key,
      name: criterionName,
      weight: c.weight,
      maxScoreHundredths: maxScore ?? 0,
      stepHundredths: step ?? 0,
    });
  }
  if (
    criteria.length > 0 &&
    weights !== 100 &&
    !problems.some((p) => p.reason === 'INVALID_WEIGHT')
  ) {
    problem(JudgingReason.WEIGHTS_NOT_100, 'criteria', `the weights add up to ${weights}, not 100`);
  }

  const judgesPerEntry = input.judgesPerEntry;
  if (
    !Number.isInteger(judgesPerEntry) ||
    judgesPerEntry < 1 ||
    judgesPerEntry > JUDGES_PER_ENTRY_MAX
  ) {
    problem(
      JudgingReason.INVALID_JUDGES_PER_ENTRY,
      'judgesPerEntry',
      `1 to ${JUDGES_PER_ENTRY_MAX} judges an entry`,
    );
  }
  const minSheets = input.minSheets ?? judgesPerEntry;
  if (!Number.isInteger(minSheets) || minSheets < 1 || minSheets > judgesPerEntry) {
    problem(JudgingReason.INVALID_MIN_SHEETS, 'minSheets', '1 ≤ minSheets ≤ judgesPerEntry');
  }
  const trimCount = input.trimCount ?? 1;
  if (!Number.isInteger(trimCount) || trimCount < 0 || trimCount > JUDGES_PER_ENTRY_MAX) {
    problem(JudgingReason.INVALID_TRIM_COUNT, 'trimCount', 'a whole number of sheets ≥ 0');
  }

  const tieBreakCriteria = [...(input.tieBreakCriteria ?? [])];
  const seenTieBreaks = new Set<string>();
  for (const [i, key] of tieBreakCriteria.entries()) {
    if (!keys.has(key)) {
      problem(
        JudgingReason.UNKNOWN_TIE_BREAK_CRITERION,
        `tieBreakCriteria[${i}]`,
        `${key} is not a criterion of the round`,
      );
    } else if (seenTieBreaks.has(key)) {
      problem(
        JudgingReason.DUPLICATE_TIE_BREAK_CRITERION,
        `tieBreakCriteria[${i}]`,
        `${key} is listed twice`,
      );
    }
    seenTieBreaks.add(key);
  }

  const zscore = input.aggregation === Aggregation.ZSCORE;
  const quota = (q: { mode: QuotaMode; value: number | string }, field: string): Quota | null => {
    const value = decimal(q.value, `${field}.value`, JudgingReason.INVALID_QUOTA);
    if (value === null) return null;
    const fail = (message: string) => {
      problem(JudgingReason.INVALID_QUOTA, field, message);
      return null;
    };
    if (q.mode === QuotaMode.COUNT && (value < 1 * 100 || value % 100 !== 0)) {
      return fail('a COUNT is a whole number of places ≥ 1');
    }
    if (q.mode === QuotaMode.PERCENT && (value <= 0 || value > 100_00)) {
      return fail('a PERCENT lies in (0, 100]');
    }
    if (q.mode === QuotaMode.MIN_SCORE && !zscore && (value < 0 || value > 100_00)) {
      return fail('a MIN_SCORE lies in [0, 100]');
    }
    return { mode: q.mode, hundredths: value };
  };

  const awardTiers: RoundSettings['awardTiers'] = [];
  const tierKeys = new Set<string>();
  const tiers = input.awardTiers ?? [];
  if (tiers.length > TIERS_MAX) {
    problem(JudgingReason.INVALID_QUOTA, 'awardTiers', `at most ${TIERS_MAX} award tiers`);
  }
  for (const [i, tier] of tiers.entries()) {
    const at = `awardTiers[${i}]`;
    if (!KEY.test(tier.key)) {
      problem(
        JudgingReason.INVALID_TIER_KEY,
        `${at}.key`,
        'a key is a lower-case letter, then up to 39 letters, digits or _',
      );
    } else if (tierKeys.has(tier.key)) {
      problem(JudgingReason.DUPLICATE_TIER_KEY, `${at}.key`, `${tier.key} is used twice`);
    }
    tierKeys.add(tier.key);
    const tierName = (tier.name ?? '').trim();
    if (tierName === '' || tierName.length > TEXT_MAX) {
      problem(JudgingReason.NAME_REQUIRED, `${at}.name`, 'every award tier needs a name');
    }
    const q = quota(tier.quota, `${at}.quota`);
    if (q) awardTiers.push({ key: tier.key, name: tierName, quota: q });
  }
  if (tiers.some((t) => t.quota.mode !== tiers[0].quota.mode)) {
    problem(
      JudgingReason.MIXED_QUOTA_MODES,
      'awardTiers',
      'every tier of a round uses one quota mode',
    );
  }
  const advancement = input.advancement ? quota(input.advancement, 'advancement') : null;

  if (problems.length > 0) return { ok: false, problems };
  const settings: RoundSettings = {
    name,
    previousRoundId: input.previousRoundId ?? null,
    criteria,
    judgesPerEntry,
    minSheets,
    aggregation: input.aggregation,
    trimCount,
    rankingScope: input.rankingScope,
    tieBreakCriteria,
    blind: input.blind ?? false,
    awardTiers,
    tiePolicy: input.tiePolicy ?? TiePolicy.INCLUDE_TIES,
    advancement,
  };
  try {
    prepareRound(toTabulationSettings(settings));
  } catch (error) {
    // Our rules are the stricter ones; a refusal here is a gap between the two, said plainly.
    if (error instanceof TabulationInputError) {
      return {
        ok: false,
        problems: [{ reason: JudgingReason.INVALID_QUOTA, field: 'round', message: error.message }],
      };
    }
    throw error;
  }
  return { ok: true, settings };
}

const asDecimal = (hundredths: number) => {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};
export { asDecimal as hundredthsToDecimal };

/** The settings in the tabulation library's terms. */
export function toTabulationSettings(settings: RoundSettings) {
  return {
    criteria: settings.criteria.map((c) => ({
      key: c.key,
      weight: c.weight,
      maxScore: asDecimal(c.maxScoreHundredths),
      step: asDecimal(c.stepHundredths),
    })),
    judgesPerEntry: settings.judgesPerEntry,
    minSheets: settings.minSheets,
    aggregation: settings.aggregation,
    trimCount: settings.trimCount,
    rankingScope: settings.rankingScope,
    tieBreakCriteria: settings.tieBreakCriteria,
    awardTiers: settings.awardTiers.map((t) => ({
      key: t.key,
      quota: { mode: t.quota.mode, value: asDecimal(t.quota.hundredths) },
    })),
    tiePolicy: settings.tiePolicy,
    advancement: settings.advancement
      ? { mode: settings.advancement.mode, value: asDecimal(settings.advancement.hundredths) }
      : null,
  };
}

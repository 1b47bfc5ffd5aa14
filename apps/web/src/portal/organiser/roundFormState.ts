import type {
  Aggregation,
  CreateRoundInput,
  QuotaMode,
  RankingScope,
  TiePolicy,
} from '../../gql/app';
import type { PortalRound } from '../ops';

/**
 * The round form's state, and the CreateRoundInput it sends. `updateRound` replaces every
 * setting of a round, so the state holds every field of the input, loaded from the round as
 * it is stored: a setting the organiser does not touch goes back exactly as it came (a form
 * that left out the tie-breaks, say, would reset them to the default on every save).
 * round-form-state.spec.ts holds this list to CreateRoundInput in the API's schema.
 */
export interface CriterionRow {
  /** the row's own id, which tie-breaks point at (a key can be edited) */
  id: number;
  key: string;
  name: string;
  weight: string;
  maxScore: string;
  step: string;
}

export interface TierRow {
  id: number;
  key: string;
  name: string;
  value: string;
}

export interface RoundFormState {
  name: string;
  previousRoundId: string;
  blind: boolean;
  aggregation: Aggregation;
  /** sent as it is whatever the aggregation: only TRIMMED_MEAN reads it, and it is kept */
  trimCount: string;
  rankingScope: RankingScope;
  judgesPerEntry: string;
  minSheets: string;
  criteria: CriterionRow[];
  /** criterion rows' ids, in the order ties are broken */
  tieBreaks: number[];
  tiePolicy: TiePolicy;
  /** one quota mode for every tier (the rules allow no mix) */
  quotaMode: QuotaMode;
  tiers: TierRow[];
  advancementMode: QuotaMode | '';
  advancementValue: string;
}

/** Defaults of a new round: those of the rules where they have one. */
export const NEW_ROUND = {
  judgesPerEntry: 3,
  trimCount: 1,
  tiePolicy: 'INCLUDE_TIES' as TiePolicy,
  aggregation: 'MEAN' as Aggregation,
  rankingScope: 'CATEGORY' as RankingScope,
};

let lastRowId = 0;
/** A fresh id for a new row of the form. */
export function rowId(): number {
  lastRowId += 1;
  return lastRowId;
}

export function emptyCriterion(key = ''): CriterionRow {
  return { id: rowId(), key, name: '', weight: key ? '100' : '', maxScore: '10', step: '0.5' };
}

export function emptyTier(): TierRow {
  return { id: rowId(), key: '', name: '', value: '1' };
}

/** The form as a round is stored (or a new round's defaults). */
export function formOf(round: PortalRound | null): RoundFormState {
  if (!round) {
    return {
      name: '',
      previousRoundId: '',
      blind: true,
      aggregation: NEW_ROUND.aggregation,
      trimCount: String(NEW_ROUND.trimCount),
      rankingScope: NEW_ROUND.rankingScope,
      judgesPerEntry: String(NEW_ROUND.judgesPerEntry),
      minSheets: '',
      criteria: [emptyCriterion('design')],
      tieBreaks: [],
      tiePolicy: NEW_ROUND.tiePolicy,
      quotaMode: 'COUNT',
      tiers: [],
      advancementMode: '',
      advancementValue: '',
    };
  }
  const criteria = round.criteria.map((c) => ({
    id: rowId(),
    key: c.key,
    name: c.name,
    weight: String(c.weight),
    maxScore: String(c.maxScore),
    step: String(c.step),
  }));
  const rowOfKey = new Map(criteria.map((c) => [c.key, c.id]));
  return {
    name: round.name,
    previousRoundId: round.previousRoundId ?? '',
    blind: round.blind,
    aggregation: round.aggregation,
    trimCount: String(round.trimCount),
    rankingScope: round.rankingScope,
    judgesPerEntry: String(round.judgesPerEntry),
    minSheets: String(round.minSheets),
    criteria,
    // a stored key is always one of the round's criteria (the API checks it)
    tieBreaks: round.tieBreakCriteria.flatMap((key) => rowOfKey.get(key) ?? []),
    tiePolicy: round.tiePolicy,
    quotaMode: round.awardTiers[0]?.quota.mode ?? 'COUNT',
    tiers: round.awardTiers.map((a) => ({
      id: rowId(),
      key: a.key,
      name: a.name,
      value: String(a.quota.value),
    })),
    advancementMode: round.advancement?.mode ?? '',
    advancementValue: round.advancement ? String(round.advancement.value) : '',
  };
}

/** What the form sends: every setting, the untouched ones as they were loaded. */
export function inputOf(eventId: string, form: RoundFormState): CreateRoundInput {
  const keyOfRow = new Map(form.criteria.map((c) => [c.id, c.key.trim()]));
  return {
    eventId,
    name: form.name.trim(),
    previousRoundId: form.previousRoundId || null,
    blind: form.blind,
    aggregation: form.aggregation,
    trimCount: Number(form.trimCount),
    rankingScope: form.rankingScope,
    judgesPerEntry: Number(form.judgesPerEntry),
    minSheets: form.minSheets ? Number(form.minSheets) : null,
    criteria: form.criteria.map((c) => ({
      key: c.key.trim(),
      name: c.name.trim(),
      weight: Number(c.weight),
      maxScore: Number(c.maxScore),
      step: Number(c.step),
    })),
    tieBreakCriteria: form.tieBreaks.flatMap((id) => keyOfRow.get(id) ?? []),
    tiePolicy: form.tiePolicy,
    awardTiers: form.tiers.map((a) => ({
      key: a.key.trim(),
      name: a.name.trim(),
      quota: { mode: form.quotaMode, value: Number(a.value) },
    })),
    advancement: form.advancementMode
      ? { mode: form.advancementMode, value: Number(form.advancementValue) }
      : null,
  };
}

/** The form without a criterion row, and without it among the tie-breaks. */
export function withoutCriterion(form: RoundFormState, id: number): RoundFormState {
  return {
    ...form,
    criteria: form.criteria.filter((c) => c.id !== id),
    tieBreaks: form.tieBreaks.filter((t) => t !== id),
  };
}

/** The tie-breaks with the one at `index` moved by `by` places (-1 up, +1 down). */
export function movedTieBreak(tieBreaks: readonly number[], index: number, by: -1 | 1): number[] {
  const to = index + by;
  if (to < 0 || to >= tieBreaks.length) return [...tieBreaks];
  const next = [...tieBreaks];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

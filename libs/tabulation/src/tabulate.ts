import { JudgeStatsBuilder, exactAggregate, meanZ, zScore } from './aggregate';
import { assignAdvancement } from './advancement';
import { Aggregate, assignTiers } from './awards';
import { compareResultOrder, tabulationHash } from './canonical';
import { TabulationInputError } from './errors';
import { compareBigints } from './order';
import { compareCriterionMeans, criterionScore } from './per-criterion';
import { EXACT_ORDER, ZSCORE_KEY_ORDER, competitionRanks } from './rank';
import { Rational } from './rational';
import { RoundPlan, prepareRound } from './settings';
import { readScores, sheetNumerator } from './sheet-total';
import { EntryInput, EntryResult, SheetInput, TabulationInput, TabulationOutput } from './types';
import { zscoreKey } from './zscore-key';

/** One entry of the round while it is tabulated; its sheets kept as the few numbers §3 needs. */
interface EntryState {
  input: EntryInput;
  code: string;
  scopeKey: string;
  /** The counted sheets' judges and L·T, in parallel; numbers or bigints, see sheetNumerator. */
  judgeIds: string[];
  numerators: (number | bigint)[];
  /** Σ of each criterion's score over the counted sheets, in hundredths. */
  criterionSums: number[];
  /** The exact aggregate, or ZSCORE's double. */
  aggregate: Rational | number | null;
  rank: number | null;
  tier: number;
  advanced: boolean;
}

const EXCLUDED = new Set(['DISQUALIFIED', 'WITHDRAWN']);

/**
 * §3–§7 in one pure function: the round's settings, its entries and their counted sheets in,
 * every entry's result (in §7's order) and the tabulation's hash out. The result does not
 * depend on the order of entries or sheets.
 */
export function tabulate(input: TabulationInput): TabulationOutput {
  return tabulateBy(input, aggregate);
}

/**
 * The what-if's judge-bias model (issue 23; whatif/judge-bias.ts): §2 and §4–§7 exactly as
 * `tabulate`, over exact aggregates on the 0–100 scale computed elsewhere (entry id → value)
 * instead of §3's. The round's aggregation must be an exact one (it decides how MIN_SCORE reads
 * its value); every entry with a counted sheet needs an aggregate. Never a stored result.
 */
export function tabulateWithAggregates(
  input: TabulationInput,
  aggregates: ReadonlyMap<string, Rational>,
): TabulationOutput {
  if (input.round.aggregation === 'ZSCORE') {
    throw new RangeError('tabulateWithAggregates: the aggregates are on the 0–100 scale');
  }
  return tabulateBy(input, (states) => {
    for (const e of states) {
      const value = aggregates.get(e.input.id);
      if (value === undefined && e.numerators.length > 0) {
        throw new RangeError(`tabulateWithAggregates: no aggregate for entry ${e.code}`);
      }
      e.aggregate = value ?? null;
    }
  });
}

function tabulateBy(
  input: TabulationInput,
  aggregateStep: (states: readonly EntryState[], plan: RoundPlan) => void,
): TabulationOutput {
  const plan = prepareRound(input.round);
  const entries = readEntries(input.entries, plan);
  readSheets(input.sheets, entries, plan);
  const states = [...entries.values()].filter((e): e is EntryState => e !== null);

  aggregateStep(states, plan);
  for (const scope of completeByScope(states, plan.minSheets).values()) rankScope(scope, plan);

  const results = states.map((e) => toResult(e, plan)).sort(compareResultOrder);
  return { results, hash: tabulationHash(results) };
}

/** Entries by id; null for those left out (§2), whose sheets then count nowhere. */
function readEntries(
  inputs: readonly EntryInput[],
  plan: RoundPlan,
): Map<string, EntryState | null> {
  const bad = (message: string) => new TabulationInputError('INVALID_ENTRY', message);
  const byId = new Map<string, EntryState | null>();
  const codes = new Set<string>();
  for (const entry of inputs) {
    if (typeof entry.id !== 'string' || entry.id === '') throw bad('an entry needs an id');
    if (byId.has(entry.id)) throw bad(`entry ${entry.id} is listed twice`);
    if (entry.status && EXCLUDED.has(entry.status)) {
      byId.set(entry.id, null);
      continue;
    }
    if (typeof entry.code !== 'string' || entry.code === '') {
      throw bad(`entry ${entry.id} has no code`);
    }
    if (codes.has(entry.code)) throw bad(`entry code ${entry.code} is used twice`);
    codes.add(entry.code);
    if (typeof entry.categoryCode !== 'string' || entry.categoryCode === '') {
      throw bad(`entry ${entry.code} has no category`);
    }
    byId.set(entry.id, {
      input: entry,
      code: entry.code,
      scopeKey: scopeKeyOf(entry, plan),
      judgeIds: [],
      numerators: [],
      criterionSums: new Array<number>(plan.criteria.criteria.length).fill(0),
      aggregate: null,
      rank: null,
      tier: -1,
      advanced: false,
    });
  }
  return byId;
}

function scopeKeyOf(entry: EntryInput, plan: RoundPlan): string {
  switch (plan.scope) {
    case 'ROUND':
      return 'ROUND';
    case 'CATEGORY':
      return entry.categoryCode;
    case 'PARENT_CATEGORY':
      return entry.topCategoryCode || entry.categoryCode;
  }
}

function readSheets(
  sheets: readonly SheetInput[],
  entries: Map<string, EntryState | null>,
  plan: RoundPlan,
): void {
  const hundredths = new Array<number>(plan.criteria.criteria.length); // reused: no array per sheet
  for (const sheet of sheets) {
    const entry = entries.get(sheet.entryId);
    if (entry === undefined) {
      throw new TabulationInputError(
        'UNKNOWN_ENTRY',
        `a sheet names entry ${sheet.entryId}, not in the round`,
      );
    }
    if (entry === null) continue; // a disqualified or withdrawn entry's sheet counts nowhere
    if (typeof sheet.judgeId !== 'string' || sheet.judgeId === '') {
      throw new TabulationInputError(
        'INVALID_ENTRY',
        `a sheet of ${entry.input.code} has no judge`,
      );
    }
    readScores(plan.criteria, sheet.scores, hundredths);
    entry.judgeIds.push(sheet.judgeId);
    entry.numerators.push(sheetNumerator(plan.criteria, hundredths));
    for (let c = 0; c < hundredths.length; c++) entry.criterionSums[c] += hundredths[c];
  }
}

/** §3 for every entry, complete or not: its aggregate (per-criterion results come from the sums). */
function aggregate(states: readonly EntryState[], plan: RoundPlan): void {
  const L = plan.criteria.denominator;
  if (plan.aggregation === 'ZSCORE') {
    // μ_j and σ_j over all of j's counted sheets, incomplete entries' included (§2, §3).
    const builder = new JudgeStatsBuilder();
    for (const e of states) e.numerators.forEach((k, s) => builder.add(e.judgeIds[s], k));
    const stats = builder.build(L);
    for (const e of states) {
      e.aggregate = meanZ(
        e.numerators.map((k, s) => ({
          judgeId: e.judgeIds[s],
          z: zScore(stats.get(e.judgeIds[s])!, k, L),
        })),
      );
    }
  } else {
    for (const e of states) {
      const sorted = sortNumerators(e.numerators);
      e.aggregate = exactAggregate(plan.aggregation, sorted, L, plan.trimCount);
    }
  }
}

/** A round's numerators are all numbers or all bigints (sheetNumerator decides per round). */
function sortNumerators(values: (number | bigint)[]): number[] | bigint[] {
  if (values.length > 0 && typeof values[0] === 'bigint') {
    return [...(values as bigint[])].sort(compareBigints);
  }
  return [...(values as number[])].sort((a, b) => a - b);
}

/** The complete entries of each scope; a scope of incomplete entries only ranks nobody. */
function completeByScope(
  states: readonly EntryState[],
  minSheets: number,
): Map<string, EntryState[]> {
  const byScope = new Map<string, EntryState[]>();
  for (const e of states) {
    if (e.numerators.length < minSheets) continue;
    const scope = byScope.get(e.scopeKey);
    if (scope) scope.push(e);
    else byScope.set(e.scopeKey, [e]);
  }
  return byScope;
}

/** §4–§6 within one scope. */
function rankScope(scope: EntryState[], plan: RoundPlan): void {
  // Each tie-break criterion's mean, compared exactly from the integer sums (§4).
  const compareTieBreaks = (a: EntryState, b: EntryState) => {
    for (const c of plan.tieBreaks) {
      const order = compareCriterionMeans(
        a.criterionSums[c],
        a.numerators.length,
        b.criterionSums[c],
        b.numerators.length,
      );
      if (order !== 0) return order;
    }
    return 0;
  };
  // What ranks, tiers and advancement compare: the exact aggregate, or for ZSCORE its key (§3),
  // computed once per entry; the double itself is kept for `score`.
  let ranks: number[];
  let aggregates: Aggregate[];
  const byTieBreaks = (a: { state: EntryState }, b: { state: EntryState }) =>
    compareTieBreaks(a.state, b.state);
  if (plan.aggregation === 'ZSCORE') {
    const keys = scope.map((e) => zscoreKey(e.aggregate as number));
    const items = scope.map((e, i) => ({ state: e, code: e.code, aggregate: keys[i] }));
    ranks = competitionRanks(items, ZSCORE_KEY_ORDER, byTieBreaks);
    aggregates = keys;
  } else {
    const exact = scope.map((e) => e.aggregate as Rational);
    const items = scope.map((e, i) => ({ state: e, code: e.code, aggregate: exact[i] }));
    ranks = competitionRanks(items, EXACT_ORDER, byTieBreaks);
    aggregates = exact;
  }
  const tiers = assignTiers(
    plan.tiers.map((t) => t.quota),
    ranks,
    aggregates,
    plan.tiePolicy,
  );
  const advanced = assignAdvancement(plan.advancement, ranks, aggregates, plan.tiePolicy);
  scope.forEach((e, i) => {
    e.rank = ranks[i];
    e.tier = tiers[i];
    e.advanced = advanced[i];
  });
}

function toResult(e: EntryState, plan: RoundPlan): EntryResult {
  const { aggregate } = e;
  const sheets = e.numerators.length;
  let score: number | null = null;
  let scoreExact: string | null = null;
  if (typeof aggregate === 'number') score = roundDouble(aggregate, 4);
  else if (aggregate) {
    score = aggregate.toRoundedNumber(3);
    scoreExact = aggregate.toString();
  }
  return {
    entryId: e.input.id,
    entryCode: e.input.code,
    scopeKey: e.scopeKey,
    sheetCount: sheets,
    complete: sheets >= plan.minSheets,
    score,
    scoreExact,
    rank: e.rank,
    award: e.tier >= 0 ? plan.tiers[e.tier].key : null,
    advanced: e.advanced,
    // Without sheets there is no mean to report, and a 0 would read as a real score.
    criterionScores:
      sheets === 0
        ? []
        : plan.criteria.criteria.map((criterion, c) => ({
            criterionKey: criterion.key,
            score: criterionScore(criterion, e.criterionSums[c], sheets),
          })),
  };
}

/**
 * A double rounded half away from zero on its exact binary value, as `toFixed` does (§3);
 * never -0.
 */
export function roundDouble(value: number, digits: number): number {
  const rounded = Number(value.toFixed(digits));
  return rounded === 0 ? 0 : rounded;
}

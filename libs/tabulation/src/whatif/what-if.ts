import { countedTotals } from '../quality/counted-totals';
import { tabulate, tabulateWithAggregates } from '../tabulate';
import {
  Aggregation,
  EntryResult,
  RoundSettings,
  TabulationInput,
  TabulationOutput,
} from '../types';
import { Rational } from '../rational';
import { JudgeBiasFit, QUALITY_KEY_DECIMALS, fitJudgeBias } from './judge-bias';
import { KendallTau, kendallTauB } from './kendall-tau';

const KEY_SCALE = 10n ** BigInt(QUALITY_KEY_DECIMALS);

/** The four aggregations of §3, then the judge-bias model (see fitJudgeBias). */
export const WHAT_IF_METHODS = ['MEAN', 'TRIMMED_MEAN', 'MEDIAN', 'ZSCORE', 'JUDGE_BIAS'] as const;
export type WhatIfMethod = (typeof WHAT_IF_METHODS)[number];

/** One method over the whole round, compared with the round's own results. */
export interface WhatIfMethodSummary {
  method: WhatIfMethod;
  /** The round's own aggregation: its results are the ones compared against. */
  own: boolean;
  /**
   * Whether the round's quotas apply to this method: false when a MIN_SCORE quota (of a tier or
   * of advancement) would be read on another scale (ZSCORE's z against the 0–100 points of the
   * others); such a method is ranked without tiers or advancement.
   */
  awardsComparable: boolean;
  /** Kendall's τ-b between this method's ranks and the round's own, within each scope. */
  kendallTau: KendallTau;
  /** Entries whose award differs from the round's own (0 when not comparable). */
  entriesChangingAward: number;
  entriesChangingAdvancement: number;
  entriesChangingRank: number;
}

/** One entry under one method. */
export interface WhatIfOutcome {
  method: WhatIfMethod;
  /** As the method reports it (§3); for JUDGE_BIAS the fitted quality, to 3 decimals. */
  score: number | null;
  /**
   * The exact aggregate as 'p/q' (null for ZSCORE); for JUDGE_BIAS the exact quality when its
   * component's denominator is short (EXACT_QUALITY_DIGITS), else null.
   */
  scoreExact: string | null;
  rank: number | null;
  award: string | null;
  advanced: boolean;
  /**
   * Tiers gained (positive) or lost (negative) against the round's own award, counting "no
   * award" as the tier below the lowest; null when the method's awards are not comparable.
   */
  tierShift: number | null;
  /** Places gained (positive: a better rank) against the round's own; null without both ranks. */
  rankShift: number | null;
}

export interface WhatIfEntry {
  entryId: string;
  entryCode: string;
  scopeKey: string;
  sheetCount: number;
  complete: boolean;
  /** In WHAT_IF_METHODS order. */
  outcomes: WhatIfOutcome[];
  /** Its award is not the same under every comparable method. */
  awardDependsOnMethod: boolean;
  advancementDependsOnMethod: boolean;
}

export interface WhatIfReport {
  aggregation: Aggregation;
  /** The round's own results as `tabulate` gives them on this input (compare with the stored). */
  ownHash: string;
  /** In WHAT_IF_METHODS order. */
  methods: WhatIfMethodSummary[];
  /** In the order of the round's own results (§7). */
  entries: WhatIfEntry[];
  /** The judge-bias model's fit: biases per judge and the connected components. */
  biasFit: JudgeBiasFit;
}

/**
 * What the round's results would be under each method, side by side with its own (issue 23):
 * the tabulation of §2–§7 run on the same input with only the aggregation changed (the four of
 * §3), and once over the judge-bias model's qualities (fitJudgeBias, ranked by
 * tabulateWithAggregates). Everything else is the round's: completeness, scopes, tie-breaks,
 * tiers, tie policy, advancement. Pure and read-only: nothing here is a result of the round.
 */
export function whatIf(input: TabulationInput): WhatIfReport {
  const own = tabulate(input);
  const ownAggregation = input.round.aggregation;
  const biasFit = fitJudgeBias(
    countedTotals({ criteria: input.round.criteria, entries: input.entries, sheets: input.sheets }),
  );
  const tierLevels = new Map(
    (input.round.awardTiers ?? []).map((tier, i, all) => [tier.key, all.length - i]),
  );
  const level = (award: string | null) => (award === null ? 0 : (tierLevels.get(award) ?? 0));

  const runs = WHAT_IF_METHODS.map(
    (method): { method: WhatIfMethod; comparable: boolean; output: TabulationOutput } => {
      const comparable = sameScale(method, ownAggregation) || !hasMinScore(input.round);
      if (method === ownAggregation) return { method, comparable, output: own };
      const round: RoundSettings = {
        ...input.round,
        aggregation: method === 'JUDGE_BIAS' ? 'MEAN' : method,
        ...(comparable ? {} : { awardTiers: [], advancement: null }),
      };
      const output: TabulationOutput =
        method === 'JUDGE_BIAS'
          ? tabulateWithAggregates(
              { ...input, round },
              new Map([...biasFit.entries].map(([id, e]) => [id, Rational.of(e.key, KEY_SCALE)])),
            )
          : tabulate({ ...input, round });
      return { method, comparable, output };
    },
  );
  const resultsOf = runs.map(({ output }) => new Map(output.results.map((r) => [r.entryId, r])));

  const entries = own.results.map((mine): WhatIfEntry => {
    const outcomes = runs.map(({ method, comparable }, m): WhatIfOutcome => {
      const r = resultsOf[m].get(mine.entryId)!;
      // The judge-bias model was ranked by its keys; its scores come from the exact qualities.
      const quality = method === 'JUDGE_BIAS' ? biasFit.entries.get(mine.entryId) : undefined;
      return {
        method,
        score: quality ? quality.quality : r.score,
        scoreExact: quality ? (quality.exact?.toString() ?? null) : r.scoreExact,
        rank: r.rank,
        award: r.award,
        advanced: r.advanced,
        tierShift: comparable ? level(r.award) - level(mine.award) : null,
        rankShift: r.rank !== null && mine.rank !== null ? mine.rank - r.rank : null,
      };
    });
    const comparableOutcomes = outcomes.filter((_, m) => runs[m].comparable);
    return {
      entryId: mine.entryId,
      entryCode: mine.entryCode,
      scopeKey: mine.scopeKey,
      sheetCount: mine.sheetCount,
      complete: mine.complete,
      outcomes,
      awardDependsOnMethod: new Set(comparableOutcomes.map((o) => o.award)).size > 1,
      advancementDependsOnMethod: new Set(comparableOutcomes.map((o) => o.advanced)).size > 1,
    };
  });

  const methods = runs.map(({ method, comparable }, m): WhatIfMethodSummary => {
    const ranked = own.results.flatMap((mine) => {
      const theirs = resultsOf[m].get(mine.entryId)!;
      return mine.rank !== null && theirs.rank !== null
        ? [{ group: mine.scopeKey, x: mine.rank, y: theirs.rank }]
        : [];
    });
    const changed = (differs: (mine: EntryResult, theirs: EntryResult) => boolean) =>
      own.results.filter((mine) => differs(mine, resultsOf[m].get(mine.entryId)!)).length;
    return {
      method,
      own: method === ownAggregation,
      awardsComparable: comparable,
      kendallTau: kendallTauB(ranked),
      entriesChangingAward: comparable ? changed((a, b) => a.award !== b.award) : 0,
      entriesChangingAdvancement: comparable ? changed((a, b) => a.advanced !== b.advanced) : 0,
      entriesChangingRank: changed((a, b) => a.rank !== b.rank),
    };
  });

  return { aggregation: ownAggregation, ownHash: own.hash, methods, entries, biasFit };
}

/** ZSCORE reads z-scores; every other method (the judge-bias model too) points of 0–100. */
function sameScale(method: WhatIfMethod, aggregation: Aggregation): boolean {
  return (method === 'ZSCORE') === (aggregation === 'ZSCORE');
}

function hasMinScore(round: RoundSettings): boolean {
  return (
    (round.awardTiers ?? []).some((t) => t.quota.mode === 'MIN_SCORE') ||
    round.advancement?.mode === 'MIN_SCORE'
  );
}

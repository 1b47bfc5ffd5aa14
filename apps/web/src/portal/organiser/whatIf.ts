import type { Translate } from '../../i18n';
import type { AwardTier, RoundWhatIf, WhatIfEntry, WhatIfMethod } from '../ops';

/** At most this many entries in the chart (the table below it lists every one). */
export const CHART_ROWS = 40;

/** The chart of the awards that depend on the method: entries × methods, a cell per award. */
export interface AwardGrid {
  /** the columns: the methods whose awards compare with the round's own */
  methods: WhatIfMethod[];
  /** the rows: entry codes, in the round's own order */
  codes: string[];
  /** [column, row, level]: level 0 is no award, the highest tier is tiers.length */
  cells: [number, number, number][];
  /** the award of each level, lowest first: [no award, …, the highest tier] */
  levels: string[];
  /** entries left out of the chart beyond CHART_ROWS */
  more: number;
}

/** A tier's level: the highest tier (rank 1) is the number of tiers, no award is 0. */
export function tierLevel(tiers: readonly AwardTier[], award: { rank: number } | null): number {
  return award === null ? 0 : tiers.length - award.rank + 1;
}

/**
 * The entries whose award depends on the method, as a grid for the chart: one column per
 * comparable method (a method whose MIN_SCORE would be read on another scale gives no awards
 * and is left out), one row per entry.
 */
export function awardGrid(
  whatIf: RoundWhatIf,
  tiers: readonly AwardTier[],
  noAward: string,
): AwardGrid {
  const comparable = whatIf.methods.filter((m) => m.awardsComparable).map((m) => m.method);
  const depending = whatIf.entries.filter((e) => e.awardDependsOnMethod);
  const shown = depending.slice(0, CHART_ROWS);
  const cells: [number, number, number][] = [];
  shown.forEach((entry, row) => {
    comparable.forEach((method, column) => {
      const outcome = entry.outcomes.find((o) => o.method === method);
      cells.push([column, row, tierLevel(tiers, outcome?.award ?? null)]);
    });
  });
  const byRank = [...tiers].sort((a, b) => b.rank - a.rank); // lowest tier first
  return {
    methods: comparable,
    codes: shown.map((e) => e.entry.code ?? e.entry.title),
    cells,
    levels: [noAward, ...byRank.map((tier) => tier.name)],
    more: depending.length - shown.length,
  };
}

/** An outcome's award in words, with how far it moved: "银奖（降 1 级）". */
export function outcomeText(
  t: Translate,
  outcome: WhatIfEntry['outcomes'][number],
  own: boolean,
): string {
  const award = outcome.award?.name ?? t('whatIfNoAward');
  if (own || !outcome.tierShift) return award;
  const shift = t(outcome.tierShift > 0 ? 'whatIfUp' : 'whatIfDown', {
    n: Math.abs(outcome.tierShift),
  });
  return t('whatIfShifted', { award, shift });
}

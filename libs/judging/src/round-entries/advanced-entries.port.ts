import type { RequestCtx } from '@app/core';

/**
 * Which entries a round's latest tabulation advanced (judging-rules.md §6). Tabulations are
 * stored by the results library, which depends on judging; it answers this port (as judging
 * answers the entries domain's ports), so judging never imports it.
 */
export const ADVANCED_ENTRIES = Symbol('ADVANCED_ENTRIES');

export interface LatestAdvancement {
  readonly tabulationId: string;
  readonly version: number;
  /** entry ids with `advanced = true`, in id order */
  readonly entryIds: readonly string[];
}

export interface AdvancedEntries {
  /** The round's latest tabulation and the entries it advanced; null before the first. */
  latestOf(ctx: RequestCtx, roundId: string): Promise<LatestAdvancement | null>;
}

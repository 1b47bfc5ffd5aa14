import type { RequestCtx } from '@app/core';

/**
 * Whether a round's results are published as FINAL (judging-rules.md §8: a FINAL publication
 * never changes, so its round cannot be reopened). Publications depend on judging; they answer
 * this port, so judging never imports them.
 */
export const ROUND_PUBLICATIONS = Symbol('ROUND_PUBLICATIONS');

/** The reason reopenRound gives when the round's publication is FINAL. */
export const PUBLICATION_FINAL = 'PUBLICATION_FINAL';

export interface RoundPublications {
  /** The round's FINAL publication, or null. */
  finalOf(ctx: RequestCtx, roundId: string): Promise<{ id: string; version: number } | null>;
}

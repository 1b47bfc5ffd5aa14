import type { RequestCtx } from '@app/core';

/**
 * Ports that higher domains provide (the import still points down, as the README draws the layers): entries
 * ask them without knowing rounds or images. When a port is not bound, the rule it carries
 * does not apply yet.
 */

/** judging: whether the entry's first round has opened (organisers may edit until then). */
export const ENTRY_JUDGING_STATE = Symbol('ENTRY_JUDGING_STATE');
export interface EntryJudgingState {
  judgingStarted(ctx: RequestCtx, entryId: string): Promise<boolean>;
}

/** images: how many photos an entry has (submitting needs at least one). */
export const ENTRY_IMAGES = Symbol('ENTRY_IMAGES');
export interface EntryImages {
  count(ctx: RequestCtx, entryId: string): Promise<number>;
}

/**
 * judging: how a judge may see an entry — null when the judge holds no assignment of it (the
 * entry is then NOT_FOUND for it), `blind` when every round it judges the entry in is blind.
 */
export const ENTRY_JUDGE_VIEW = Symbol('ENTRY_JUDGE_VIEW');
export interface EntryJudgeView {
  viewOf(ctx: RequestCtx, entryId: string): Promise<{ blind: boolean } | null>;
}

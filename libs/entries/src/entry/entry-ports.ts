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

/**
 * publication: a disqualification after the results are FINAL revokes the entry's awards
 * (judging-rules.md §8): the item is marked revoked and its certificate verifies as REVOKED;
 * nobody else moves up. Called inside the disqualification's transaction, with the event's row
 * locked, so both commit together; and before the entry's audited move, since a revocation locks
 * its publication before the event's audit chain (one lock order, no deadlock).
 */
export const ENTRY_AWARDS = Symbol('ENTRY_AWARDS');
export interface EntryAwards {
  /**
   * Revokes the entry's awards in NOTICE and FINAL publications, each audited; one already revoked
   * keeps its first date and reason. Answers how many were revoked now.
   */
  revokeOnDisqualification(ctx: RequestCtx, entryId: string, reason: string): Promise<number>;
}

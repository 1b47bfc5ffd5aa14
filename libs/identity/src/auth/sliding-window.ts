/**
 * The sliding-window rule of identity's throttles (sign-in failures, sign-ups): a key with
 * `limit` counted attempts inside the window is refused until the oldest of them leaves it.
 */

/** One counted attempt of a key, newest first as read. */
export interface CountedAttempt {
  at: Date;
  /** a password check still under way: it may yet succeed and stop counting */
  pending?: boolean;
}

/** A check under way for longer than this has lost its request (a crash): it counts as failed. */
export const PENDING_STALE_MS = 60_000;
/** How soon to come back when the limit is reached only by checks still under way. */
export const PENDING_RETRY_MS = 1_000;

/**
 * Milliseconds until the key may try again; 0 when it may now. `attempts` are the key's most
 * recent ones inside the window, newest first, at most `limit` of them.
 */
export function waitOf(
  attempts: readonly CountedAttempt[],
  limit: number,
  windowMs: number,
  now: Date,
): number {
  if (attempts.length < limit) return 0;
  const underWay = attempts.some(
    (a) => a.pending && now.getTime() - new Date(a.at).getTime() < PENDING_STALE_MS,
  );
  if (underWay) return PENDING_RETRY_MS;
  const oldest = new Date(attempts[limit - 1].at).getTime();
  return Math.max(0, oldest + windowMs - now.getTime());
}

/** Whole seconds to wait, at least 1 (a client told 0 would come straight back). */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** "45 seconds", "15 minutes": for the English message beside retryAfterSeconds. */
export function inWords(seconds: number): string {
  return seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

import { useEffect, useState } from 'react';

/**
 * Milliseconds until a notice period ends (0 once it has). Finalising is refused by the server
 * until then, so the page holds the button back for that long.
 */
export function noticeLeftMs(noticeEndsAt: string, now: number): number {
  return Math.max(new Date(noticeEndsAt).getTime() - now, 0);
}

/** setTimeout takes at most 2^31−1 ms (about 24.8 days); a longer wait is taken in steps. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Whether the notice ending at `noticeEndsAt` is still running, turning false on its own when
 * it ends: one timer to the end (re-armed for waits longer than a timer can hold), not a poll.
 */
export function useNoticeRunning(noticeEndsAt: string): boolean {
  // each firing renders again, and arms the next timer if the end is still ahead
  const [tick, setTick] = useState(0);
  const running = noticeLeftMs(noticeEndsAt, Date.now()) > 0;
  useEffect(() => {
    const left = noticeLeftMs(noticeEndsAt, Date.now());
    if (left <= 0) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.min(left, MAX_TIMER_MS));
    return () => clearTimeout(timer);
  }, [noticeEndsAt, tick]);
  return running;
}

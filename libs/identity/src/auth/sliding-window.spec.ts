import { PENDING_RETRY_MS, PENDING_STALE_MS, retryAfterSeconds, waitOf } from './sliding-window';

const WINDOW = 15 * 60_000;
const now = new Date('2026-12-07T08:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('waitOf (identity throttles)', () => {
  it('lets a key with fewer attempts than the limit through', () => {
    expect(waitOf([{ at: ago(1000) }, { at: ago(2000) }], 3, WINDOW, now)).toBe(0);
  });

  it('at the limit, waits until the oldest counted attempt leaves the window', () => {
    const attempts = [{ at: ago(1000) }, { at: ago(60_000) }, { at: ago(5 * 60_000) }];
    expect(waitOf(attempts, 3, WINDOW, now)).toBe(10 * 60_000);
  });

  it('at the limit only through checks still under way, asks to come back in a moment', () => {
    const attempts = [{ at: ago(10), pending: true }, { at: ago(60_000) }, { at: ago(70_000) }];
    expect(waitOf(attempts, 3, WINDOW, now)).toBe(PENDING_RETRY_MS);
  });

  it('counts a check under way for too long (its request lost) as a failure', () => {
    const lost = { at: ago(PENDING_STALE_MS + 1), pending: true };
    expect(waitOf([{ at: ago(10) }, lost], 2, WINDOW, now)).toBe(WINDOW - PENDING_STALE_MS - 1);
  });

  it('tells whole seconds, at least one', () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(60_001)).toBe(61);
  });
});

import { BASE_MS, MAX_MS, nextDelay, openCount, OpenObjectionCount } from './objectionWatch';

const row = (eventId: string, roundId: string, open: number): OpenObjectionCount => ({
  eventId,
  roundId,
  open,
  oldestFiledAt: '2026-03-01T08:00:00.000Z',
  newestFiledAt: '2026-03-01T09:00:00.000Z',
});

describe('the objection flag', () => {
  it('backs off while nothing changes, up to its cap, and is back at the base on a change', () => {
    const waits = [BASE_MS];
    for (let i = 0; i < 5; i++) waits.push(nextDelay(waits.at(-1)!, false));
    expect(waits).toEqual([15_000, 30_000, 60_000, 120_000, 120_000, 120_000]);
    expect(MAX_MS).toBe(120_000);
    expect(nextDelay(MAX_MS, true)).toBe(BASE_MS);
  });

  it('counts all, one event’s or one round’s', () => {
    const all = [row('e1', 'r1', 2), row('e1', 'r2', 1), row('e2', 'r3', 4)];
    expect(openCount(all)).toBe(7);
    expect(openCount(all, { eventId: 'e1' })).toBe(3);
    expect(openCount(all, { roundId: 'r3' })).toBe(4);
    expect(openCount(all, { eventId: 'e2', roundId: 'r1' })).toBe(0);
    expect(openCount(null)).toBe(0);
  });
});

import { noticeLeftMs } from './noticeClock';

describe('how long a notice period still runs', () => {
  const end = '2026-12-07T10:00:05.000Z';
  const at = (iso: string) => new Date(iso).getTime();

  it('counts down to the end', () => {
    expect(noticeLeftMs(end, at('2026-12-07T10:00:00.000Z'))).toBe(5000);
    expect(noticeLeftMs(end, at('2026-12-07T10:00:04.999Z'))).toBe(1);
  });

  it('is 0 from the end on, never negative', () => {
    expect(noticeLeftMs(end, at(end))).toBe(0);
    expect(noticeLeftMs(end, at('2026-12-08T00:00:00.000Z'))).toBe(0);
  });
});

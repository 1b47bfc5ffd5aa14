import { activityTable, SheetHourRow } from './activity';

const A = { id: 'a', name: 'A 陶瓷组' };
const B = { id: 'b', name: 'B 编织组' };
const row = (hour: string, panel: typeof A, sheets: number): SheetHourRow => ({
  hour: `2026-03-01T${hour}:00:00.000Z`,
  panel,
  sheets,
});

describe('activityTable', () => {
  it('fills the hours without a sheet with zeros, per panel (panels by name)', () => {
    const table = activityTable([
      row('09', A, 2),
      row('09', B, 1),
      row('10', A, 1),
      row('12', B, 1),
    ]);
    expect(table.panels).toEqual([A, B]);
    expect(table.hours).toEqual([
      '2026-03-01T09:00:00.000Z',
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T11:00:00.000Z',
      '2026-03-01T12:00:00.000Z',
    ]);
    expect(table.counts).toEqual([
      [2, 1, 0, 0],
      [1, 0, 0, 1],
    ]);
    expect(table.totals).toEqual([3, 2]);
    expect(table.earlier).toEqual([0, 0]);
  });

  it('shows the last maxHours hours of a long round and sums the sheets before them', () => {
    const table = activityTable([row('01', A, 5), row('09', B, 3), row('10', A, 2)], 3);
    expect(table.hours).toEqual([
      '2026-03-01T08:00:00.000Z',
      '2026-03-01T09:00:00.000Z',
      '2026-03-01T10:00:00.000Z',
    ]);
    expect(table.counts).toEqual([
      [0, 0, 2],
      [0, 3, 0],
    ]);
    expect(table.earlier).toEqual([5, 0]);
    expect(table.totals).toEqual([7, 3]);
  });

  it('is empty without a sheet', () => {
    expect(activityTable([])).toEqual({
      hours: [],
      panels: [],
      counts: [],
      earlier: [],
      totals: [],
    });
  });
});

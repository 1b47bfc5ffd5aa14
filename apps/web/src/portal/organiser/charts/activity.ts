/** One row of Round.activity: a panel's sheets submitted within one hour. */
export interface SheetHourRow {
  /** the hour's first instant, ISO (UTC) */
  hour: string;
  panel: { id: string; name: string };
  sheets: number;
}

export interface ActivityTable {
  /** every hour from the first with a sheet to the last, ISO, oldest first (at most maxHours) */
  hours: string[];
  panels: Array<{ id: string; name: string }>;
  /** sheets per panel (rows, as `panels`) and hour (columns, as `hours`) */
  counts: number[][];
  /** per panel, the sheets of hours before the first one shown (a round longer than maxHours) */
  earlier: number[];
  /** per panel, every sheet */
  totals: number[];
}

const HOUR = 3_600_000;

/**
 * The progress chart's table: the hours with no sheet filled in with zeros, so the bars stand
 * at their times; panels by name. A round that ran longer than `maxHours` shows its last
 * `maxHours` hours, and the sheets before them in `earlier` (the chart stays readable and the
 * table bounded, whatever the round's length).
 */
export function activityTable(rows: readonly SheetHourRow[], maxHours = 48): ActivityTable {
  const panels = [...new Map(rows.map((r) => [r.panel.id, r.panel])).values()].sort(
    (a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1),
  );
  const row = new Map(panels.map((p, i) => [p.id, i]));
  const table: ActivityTable = {
    hours: [],
    panels,
    counts: panels.map(() => []),
    earlier: panels.map(() => 0),
    totals: panels.map(() => 0),
  };
  if (rows.length === 0) return table;
  const times = rows.map((r) => Date.parse(r.hour));
  const last = Math.max(...times);
  const first = Math.max(Math.min(...times), last - (maxHours - 1) * HOUR);
  for (let t = first; t <= last; t += HOUR) table.hours.push(new Date(t).toISOString());
  for (const counts of table.counts) counts.push(...table.hours.map(() => 0));
  for (const [i, r] of rows.entries()) {
    const p = row.get(r.panel.id)!;
    table.totals[p] += r.sheets;
    if (times[i] < first) table.earlier[p] += r.sheets;
    else table.counts[p][Math.round((times[i] - first) / HOUR)] += r.sheets;
  }
  return table;
}

/** An hour as the office reads it, in the browser's time zone: 03-01 09:00. */
export function hourLabel(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:00`;
}

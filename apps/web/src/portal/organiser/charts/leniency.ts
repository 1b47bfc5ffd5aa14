/** A judge's line of the judge-quality figures, as much as the leniency chart needs. */
export interface JudgeLeniency {
  judge: { id: string; name: string };
  leniency: number | null;
  coJudgedEntries: number;
}

export interface LeniencyChartData {
  /** judges who share an entry with a co-judge, the most lenient first */
  charted: Array<{ id: string; name: string; leniency: number; coJudgedEntries: number }>;
  /** judges without a shared entry: no figure to chart */
  without: string[];
  /** the axis runs from −bound to +bound, so 0 sits in the middle */
  bound: number;
}

/**
 * Each judge's mean against the mean of the co-judges on the same entries (JudgeQuality.leniency:
 * positive = more lenient), by name, the most lenient first (names in order for equal figures).
 */
export function leniencyChartData(judges: readonly JudgeLeniency[]): LeniencyChartData {
  const charted = judges
    .flatMap((j) =>
      j.leniency === null
        ? []
        : [{ ...j.judge, leniency: j.leniency, coJudgedEntries: j.coJudgedEntries }],
    )
    .sort((a, b) => b.leniency - a.leniency || a.name.localeCompare(b.name, 'zh-CN'));
  const without = judges.filter((j) => j.leniency === null).map((j) => j.judge.name);
  const largest = Math.max(0, ...charted.map((j) => Math.abs(j.leniency)));
  return { charted, without, bound: roundUp(largest) };
}

/** +1.25, -0.5, 0: the points a judge gives above (+) or below (−) its co-judges. */
export function signedPoints(value: number): string {
  const text = String(Number(value.toFixed(3)));
  return value > 0 ? `+${text}` : text === '-0' ? '0' : text;
}

/** The next of 1, 2, 5 × 10ⁿ at or above `value` (at least 1): a round end for the axis. */
function roundUp(value: number): number {
  let unit = 1;
  while (unit * 10 <= value) unit *= 10;
  for (const m of [1, 2, 5, 10]) if (m * unit >= value) return m * unit;
  return 10 * unit;
}

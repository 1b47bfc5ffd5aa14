import type { EntryResult, RoundQuality } from '../ops';

/** Entries sharing their rank with another in the same scope: a tie the organiser should see. */
export function tiedEntryIds(results: EntryResult[]): Set<string> {
  const seen = new Map<string, string[]>();
  for (const r of results) {
    if (r.rank === null) continue;
    const key = `${r.scopeKey}\u0000${r.rank}`;
    seen.set(key, [...(seen.get(key) ?? []), r.entry.id]);
  }
  return new Set([...seen.values()].filter((ids) => ids.length > 1).flat());
}

/**
 * Judges whose mean total lies more than one standard deviation (across the judges' means)
 * from the mean of means: the lenient and the severe, worth a look before publishing.
 */
export function outlierJudgeIds(quality: RoundQuality): Set<string> {
  const means = quality.judges.map((j) => j.meanTotal);
  if (means.length < 3) return new Set();
  const mean = means.reduce((a, b) => a + b, 0) / means.length;
  const sd = Math.sqrt(means.reduce((a, b) => a + (b - mean) ** 2, 0) / means.length);
  if (sd === 0) return new Set();
  return new Set(
    quality.judges.filter((j) => Math.abs(j.meanTotal - mean) > sd).map((j) => j.judge.id),
  );
}

/** ICC below this is poor agreement (Koo & Li's usual reading of ICC). */
export const LOW_AGREEMENT = 0.5;

/** Results grouped by scope, in the order the API gives them (§7's order). */
export function byScope(results: EntryResult[]): [string, EntryResult[]][] {
  const groups = new Map<string, EntryResult[]>();
  for (const r of results) groups.set(r.scopeKey, [...(groups.get(r.scopeKey) ?? []), r]);
  return [...groups];
}

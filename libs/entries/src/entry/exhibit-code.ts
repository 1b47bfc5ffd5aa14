/**
 * Exhibit codes: `<category code>-<number>`, e.g. `B03-0127`. The number is drawn at random
 * from those still free in the category, so neither the order of acceptance nor an entrant's
 * run of entries can be read off the codes (a blind round shows judges only this code).
 * Pure: the caller passes the taken codes and a source of randomness.
 */
export function exhibitCode(
  categoryCode: string,
  taken: ReadonlySet<string>,
  randomInt: (maxExclusive: number) => number,
): string {
  for (let digits = 4; ; digits++) {
    const size = 10 ** digits - 1; // numbers 1 .. 9…9
    const prefix = `${categoryCode}-`;
    const takenHere = [...taken].filter(
      (c) => c.startsWith(prefix) && c.length === prefix.length + digits,
    );
    if (takenHere.length >= size * 0.9) continue; // nearly full: widen rather than hunt
    for (;;) {
      const code = `${prefix}${String(1 + randomInt(size)).padStart(digits, '0')}`;
      if (!taken.has(code)) return code;
    }
  }
}

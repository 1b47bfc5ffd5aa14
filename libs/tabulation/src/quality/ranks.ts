/**
 * Average ranks (1 = lowest), doubled so they stay integers: a tie over sorted positions
 * i..j (1-based) shares the rank (i + j) / 2, reported as i + j. Aligned with `values`.
 * `compare` orders the values (ascending); equal values tie.
 * Also Σ (t³ − t) over the tie groups, the tie term of Kendall's W and of Spearman's formula.
 */
export function doubledAverageRanks<T>(
  values: readonly T[],
  compare: (a: T, b: T) => number,
): { ranks: bigint[]; tieTerm: bigint } {
  const order = values.map((_, i) => i).sort((a, b) => compare(values[a], values[b]));
  const ranks = new Array<bigint>(values.length);
  let tieTerm = 0n;
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && compare(values[order[start]], values[order[end]]) === 0) end++;
    const doubled = BigInt(start + 1 + end); // positions start+1 … end
    for (let p = start; p < end; p++) ranks[order[p]] = doubled;
    const t = BigInt(end - start);
    tieTerm += t * t * t - t;
    start = end;
  }
  return { ranks, tieTerm };
}

export const compareBigint = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

import { createHash } from 'node:crypto';
import { compareCodePoints } from './order';

/** What the hash of a tabulation covers (§7), in the order the canonical JSON writes it. */
export interface CanonicalResult {
  entryCode: string;
  scopeKey: string;
  sheetCount: number;
  complete: boolean;
  scoreExact: string | null;
  score: number | null;
  rank: number | null;
  award: string | null;
  advanced: boolean;
}

/** §7's order: scopeKey, then rank (nulls last), then entry code; strings in code-point order. */
export function compareResultOrder(a: CanonicalResult, b: CanonicalResult): number {
  return (
    compareCodePoints(a.scopeKey, b.scopeKey) ||
    compareRanks(a.rank, b.rank) ||
    compareCodePoints(a.entryCode, b.entryCode)
  );
}

function compareRanks(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

/**
 * The canonical JSON of a tabulation: the results in §7's order, each with exactly the keys of
 * §7 in that order, no white space, numbers in their shortest form and strings as
 * JSON.stringify writes them (non-ASCII as is).
 */
export function canonicalResultsJson(results: readonly CanonicalResult[]): string {
  // tabulate() hands the results over in order; anything else is sorted here.
  const inOrder = results.every((r, i) => i === 0 || compareResultOrder(results[i - 1], r) < 0);
  const sorted = inOrder ? results : [...results].sort(compareResultOrder);
  for (let i = 1; !inOrder && i < sorted.length; i++) {
    // Two rows the order cannot tell apart would make the hash depend on the input's order.
    if (compareResultOrder(sorted[i - 1], sorted[i]) === 0) {
      throw new RangeError(`canonicalResultsJson: entry code ${sorted[i].entryCode} twice`);
    }
  }
  const rows = sorted.map((r) => {
    if (!Number.isInteger(r.sheetCount)) throw new RangeError('canonicalResultsJson: sheetCount');
    if (r.score !== null && !Number.isFinite(r.score)) {
      throw new RangeError('canonicalResultsJson: score');
    }
    if (r.rank !== null && !Number.isInteger(r.rank)) {
      throw new RangeError('canonicalResultsJson: rank');
    }
    // What JSON.stringify writes for an object with these keys in this order, value by value.
    return (
      `{"entryCode":${JSON.stringify(r.entryCode)},"scopeKey":${JSON.stringify(r.scopeKey)}` +
      `,"sheetCount":${r.sheetCount},"complete":${r.complete}` +
      `,"scoreExact":${JSON.stringify(r.scoreExact)},"score":${JSON.stringify(r.score)}` +
      `,"rank":${r.rank},"award":${JSON.stringify(r.award)},"advanced":${r.advanced}}`
    );
  });
  return `[${rows.join(',')}]`;
}

/** sha256 (lower-case hex) of the UTF-8 bytes of the canonical JSON. */
export function tabulationHash(results: readonly CanonicalResult[]): string {
  return createHash('sha256').update(canonicalResultsJson(results), 'utf8').digest('hex');
}

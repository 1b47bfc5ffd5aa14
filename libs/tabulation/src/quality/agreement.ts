import { Rational } from '../rational';
import { CountedTotals } from './counted-totals';

/** A panel's agreement: ICC(1,k), the one-way random-effects reliability of the mean of k judges. */
export interface PanelAgreement {
  method: 'ICC1K';
  /** The number of sheets an entry needs to be used: the round's judgesPerEntry. */
  k: number;
  /** Entries with exactly k counted sheets, the ones the figure is computed over. */
  entriesUsed: number;
  /** The panel's other entries (fewer or more than k counted sheets). */
  entriesLeftOut: number;
  /** The exact value; null where ICC(1,k) is undefined (see iccOneK). */
  exact: Rational | null;
  /** exact rounded half-up to 3 decimals. */
  value: number | null;
}

/**
 * ICC(1,k) (Shrout & Fleiss 1979) of one panel's entries: (MSB − MSW) / MSB, where MSB is the
 * between-entries and MSW the within-entry mean square of the sheet totals. One-way, because
 * the judges of a panel do not all score every entry (assignment spreads them), so a judge
 * effect cannot be separated; k is fixed (judgesPerEntry), and only the entries with exactly
 * k counted sheets are used: an entry with a recused or missing sheet is left out rather than
 * estimated, so the figure is that of the balanced design and needs no unequal-group formula.
 *
 * Exact: ICC does not change when every total is multiplied by one constant, so it is
 * computed on the integer numerators K = L·T. With n entries, S_i = Σ_j K_ij, G = Σ S_i,
 * Q = Σ K_ij²: A = n·Σ S_i² − G² (= n·k·SSB), B = k·Q − Σ S_i² (= k·SSW), and
 * ICC(1,k) = 1 − MSW/MSB = 1 − B·(n − 1) / ((k − 1)·A).
 * Undefined (null) when k < 2, fewer than 2 entries are used, or A = 0 (every used entry has
 * the same mean: nothing to tell apart). It is at most 1 (1 when judges agree on every
 * entry) and may be negative when entries differ less between than within.
 *
 * `entryIds`: the panel's entries; sheets of other entries are ignored.
 */
export function iccOneK(
  totals: CountedTotals,
  entryIds: Iterable<string>,
  k: number,
): PanelAgreement {
  if (!Number.isInteger(k) || k < 1) throw new RangeError('iccOneK: k must be a whole number ≥ 1');
  const byEntry = new Map<string, bigint[]>();
  for (const id of entryIds) byEntry.set(id, []);
  for (const sheet of totals.sheets) byEntry.get(sheet.entryId)?.push(BigInt(sheet.numerator));

  let n = 0;
  let sumOfSquaredSums = 0n;
  let grand = 0n;
  let squares = 0n;
  for (const values of byEntry.values()) {
    if (values.length !== k) continue;
    n++;
    let s = 0n;
    for (const v of values) {
      s += v;
      squares += v * v;
    }
    sumOfSquaredSums += s * s;
    grand += s;
  }
  const result = { method: 'ICC1K' as const, k, entriesUsed: n, entriesLeftOut: byEntry.size - n };
  const a = BigInt(n) * sumOfSquaredSums - grand * grand;
  if (k < 2 || n < 2 || a === 0n) return { ...result, exact: null, value: null };
  const b = BigInt(k) * squares - sumOfSquaredSums;
  const exact = Rational.ONE.sub(Rational.of(b * BigInt(n - 1), BigInt(k - 1) * a));
  return { ...result, exact, value: exact.toRoundedNumber(3) };
}

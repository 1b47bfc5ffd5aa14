import { Rational } from '../rational';
import { CountedTotals } from './counted-totals';
import { intraclassCorrelations } from './icc';
import { entriesWithKSheets } from './panel-agreement';

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
 * between-entries and MSW the within-entry mean square of the sheet totals, whatever the
 * design. k is fixed (judgesPerEntry), and only the entries with exactly k counted sheets are
 * used: an entry with a recused or missing sheet is left out rather than estimated, so the
 * figure is that of the balanced design and needs no unequal-group formula.
 *
 * This is the one-way figure only. Where every judge of the panel scored every entry used,
 * the two-way models apply and say more: see panelAgreement, which chooses the model by the
 * design and gives all six ICCs and Kendall's W.
 *
 * Exact: ICC does not change when every total is multiplied by one constant, so it is
 * computed on the integer numerators K = L·T (intraclassCorrelations, ONE_WAY).
 * Undefined (null) when k < 2, fewer than 2 entries are used, or MSB = 0 (every used entry has
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
  const { used, leftOut } = entriesWithKSheets(totals, entryIds, k);
  const rows = used.map((sheets) => sheets.map((s) => s.numerator));
  const { icc1k } = intraclassCorrelations(rows, 'ONE_WAY');
  return {
    method: 'ICC1K',
    k,
    entriesUsed: used.length,
    entriesLeftOut: leftOut,
    exact: icc1k.exact,
    value: icc1k.value,
  };
}

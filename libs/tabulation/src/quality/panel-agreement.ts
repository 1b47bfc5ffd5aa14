import { compareCodePoints } from '../order';
import { CountedTotals } from './counted-totals';
import {
  ExactFigure,
  ICC_NAMES,
  IccModel,
  IntraclassCorrelations,
  intraclassCorrelations,
} from './icc';
import { KendallW, kendallW } from './kendall';

/** The figure a panel is judged by: ICC(1,k) for a one-way design, ICC(3,k) when crossed. */
export type HeadlineMethod = 'ICC1K' | 'ICC3K';

export interface PanelAgreementByDesign {
  /** TWO_WAY when the entries used are fully crossed with the judges (see panelAgreement). */
  model: IccModel;
  /** The number of sheets an entry needs to be used: the round's judgesPerEntry. */
  k: number;
  /** Entries with exactly k counted sheets, the ones every figure is computed over. */
  entriesUsed: number;
  /** The panel's other entries (fewer or more than k counted sheets). */
  entriesLeftOut: number;
  /**
   * TWO_WAY: the k judges, in code-point order (the columns of the table). ONE_WAY: every
   * judge with a sheet on an entry used, in code-point order.
   */
  judgeIds: string[];
  /** All six ICCs; the two-way ones are null for ONE_WAY. */
  icc: IntraclassCorrelations;
  /** The figure to show, with its names. */
  headline: ExactFigure & {
    method: HeadlineMethod;
    shroutFleiss: string;
    mcGrawWong: string;
  };
  /** Kendall's W over the crossed table; null for ONE_WAY (judges rank different entries). */
  kendall: KendallW | null;
}

/**
 * A panel's agreement, with the model chosen by the design of its entries used (those with
 * exactly k counted sheets, as for iccOneK: an entry with a recused or missing sheet is left
 * out rather than estimated):
 *
 * - TWO_WAY when at least two entries are used and all of them were scored by the same k
 *   judges, once each (every judge scored every entry): the judges are then the table's
 *   columns, the judge effect is separated from the error, and the headline is ICC(3,k)
 *   (McGraw & Wong's ICC(C,k), consistency of the mean of these k judges). A judge who is
 *   lenient on every entry shifts every entry alike and changes no order, so consistency is
 *   the figure that says whether the panel's ranking is reliable; ICC(2,k), absolute
 *   agreement, is given beside it, and the per-judge leniency says who shifts by how much.
 *   Kendall's W is computed on the same table.
 * - ONE_WAY otherwise (judges differ from entry to entry): a judge effect cannot be separated,
 *   and the headline is ICC(1,k) (McGraw & Wong's ICC(k)), what iccOneK reports.
 *
 * Exact: computed on the integer numerators L·T, which changes no ICC and no W.
 * `entryIds`: the panel's entries (or a round's, for a round's figure); sheets of other
 * entries are ignored.
 */
export function panelAgreement(
  totals: CountedTotals,
  entryIds: Iterable<string>,
  k: number,
): PanelAgreementByDesign {
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError('panelAgreement: k must be a whole number ≥ 1');
  }
  const { used, leftOut } = entriesWithKSheets(totals, entryIds, k);
  const judges = new Set(used.flatMap((sheets) => sheets.map((s) => s.judgeId)));
  const judgeIds = [...judges].sort(compareCodePoints);
  const crossed =
    k >= 2 &&
    used.length >= 2 &&
    judgeIds.length === k &&
    used.every((sheets) => new Set(sheets.map((s) => s.judgeId)).size === k);

  const column = new Map(judgeIds.map((id, j) => [id, j]));
  const rows = used.map((sheets) => {
    if (!crossed) return sheets.map((s) => s.numerator);
    const row = new Array<bigint>(k);
    for (const s of sheets) row[column.get(s.judgeId)!] = s.numerator;
    return row;
  });
  const model: IccModel = crossed ? 'TWO_WAY' : 'ONE_WAY';
  const icc = intraclassCorrelations(rows, model);
  const key = crossed ? 'icc3k' : 'icc1k';
  return {
    model,
    k,
    entriesUsed: used.length,
    entriesLeftOut: leftOut,
    judgeIds,
    icc,
    headline: { method: crossed ? 'ICC3K' : 'ICC1K', ...ICC_NAMES[key], ...icc[key] },
    kendall: crossed ? kendallW(rows) : null,
  };
}

/**
 * The sheets of the given entries that have exactly k counted sheets (the entries used), and
 * how many of the given entries do not; sheets of other entries are ignored.
 */
export function entriesWithKSheets(
  totals: CountedTotals,
  entryIds: Iterable<string>,
  k: number,
): { used: { judgeId: string; numerator: bigint }[][]; leftOut: number } {
  const byEntry = new Map<string, { judgeId: string; numerator: bigint }[]>();
  for (const id of entryIds) byEntry.set(id, []);
  for (const sheet of totals.sheets) {
    byEntry
      .get(sheet.entryId)
      ?.push({ judgeId: sheet.judgeId, numerator: BigInt(sheet.numerator) });
  }
  const used = [...byEntry.values()].filter((sheets) => sheets.length === k);
  return { used, leftOut: byEntry.size - used.length };
}

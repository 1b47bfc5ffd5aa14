import { compareCodePoints } from '../order';
import { Rational } from '../rational';
import { roundDouble } from '../tabulate';
import { CountedTotals } from './counted-totals';
import { doubledAverageRanks } from './ranks';

/** How one judge's totals sit beside their co-judges' on the same entries. */
export interface JudgeAgreement {
  judgeId: string;
  /** The judge's entries that have at least one counted sheet by another judge. */
  entries: number;
  /**
   * Leniency: over those entries, the mean of (the judge's total − the mean of the other
   * judges' totals on that entry), in points of the 0–100 total; positive for a judge who
   * scores higher than colleagues. Exact; null without such an entry.
   */
  leniencyExact: Rational | null;
  /** leniencyExact rounded half-up to 3 decimals. */
  leniency: number | null;
  /**
   * Spearman's rank correlation, over those entries, between the judge's totals and the
   * co-judges' mean totals (tied values share their average rank; then Pearson's correlation
   * of the ranks), rounded half-up to 3 decimals: 1 when the judge orders the entries as the
   * others do, −1 when in reverse. Null with fewer than 3 such entries, or when either side
   * has every entry tied (nothing to order).
   */
  spearman: number | null;
}

/**
 * Every judge with a counted sheet on the given entries (default: all), in code-point order of
 * judge id. A judge with two sheets on one entry (which the API prevents) counts their mean
 * there. The co-judges of an entry are the judges of its other sheets, whatever their panel.
 */
export function judgeAgreement(
  totals: CountedTotals,
  entryIds?: Iterable<string>,
): JudgeAgreement[] {
  const wanted = entryIds ? new Set(entryIds) : null;
  const byEntry = new Map<string, Map<string, bigint[]>>();
  for (const s of totals.sheets) {
    if (wanted && !wanted.has(s.entryId)) continue;
    let judges = byEntry.get(s.entryId);
    if (!judges) byEntry.set(s.entryId, (judges = new Map()));
    const list = judges.get(s.judgeId) ?? [];
    list.push(BigInt(s.numerator));
    judges.set(s.judgeId, list);
  }

  // Per judge: on each shared entry, (own mean, co-judges' mean), both as numerators K = L·T.
  const pairs = new Map<string, { own: Rational; others: Rational }[]>();
  const everyJudge = new Set<string>();
  for (const judges of byEntry.values()) {
    for (const [judgeId, own] of judges) {
      everyJudge.add(judgeId);
      if (judges.size < 2) continue;
      let sum = 0n;
      let count = 0n;
      for (const [other, values] of judges) {
        if (other === judgeId) continue;
        for (const v of values) sum += v;
        count += BigInt(values.length);
      }
      const ownMean = Rational.of(
        own.reduce((a, b) => a + b, 0n),
        BigInt(own.length),
      );
      const list = pairs.get(judgeId) ?? [];
      list.push({ own: ownMean, others: Rational.of(sum, count) });
      pairs.set(judgeId, list);
    }
  }

  const L = Rational.of(totals.denominator);
  return [...everyJudge].sort(compareCodePoints).map((judgeId) => {
    const shared = pairs.get(judgeId) ?? [];
    if (shared.length === 0) {
      return { judgeId, entries: 0, leniencyExact: null, leniency: null, spearman: null };
    }
    const difference = shared.reduce((sum, p) => sum.add(p.own.sub(p.others)), Rational.ZERO);
    const leniencyExact = difference.div(Rational.of(shared.length)).div(L);
    return {
      judgeId,
      entries: shared.length,
      leniencyExact,
      leniency: leniencyExact.toRoundedNumber(3),
      spearman: spearman(
        shared.map((p) => p.own),
        shared.map((p) => p.others),
      ),
    };
  });
}

/**
 * Spearman's ρ of two aligned lists, as Pearson's r of their average ranks, rounded half-up to
 * 3 decimals; null below 3 pairs or without spread on a side. Ranks are doubled integers, so
 * r = c / √(a·b) with integers c, a, b; r² = c² / (a·b) is an exact fraction, rounded once to a
 * double before its square root.
 */
export function spearman(xs: readonly Rational[], ys: readonly Rational[]): number | null {
  const n = xs.length;
  if (n !== ys.length) throw new RangeError('spearman: the lists differ in length');
  if (n < 3) return null;
  const x = doubledAverageRanks(xs, (a, b) => a.compare(b)).ranks;
  const y = doubledAverageRanks(ys, (a, b) => a.compare(b)).ranks;
  const N = BigInt(n);
  let sx = 0n;
  let sy = 0n;
  let sxx = 0n;
  let syy = 0n;
  let sxy = 0n;
  for (let i = 0; i < n; i++) {
    sx += x[i];
    sy += y[i];
    sxx += x[i] * x[i];
    syy += y[i] * y[i];
    sxy += x[i] * y[i];
  }
  const c = N * sxy - sx * sy;
  const a = N * sxx - sx * sx;
  const b = N * syy - sy * sy;
  if (a === 0n || b === 0n) return null;
  const r = Math.sqrt(Rational.of(c * c, a * b).toDouble());
  const rho = c < 0n ? -r : r;
  return roundDouble(rho, 3);
}

import fc from 'fast-check';
import { Rational } from '../rational';
import { iccOneK } from './agreement';
import { countedTotals } from './counted-totals';
import { intraclassCorrelations } from './icc';
import { judgeAgreement, spearman } from './judge-agreement';
import { kendallW } from './kendall';
import { panelAgreement } from './panel-agreement';

/** n targets × k raters of small whole scores (many ties). */
const table = fc
  .tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 2, max: 5 }))
  .chain(([n, k]) =>
    fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: k, maxLength: k }), {
      minLength: n,
      maxLength: n,
    }),
  );

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Shrout & Fleiss's ICCs from the textbook's sums of squares, in doubles: an oracle. */
function iccOracle(rows: number[][]) {
  const n = rows.length;
  const k = rows[0].length;
  const grand = sum(rows.map(sum)) / (n * k);
  const rowMeans = rows.map((r) => sum(r) / k);
  const colMeans = rows[0].map((_, j) => sum(rows.map((r) => r[j])) / n);
  const ssTotal = sum(rows.flatMap((r) => r.map((x) => (x - grand) ** 2)));
  const ssRows = k * sum(rowMeans.map((m) => (m - grand) ** 2));
  const ssCols = n * sum(colMeans.map((m) => (m - grand) ** 2));
  const bms = ssRows / (n - 1);
  const wms = (ssTotal - ssRows) / (n * (k - 1));
  const jms = ssCols / (k - 1);
  const ems = (ssTotal - ssRows - ssCols) / ((n - 1) * (k - 1));
  return {
    bms,
    icc11: (bms - wms) / (bms + (k - 1) * wms),
    icc1k: (bms - wms) / bms,
    icc21: (bms - ems) / (bms + (k - 1) * ems + (k * (jms - ems)) / n),
    icc31: (bms - ems) / (bms + (k - 1) * ems),
    icc3k: (bms - ems) / bms,
  };
}

/** Average ranks (1 = lowest) by counting, O(n²): another oracle. */
const averageRanks = (xs: number[]) =>
  xs.map((x) => xs.filter((y) => y < x).length + (xs.filter((y) => y === x).length + 1) / 2);

describe('agreement figures, properties', () => {
  it('the ICCs agree with the textbook sums of squares and are at most 1', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const icc = intraclassCorrelations(rows, 'TWO_WAY');
        const oracle = iccOracle(rows);
        if (oracle.bms < 1e-12) {
          expect(icc.icc3k.exact).toBeNull();
          return;
        }
        for (const key of ['icc11', 'icc1k', 'icc21', 'icc31', 'icc3k'] as const) {
          const exact = icc[key].exact!;
          expect([key, Math.abs(exact.toDouble() - oracle[key]) < 1e-9]).toEqual([key, true]);
          expect(exact.compare(Rational.ONE)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it("Kendall's W lies in [0, 1], agrees with the rank sums counted by hand, and ignores row and column order", () => {
    fc.assert(
      fc.property(table, fc.integer(), (rows, seed) => {
        const w = kendallW(rows);
        const n = rows.length;
        const m = rows[0].length;
        const ranks = rows[0].map((_, j) => averageRanks(rows.map((r) => r[j])));
        const rankSums = rows.map((_, i) => sum(ranks.map((column) => column[i])));
        const s = sum(rankSums.map((r) => (r - (m * (n + 1)) / 2) ** 2));
        const ties = sum(
          rows[0].map((_, j) => {
            const column = rows.map((r) => r[j]);
            return sum(
              [...new Set(column)].map(
                (v) =>
                  column.filter((x) => x === v).length ** 3 - column.filter((x) => x === v).length,
              ),
            );
          }),
        );
        const denominator = m * m * (n ** 3 - n) - m * ties;
        if (denominator === 0) {
          expect(w.exact).toBeNull();
          return;
        }
        expect(Math.abs(w.exact!.toDouble() - (12 * s) / denominator)).toBeLessThan(1e-12);
        expect(w.exact!.sign()).toBeGreaterThanOrEqual(0);
        expect(w.exact!.compare(Rational.ONE)).toBeLessThanOrEqual(0);
        expect(w.pValue!).toBeGreaterThanOrEqual(0);
        expect(w.pValue!).toBeLessThanOrEqual(1);
        // rows reversed, columns rotated: the same W
        const moved = [...rows]
          .reverse()
          .map((r) => [...r.slice(seed % m), ...r.slice(0, seed % m)]);
        expect(String(kendallW(moved).exact)).toBe(String(w.exact));
      }),
    );
  });

  it('panelAgreement: two-way exactly when crossed, the same ICC(1,k) as iccOneK, and leniencies that cancel', () => {
    const CRITERIA = [{ key: 'overall', weight: 100, maxScore: 10, step: 1 }];
    fc.assert(
      fc.property(table, fc.boolean(), (rows, crossed) => {
        const k = rows[0].length;
        const entries = rows.map((_, i) => ({ id: `e${i}`, code: `E${i}`, categoryCode: 'A' }));
        // crossed: judge j scores column j of every entry; otherwise the judges rotate.
        const sheets = rows.flatMap((r, i) =>
          r.map((value, j) => ({
            entryId: `e${i}`,
            judgeId: `j${crossed ? j : (i + j) % (k + 1)}`,
            scores: [{ criterionKey: 'overall', value }],
          })),
        );
        const totals = countedTotals({ criteria: CRITERIA, entries, sheets });
        const ids = entries.map((e) => e.id);
        const agreement = panelAgreement(totals, ids, k);
        expect(agreement.model).toBe(crossed ? 'TWO_WAY' : 'ONE_WAY');
        expect(agreement.kendall === null).toBe(!crossed);
        expect(String(agreement.icc.icc1k.exact)).toBe(String(iccOneK(totals, ids, k).exact));
        if (crossed) {
          expect(String(agreement.icc.icc3k.exact)).toBe(
            String(intraclassCorrelations(rows, 'TWO_WAY').icc3k.exact),
          );
          // Every judge has every entry: on each entry the differences to the co-judges'
          // mean add up to 0, so the leniencies do too.
          const lenient = judgeAgreement(totals, ids);
          const total = lenient.reduce((a, j) => a.add(j.leniencyExact!), Rational.ZERO);
          expect(total.sign()).toBe(0);
          for (const j of lenient) {
            if (j.spearman !== null) expect(Math.abs(j.spearman)).toBeLessThanOrEqual(1);
          }
        }
      }),
    );
  });

  it('spearman is symmetric and agrees with Pearson on the average ranks', () => {
    const list = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 12 });
    fc.assert(
      fc.property(
        list.chain((xs) =>
          fc.tuple(
            fc.constant(xs),
            fc.array(fc.integer({ min: 0, max: 5 }), {
              minLength: xs.length,
              maxLength: xs.length,
            }),
          ),
        ),
        ([xs, ys]) => {
          const r = (vs: number[]) => vs.map((v) => Rational.of(v));
          const rho = spearman(r(xs), r(ys));
          expect(spearman(r(ys), r(xs))).toBe(rho);
          const a = averageRanks(xs);
          const b = averageRanks(ys);
          const ma = sum(a) / a.length;
          const mb = sum(b) / b.length;
          const cov = sum(a.map((x, i) => (x - ma) * (b[i] - mb)));
          const va = sum(a.map((x) => (x - ma) ** 2));
          const vb = sum(b.map((y) => (y - mb) ** 2));
          if (va === 0 || vb === 0) expect(rho).toBeNull();
          else
            expect(Math.abs(rho! - cov / Math.sqrt(va * vb))).toBeLessThanOrEqual(0.0005 + 1e-12);
        },
      ),
    );
  });
});

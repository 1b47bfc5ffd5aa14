import fc from 'fast-check';
import { tabulate } from '../tabulate';
import { Aggregation, EntryInput, SheetInput, TiePolicy } from '../types';
import { iccOneK } from './agreement';
import { CountedTotals, countedTotals } from './counted-totals';
import { cuspEntries } from './cusps';
import { judgeTotalStats } from './judge-stats';

// Two criteria with different maxScores, so totals are fractions over L = lcm(1000, 750).
const CRITERIA = [
  { key: 'design', weight: 40, maxScore: 10, step: 0.5 },
  { key: 'craft', weight: 60, maxScore: '7.5', step: '0.25' },
];
const JUDGES = ['j1', 'j2', 'j3', 'j4', 'j5'];

const scores = fc
  .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 30 }))
  .map(([a, b]) => [
    { criterionKey: 'design', value: a / 2 },
    { criterionKey: 'craft', value: b / 4 },
  ]);

/** Entries e0..e(n−1), each with 0..5 sheets by distinct judges. */
const round = fc
  .array(fc.array(scores, { minLength: 0, maxLength: 5 }), { minLength: 1, maxLength: 12 })
  .map((perEntry) => {
    const entries: EntryInput[] = perEntry.map((_, i) => ({
      id: `e${i}`,
      code: `C${String(i).padStart(2, '0')}`,
      categoryCode: i % 2 === 0 ? 'A' : 'B',
      status: 'ACCEPTED',
    }));
    const sheets: SheetInput[] = perEntry.flatMap((list, i) =>
      list.map((s, j) => ({ entryId: `e${i}`, judgeId: JUDGES[(i + j) % 5], scores: s })),
    );
    return { entries, sheets };
  });

const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const copy = [...items];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
};

const totalsOf = (r: { entries: EntryInput[]; sheets: SheetInput[] }): CountedTotals =>
  countedTotals({ criteria: CRITERIA, ...r });

/** ICC(1,k) by the textbook's mean squares in doubles: an independent oracle. */
function iccByMeanSquares(totals: CountedTotals, k: number): number | null {
  const groups = new Map<string, number[]>();
  const L = Number(totals.denominator);
  for (const s of totals.sheets) {
    groups.set(s.entryId, [...(groups.get(s.entryId) ?? []), Number(s.numerator) / L]);
  }
  const used = [...groups.values()].filter((g) => g.length === k);
  const n = used.length;
  if (n < 2 || k < 2) return null;
  const means = used.map((g) => g.reduce((a, b) => a + b, 0) / k);
  const grand = means.reduce((a, b) => a + b, 0) / n;
  const msb = (k * means.reduce((a, m) => a + (m - grand) ** 2, 0)) / (n - 1);
  const msw =
    used.reduce((a, g, i) => a + g.reduce((b, t) => b + (t - means[i]) ** 2, 0), 0) / (n * (k - 1));
  return msb < 1e-9 ? null : (msb - msw) / msb;
}

describe('quality figures, properties', () => {
  it('judge stats do not depend on the order of sheets; mean lies between the extremes', () => {
    fc.assert(
      fc.property(round, fc.integer(), (r, seed) => {
        const stats = judgeTotalStats(totalsOf(r));
        const again = judgeTotalStats(totalsOf({ ...r, sheets: shuffled(r.sheets, seed) }));
        expect(again).toEqual(stats);
        const totals = totalsOf(r);
        const L = Number(totals.denominator);
        for (const s of stats) {
          const own = totals.sheets.filter((t) => t.judgeId === s.judgeId);
          const values = own.map((t) => Number(t.numerator) / L);
          expect(s.sheets).toBe(own.length);
          expect(s.mean).toBeGreaterThanOrEqual(Math.min(...values) - 0.0005);
          expect(s.mean).toBeLessThanOrEqual(Math.max(...values) + 0.0005);
          expect(s.sd).toBeGreaterThanOrEqual(0);
          if (new Set(values).size === 1) expect(s.sd).toBe(0);
        }
      }),
    );
  });

  it('ICC(1,k) agrees with the mean squares, is at most 1 and ignores entry and sheet order', () => {
    fc.assert(
      fc.property(round, fc.integer({ min: 2, max: 5 }), fc.integer(), (r, k, seed) => {
        const totals = totalsOf(r);
        const ids = r.entries.map((e) => e.id);
        const icc = iccOneK(totals, ids, k);
        const reordered = iccOneK(
          totalsOf({ ...r, sheets: shuffled(r.sheets, seed) }),
          shuffled(ids, seed + 1),
          k,
        );
        expect(reordered).toEqual(icc);
        expect(icc.entriesUsed + icc.entriesLeftOut).toBe(ids.length);
        const oracle = iccByMeanSquares(totals, k);
        if (icc.exact === null) {
          expect(oracle).toBeNull();
        } else {
          expect(icc.exact.toDouble()).toBeLessThanOrEqual(1);
          if (oracle !== null) expect(Math.abs(icc.exact.toDouble() - oracle)).toBeLessThan(1e-6);
        }
      }),
    );
  });

  it('ICC(1,k) is 1 when the judges of every entry give it the same total', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(scores, { minLength: 2, maxLength: 8, selector: (s) => JSON.stringify(s) }),
        fc.integer({ min: 2, max: 4 }),
        (perEntry, k) => {
          const entries = perEntry.map((_, i) => ({
            id: `e${i}`,
            code: `C${i}`,
            categoryCode: 'A',
          }));
          const sheets = perEntry.flatMap((s, i) =>
            JUDGES.slice(0, k).map((judgeId) => ({ entryId: `e${i}`, judgeId, scores: s })),
          );
          const totals = totalsOf({ entries, sheets });
          const distinct = new Set(totals.sheets.map((t) => String(t.numerator))).size;
          const icc = iccOneK(
            totals,
            entries.map((e) => e.id),
            k,
          );
          // Different scores can give one total (40·a/10 + 60·b/7.5): then nothing differs.
          expect(icc.value).toBe(distinct > 1 ? 1 : null);
        },
      ),
    );
  });

  it('cusps lie within the margin, do not depend on result order, and agree with the awards', () => {
    const settings = fc.record({
      aggregation: fc.constantFrom<Aggregation>('MEAN', 'MEDIAN', 'ZSCORE'),
      policy: fc.constantFrom<TiePolicy>('INCLUDE_TIES', 'EXCLUDE_TIES'),
      gold: fc.integer({ min: 1, max: 3 }),
      advancing: fc.integer({ min: 1, max: 8 }),
      margin: fc.constantFrom(0, 0.05, 0.5, 2, 10),
    });
    fc.assert(
      fc.property(round, settings, fc.integer(), (r, s, seed) => {
        const awardTiers = [{ key: 'GOLD', quota: { mode: 'COUNT' as const, value: s.gold } }];
        const advancement = { mode: 'COUNT' as const, value: s.advancing };
        const { results } = tabulate({
          round: {
            criteria: CRITERIA,
            judgesPerEntry: 3,
            minSheets: 1,
            aggregation: s.aggregation,
            rankingScope: 'CATEGORY',
            awardTiers,
            tiePolicy: s.policy,
            advancement,
          },
          ...r,
        });
        const input = { aggregation: s.aggregation, awardTiers, advancement, margin: s.margin };
        const cusps = cuspEntries({ ...input, results });
        expect(cuspEntries({ ...input, results: shuffled(results, seed) })).toEqual(cusps);
        const byId = new Map(results.map((x) => [x.entryId, x]));
        for (const c of cusps) {
          const own = byId.get(c.entryId)!;
          expect(own.complete).toBe(true);
          expect(c.distance).toBeLessThanOrEqual(s.margin + 1e-9);
          expect(c.inside).toBe(c.boundary === 'GOLD' ? own.award === 'GOLD' : own.advanced);
        }
        // At a COUNT boundary that separates a scope, its last entry in is a cusp at distance 0.
        for (const scope of new Set(results.map((x) => x.scopeKey))) {
          const complete = results.filter((x) => x.scopeKey === scope && x.complete);
          const gold = complete.filter((x) => x.award === 'GOLD');
          if (gold.length === 0 || gold.length === complete.length) continue;
          const zero = cusps.filter(
            (c) => c.scopeKey === scope && c.boundary === 'GOLD' && c.inside && c.distance === 0,
          );
          expect(zero.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

import fc from 'fast-check';
import { Rational } from './rational';
import { tabulate } from './tabulate';
import {
  Aggregation,
  CriterionInput,
  EntryInput,
  QuotaInput,
  QuotaMode,
  RoundSettings,
  SheetInput,
  TabulationInput,
  TiePolicy,
} from './types';

// ---------------------------------------------------------------------------------------------
// Random rounds

const CRITERIA_SETS: CriterionInput[][] = [
  [{ key: 'overall', weight: 100, maxScore: 10, step: 0.5 }],
  [
    { key: 'design', weight: 40, maxScore: 10, step: 0.5 },
    { key: 'craft', weight: 30, maxScore: '7.5', step: '0.25' },
    { key: 'materials', weight: 30, maxScore: 20, step: 1 },
  ],
  [
    { key: 'a', weight: 25, maxScore: '100', step: '1' },
    { key: 'b', weight: 35, maxScore: 3, step: 0.01 },
    { key: 'c', weight: 15, maxScore: 5, step: 0.5 },
    { key: 'd', weight: 25, maxScore: 10, step: '0.1' },
  ],
  // pairwise coprime maxScores: 100·L passes 2^53, so sheet totals are bigints
  [
    { key: 'w', weight: 25, maxScore: '99.97', step: '0.01' },
    { key: 'x', weight: 25, maxScore: '99.89', step: '0.01' },
    { key: 'y', weight: 25, maxScore: '99.91', step: '0.01' },
    { key: 'z', weight: 25, maxScore: '99.83', step: '0.01' },
  ],
];
const CATEGORIES: Record<string, string | null> = { A: 'P', B: 'P', 工艺: null };
const JUDGES = ['j1', 'j2', 'j3', 'J4', 'ｊ5', '\u{1F600}'];

const hundredthsOf = (value: string | number) => Math.round(Number(value) * 100);
/** h/100 as a decimal string, by string operations only. */
const decimal = (h: number) => {
  const digits = String(h).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
};

const quotaArb = (mode: QuotaMode, zscore: boolean): fc.Arbitrary<QuotaInput> => {
  switch (mode) {
    case 'COUNT':
      return fc.integer({ min: 0, max: 4 }).map((value) => ({ mode, value }));
    case 'PERCENT':
      return fc.integer({ min: 0, max: 100_00 }).map((h) => ({ mode, value: decimal(h) }));
    case 'MIN_SCORE':
      return zscore
        ? fc.integer({ min: -200, max: 200 }).map((h) => ({ mode, value: h / 100 }))
        : fc.integer({ min: 0, max: 100_00 }).map((h) => ({ mode, value: h / 100 }));
  }
};

const roundArb: fc.Arbitrary<RoundSettings> = fc
  .record({
    criteria: fc.constantFrom(...CRITERIA_SETS),
    judgesPerEntry: fc.integer({ min: 1, max: 5 }),
    minSheetsPick: fc.integer({ min: 0, max: 5 }),
    aggregation: fc.constantFrom<Aggregation>('MEAN', 'TRIMMED_MEAN', 'MEDIAN', 'ZSCORE'),
    trimCount: fc.option(fc.integer({ min: 0, max: 2 })),
    rankingScope: fc.constantFrom(
      'CATEGORY' as const,
      'PARENT_CATEGORY' as const,
      'ROUND' as const,
    ),
    tieBreakPicks: fc.array(fc.nat(), { maxLength: 2 }),
    tierMode: fc.constantFrom<QuotaMode>('COUNT', 'PERCENT', 'MIN_SCORE'),
    tierCount: fc.integer({ min: 0, max: 4 }),
    tiePolicy: fc.option(fc.constantFrom<TiePolicy>('INCLUDE_TIES', 'EXCLUDE_TIES')),
    advancementMode: fc.option(fc.constantFrom<QuotaMode>('COUNT', 'PERCENT', 'MIN_SCORE')),
  })
  .chain((r) => {
    const zscore = r.aggregation === 'ZSCORE';
    return fc
      .record({
        tiers: fc.array(quotaArb(r.tierMode, zscore), {
          minLength: r.tierCount,
          maxLength: r.tierCount,
        }),
        advancement: r.advancementMode ? quotaArb(r.advancementMode, zscore) : fc.constant(null),
      })
      .map(({ tiers, advancement }): RoundSettings => ({
        criteria: r.criteria,
        judgesPerEntry: r.judgesPerEntry,
        minSheets: r.minSheetsPick === 0 ? null : Math.min(r.minSheetsPick, r.judgesPerEntry),
        aggregation: r.aggregation,
        trimCount: r.trimCount,
        rankingScope: r.rankingScope,
        tieBreakCriteria: r.tieBreakPicks.map((i) => r.criteria[i % r.criteria.length].key),
        awardTiers: tiers.map((quota, k) => ({ key: `tier${k}`, quota })),
        tiePolicy: r.tiePolicy,
        advancement,
      }));
  });

/** A score on the criterion's grid: anywhere, or only 0, the middle and the top (many ties). */
const scoreArb = (c: CriterionInput) => {
  const steps = hundredthsOf(c.maxScore) / hundredthsOf(c.step);
  return fc
    .tuple(
      fc.oneof(
        fc.integer({ min: 0, max: steps }),
        fc.constantFrom(0, Math.floor(steps / 2), steps),
      ),
      fc.boolean(),
    )
    .map(([k, asString]) => {
      const h = k * hundredthsOf(c.step);
      return asString ? decimal(h) : h / 100;
    });
};

const inputArb: fc.Arbitrary<TabulationInput> = roundArb.chain((round) => {
  const entryArb = fc.record({
    category: fc.constantFrom(...Object.keys(CATEGORIES)),
    status: fc.constantFrom(
      undefined,
      undefined,
      undefined,
      'ACCEPTED' as const,
      'DISQUALIFIED' as const,
      'WITHDRAWN' as const,
    ),
    judges: fc.shuffledSubarray(JUDGES, { maxLength: round.judgesPerEntry }),
    scores: fc.array(fc.tuple(...round.criteria.map(scoreArb)), { minLength: 5, maxLength: 5 }),
  });
  return fc.array(entryArb, { maxLength: 24 }).map((drawn) => {
    const entries: EntryInput[] = [];
    const sheets: SheetInput[] = [];
    drawn.forEach((e, i) => {
      const code = `${e.category}-${String(i).padStart(2, '0')}`;
      entries.push({
        id: `id${i}`,
        code,
        categoryCode: e.category,
        topCategoryCode: CATEGORIES[e.category],
        status: e.status,
      });
      e.judges.forEach((judgeId, s) =>
        sheets.push({
          entryId: `id${i}`,
          judgeId,
          scores: round.criteria.map((c, k) => ({ criterionKey: c.key, value: e.scores[s][k] })),
        }),
      );
    });
    return { round, entries, sheets };
  });
});

// ---------------------------------------------------------------------------------------------
// The oracle: the rules read literally, with fractions everywhere and O(n²) loops.

interface Expected {
  scopeKey: string;
  sheetCount: number;
  complete: boolean;
  scoreExact: string | null;
  score: number | null;
  rank: number | null;
  award: string | null;
  advanced: boolean;
  criterionScores: { criterionKey: string; score: number }[];
  totals: Rational[];
}

const codePoints = (s: string) => Array.from(s, (ch) => ch.codePointAt(0)!);
function byCodePoints(a: string, b: string): number {
  const x = codePoints(a);
  const y = codePoints(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

function oracle(input: TabulationInput): Map<string, Expected> {
  const { round } = input;
  const minSheets = round.minSheets ?? round.judgesPerEntry;
  const t = round.trimCount ?? 1;
  const policy = round.tiePolicy ?? 'INCLUDE_TIES';
  const zscore = round.aggregation === 'ZSCORE';
  const included = input.entries.filter(
    (e) => e.status !== 'DISQUALIFIED' && e.status !== 'WITHDRAWN',
  );
  const ids = new Set(included.map((e) => e.id));
  const counted = input.sheets.filter((s) => ids.has(s.entryId));
  const value = (s: SheetInput, key: string) =>
    Rational.fromDecimal(s.scores.find((x) => x.criterionKey === key)!.value);
  const total = (s: SheetInput) =>
    round.criteria.reduce(
      (sum, c) =>
        sum.add(Rational.of(c.weight).mul(value(s, c.key)).div(Rational.fromDecimal(c.maxScore))),
      Rational.ZERO,
    );
  const mean = (xs: Rational[]) =>
    xs.reduce((a, b) => a.add(b), Rational.ZERO).div(Rational.of(xs.length));

  // ZSCORE: every judge's μ and σ over all counted sheets
  const judgeTotals = new Map<string, Rational[]>();
  for (const s of counted)
    judgeTotals.set(s.judgeId, [...(judgeTotals.get(s.judgeId) ?? []), total(s)]);
  const z = (s: SheetInput) => {
    const ts = judgeTotals.get(s.judgeId)!;
    const mu = mean(ts);
    const variance = mean(ts.map((x) => x.sub(mu).mul(x.sub(mu))));
    if (ts.length < 2 || variance.sign() === 0) return 0;
    return total(s).sub(mu).toDouble() / Math.sqrt(variance.toDouble());
  };

  const out = new Map<string, Expected>();
  const aggregates = new Map<string, Rational | number>();
  const criterionExact = new Map<string, Map<string, Rational>>();
  for (const e of included) {
    const mine = counted.filter((s) => s.entryId === e.id);
    const totals = mine.map(total).sort((a, b) => a.compare(b));
    const n = totals.length;
    let aggregate: Rational | number | null = null;
    if (n > 0) {
      if (round.aggregation === 'MEAN') aggregate = mean(totals);
      if (round.aggregation === 'TRIMMED_MEAN')
        aggregate = mean(n >= 2 * t + 1 ? totals.slice(t, n - t) : totals);
      if (round.aggregation === 'MEDIAN')
        aggregate = n % 2 ? totals[(n - 1) / 2] : mean(totals.slice(n / 2 - 1, n / 2 + 1));
      if (zscore) {
        const zs = mine
          .map((s) => ({ j: s.judgeId, z: z(s) }))
          .sort((a, b) => byCodePoints(a.j, b.j));
        aggregate = zs.reduce((sum, x) => sum + x.z, 0) / n;
      }
    }
    if (aggregate !== null) aggregates.set(e.code, aggregate);
    const means = new Map(
      round.criteria.map((c) => [
        c.key,
        n === 0
          ? Rational.ZERO
          : mean(
              mine.map((s) =>
                Rational.of(100).mul(value(s, c.key)).div(Rational.fromDecimal(c.maxScore)),
              ),
            ),
      ]),
    );
    criterionExact.set(e.code, means);
    const scopeKey =
      round.rankingScope === 'ROUND'
        ? 'ROUND'
        : round.rankingScope === 'CATEGORY'
          ? e.categoryCode
          : (e.topCategoryCode ?? e.categoryCode);
    out.set(e.code, {
      scopeKey,
      sheetCount: n,
      complete: n >= minSheets,
      scoreExact: aggregate instanceof Rational ? aggregate.toString() : null,
      score:
        aggregate === null
          ? null
          : aggregate instanceof Rational
            ? Number(aggregate.toDecimalString(3))
            : Number(aggregate.toFixed(4)) || 0,
      rank: null,
      award: null,
      advanced: false,
      criterionScores:
        n === 0
          ? []
          : round.criteria.map((c) => ({
              criterionKey: c.key,
              score: Number(means.get(c.key)!.toDecimalString(3)),
            })),
      totals,
    });
  }

  // ZSCORE compares keys: the aggregate rounded half-up to 9 decimals, read here from toFixed(9)
  // (exact on the double's value) as a count of 1e-9, and MIN_SCORE as value · 1e9 ≤ key.
  const key = (a: number) => BigInt(a.toFixed(9).replace('.', ''));
  const higher = (a: Rational | number, b: Rational | number) =>
    typeof a === 'number' ? key(a) > key(b as number) : a.compare(b as Rational) > 0;
  const same = (a: Rational | number, b: Rational | number) =>
    typeof a === 'number' ? key(a) === key(b as number) : a.equals(b as Rational);
  const reaches = (q: QuotaInput, a: Rational | number) =>
    typeof a === 'number'
      ? Rational.fromDecimal(q.value)
          .mul(Rational.of(1_000_000_000))
          .compare(Rational.of(key(a))) <= 0
      : Rational.fromDecimal(q.value).compare(a) <= 0;

  const scopes = new Set([...out.values()].map((x) => x.scopeKey));
  for (const scopeKey of scopes) {
    const members = included.filter(
      (e) => out.get(e.code)!.scopeKey === scopeKey && out.get(e.code)!.complete,
    );
    const ahead = (x: EntryInput, e: EntryInput) => {
      const ax = aggregates.get(x.code)!;
      const ae = aggregates.get(e.code)!;
      if (higher(ax, ae)) return true;
      if (!same(ax, ae)) return false;
      for (const key of round.tieBreakCriteria ?? []) {
        const c = criterionExact
          .get(x.code)!
          .get(key)!
          .compare(criterionExact.get(e.code)!.get(key)!);
        if (c !== 0) return c > 0;
      }
      return false;
    };
    for (const e of members) out.get(e.code)!.rank = 1 + members.filter((x) => ahead(x, e)).length;

    const N = members.length;
    const placesOf = (q: QuotaInput) =>
      q.mode === 'COUNT'
        ? Number(q.value)
        : Number(
            // floor(value·N/100 + 1/2), with fractions
            (() => {
              const x = Rational.fromDecimal(q.value)
                .mul(Rational.of(N))
                .div(Rational.of(100))
                .add(Rational.of(1, 2));
              return x.p / x.q;
            })(),
          );
    const tierOf = (quotas: QuotaInput[], e: EntryInput): number => {
      if (quotas.length === 0) return -1;
      if (quotas[0].mode === 'MIN_SCORE')
        return quotas.findIndex((q) => reaches(q, aggregates.get(e.code)!));
      const r = out.get(e.code)!.rank!;
      const m = members.filter((x) => out.get(x.code)!.rank === r).length;
      let c = 0;
      for (let k = 0; k < quotas.length; k++) {
        c += placesOf(quotas[k]);
        if ((policy === 'EXCLUDE_TIES' ? r + m - 1 : r) <= c) return k;
      }
      return -1;
    };
    const tiers = (round.awardTiers ?? []).map((x) => x.quota);
    for (const e of members) {
      const k = tierOf(tiers, e);
      out.get(e.code)!.award = k >= 0 ? round.awardTiers![k].key : null;
      out.get(e.code)!.advanced = round.advancement ? tierOf([round.advancement], e) === 0 : false;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('tabulate on random rounds', () => {
  it('agrees with the rules read literally (a naive oracle with fractions and O(n²) ranks)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const expected = oracle(input);
        const { results } = tabulate(input);
        expect(results.length).toBe(expected.size);
        for (const r of results) {
          const { totals: _totals, ...e } = expected.get(r.entryCode)!;
          expect({ ...r, entryId: undefined }).toEqual({
            ...e,
            entryCode: r.entryCode,
            entryId: undefined,
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of entries, sheets or scores (results and hash)', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, seed) => {
        const reordered: TabulationInput = {
          round: input.round,
          entries: shuffled(input.entries, seed),
          sheets: shuffled(input.sheets, seed + 1).map((s, i) => ({
            ...s,
            scores: shuffled(s.scores, seed + i),
          })),
        };
        expect(tabulate(reordered)).toEqual(tabulate(input));
      }),
    );
  });

  it('ZSCORE: shuffling entries and sheets never changes the results or the hash', () => {
    // Symmetric panels make sums of z that are equal or a rounding error apart, the near-ties
    // the key has to decide the same way whatever order the sheets come in.
    const zscoreRounds = inputArb
      .filter((i) => i.round.aggregation === 'ZSCORE')
      .map((input) => ({
        ...input,
        sheets: input.sheets.flatMap((s, k) =>
          k % 3 === 0 ? [s] : [s, { ...s, judgeId: `${s.judgeId}'`, scores: s.scores }],
        ),
      }))
      .filter((i) => i.sheets.length > 0);
    fc.assert(
      fc.property(zscoreRounds, fc.integer(), (input, seed) => {
        const once = tabulate(input);
        const reordered = tabulate({
          round: input.round,
          entries: shuffled(input.entries, seed),
          sheets: shuffled(input.sheets, seed + 1),
        });
        expect(reordered.hash).toBe(once.hash);
        expect(reordered).toEqual(once);
      }),
      { numRuns: 200 },
    );
  });

  it('an exact aggregate lies between the lowest and the highest sheet total', () => {
    fc.assert(
      fc.property(
        inputArb.filter((i) => i.round.aggregation !== 'ZSCORE'),
        (input) => {
          const expected = oracle(input);
          for (const r of tabulate(input).results) {
            if (r.scoreExact === null) continue;
            const [p, q] = r.scoreExact.split('/').map(BigInt);
            const value = Rational.of(p, q);
            const totals = expected.get(r.entryCode)!.totals;
            expect(value.compare(totals[0])).toBeGreaterThanOrEqual(0);
            expect(value.compare(totals[totals.length - 1])).toBeLessThanOrEqual(0);
          }
        },
      ),
    );
  });

  it('TRIMMED_MEAN equals MEAN for entries with n < 2t + 1', () => {
    fc.assert(
      // (ZSCORE rounds are left out: their MIN_SCORE quotas may be negative.)
      fc.property(
        inputArb.filter((i) => i.round.aggregation !== 'ZSCORE'),
        (input) => {
          const t = input.round.trimCount ?? 1;
          const trimmed = tabulate({
            ...input,
            round: { ...input.round, aggregation: 'TRIMMED_MEAN' },
          }).results;
          const mean = new Map(
            tabulate({ ...input, round: { ...input.round, aggregation: 'MEAN' } }).results.map(
              (r) => [r.entryCode, r.scoreExact],
            ),
          );
          for (const r of trimmed)
            if (r.sheetCount < 2 * t + 1) expect(r.scoreExact).toBe(mean.get(r.entryCode));
        },
      ),
    );
  });

  it('EXCLUDE_TIES never gives tiers 1..k of a scope more than C_k places', () => {
    fc.assert(
      fc.property(
        inputArb.filter(
          (i) =>
            (i.round.awardTiers ?? []).length > 0 &&
            i.round.awardTiers![0].quota.mode !== 'MIN_SCORE',
        ),
        (input) => {
          const round = { ...input.round, tiePolicy: 'EXCLUDE_TIES' as const };
          const results = tabulate({ ...input, round }).results;
          const keys = round.awardTiers!.map((t) => t.key);
          for (const scope of new Set(results.map((r) => r.scopeKey))) {
            const members = results.filter((r) => r.scopeKey === scope);
            const N = members.filter((r) => r.complete).length;
            let c = 0;
            round.awardTiers!.forEach((tier, k) => {
              const v = Number(tier.quota.value);
              c +=
                tier.quota.mode === 'COUNT'
                  ? v
                  : Math.floor((hundredthsOf(tier.quota.value) * N + 5000) / 10000);
              const given = members.filter(
                (r) => r.award !== null && keys.indexOf(r.award) <= k,
              ).length;
              expect(given).toBeLessThanOrEqual(c);
            });
          }
        },
      ),
    );
  });
});

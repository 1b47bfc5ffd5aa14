import { createHash } from 'node:crypto';
import { rulesDocExample, rulesDocExamples, rulesDocJson } from '../../../test/helpers/rules-doc';
import {
  QuotaInput,
  Rational,
  RoundSettings,
  ScoreInput,
  TabulationInput,
  TabulationInputError,
  TabulationOutput,
  EXACT_ORDER,
  ZSCORE_ORDER,
  canonicalResultsJson,
  competitionRanks,
  judgeStats,
  meetsMinScore,
  places,
  prepareCriteria,
  prepareQuota,
  readScores,
  sheetNumerator,
  sheetTotal,
  sheetTotalRounded,
  tabulate,
  zScore,
  zscoreKey,
  zscoreKeyValue,
  intraclassCorrelations,
  judgeAgreement,
  kendallW,
  panelAgreement,
} from '.';

/*
 * The worked examples of docs/judging-rules.md (§1, §3–§7), recomputed with this library: every
 * number the document shows must be the one the code gives. The §8 and §9 examples are checked
 * by libs/publication and libs/audit (rules-doc.spec.ts in each).
 */

/** Every example the document has; a new one needs a test here or in those other specs. */
const EXAMPLES = [
  'sheet-total',
  'mean',
  'trimmed-mean',
  'median',
  'zscore',
  'zscore-key',
  'hash',
  'hash-canonical-json',
  'publication',
  'publication-canonical-json',
  'audit',
  'audit-body',
  'agreement',
  'judge-agreement',
];

/** An exact decimal as written in the document (`82.5` is 165/2), never through a double's value. */
function decimal(value: number): Rational {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(value));
  if (!match) throw new Error(`not a plain decimal: ${value}`);
  const digits = match[3] ?? '';
  const magnitude = BigInt(match[2] + digits);
  return Rational.of(match[1] ? -magnitude : magnitude, 10n ** BigInt(digits.length));
}

/** Scores as the document writes them: `{ key: value }` in order, or a list of one-key objects. */
type DocScores = Record<string, number | string> | Record<string, number | string>[];

function scoreInputs(scores: DocScores): ScoreInput[] {
  const pairs = Array.isArray(scores)
    ? scores.flatMap((one) => Object.entries(one))
    : Object.entries(scores);
  return pairs.map(([criterionKey, value]) => ({ criterionKey, value }));
}

describe('judging-rules.md: the worked examples', () => {
  it('are all known to a test', () => {
    expect([...rulesDocExamples().keys()].sort()).toEqual([...EXAMPLES].sort());
  });
});

describe('judging-rules.md §1: sheet totals', () => {
  interface SheetTotalExample {
    criteria: RoundSettings['criteria'];
    sheets: { scores: DocScores; exact: string; total: number }[];
    refused: { scores: DocScores; reason: string }[];
  }
  const example = rulesDocJson<SheetTotalExample>('sheet-total');
  const plan = prepareCriteria(example.criteria);

  it.each(example.sheets.map((s) => [JSON.stringify(s.scores), s]))(
    'totals %s exactly and rounds it half-up',
    (_, sheet) => {
      const scores = scoreInputs(sheet.scores);
      expect(sheetTotal(plan, scores).toString()).toBe(sheet.exact);
      expect(sheetTotalRounded(plan, scores)).toBe(sheet.total);
    },
  );

  it.each(example.refused.map((s) => [JSON.stringify(s.scores), s]))('refuses %s', (_, sheet) => {
    let error: unknown;
    try {
      sheetTotal(plan, scoreInputs(sheet.scores));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TabulationInputError);
    expect((error as TabulationInputError).reason).toBe(sheet.reason);
  });
});

/** A round example: settings, entries, sheets as [entry, judge, scores, total], and results. */
interface RoundExample {
  round: RoundSettings;
  entries: {
    code: string;
    categoryCode: string;
    topCategoryCode?: string;
    status?: 'DISQUALIFIED';
  }[];
  sheets: [string, string, (number | string)[], number][];
  /** The §7 keys in their order, one row per result. */
  results: [
    string,
    string,
    number,
    boolean,
    string | null,
    number | null,
    number | null,
    string | null,
    boolean,
  ][];
  criterionScores?: Record<string, number[]>;
  hash: string;
}

function inputOf(example: RoundExample): TabulationInput {
  return {
    round: example.round,
    entries: example.entries.map((e) => ({ id: e.code, ...e })),
    sheets: example.sheets.map(([entryId, judgeId, values]) => ({
      entryId,
      judgeId,
      scores: example.round.criteria.map((c, i) => ({ criterionKey: c.key, value: values[i] })),
    })),
  };
}

const rows = (output: TabulationOutput) =>
  output.results.map((r) => [
    r.entryCode,
    r.scopeKey,
    r.sheetCount,
    r.complete,
    r.scoreExact,
    r.score,
    r.rank,
    r.award,
    r.advanced,
  ]);

describe.each(['mean', 'trimmed-mean', 'median', 'zscore', 'hash'])(
  'judging-rules.md §3–§7: the %s example',
  (name) => {
    const example = rulesDocJson<RoundExample>(name);
    const input = inputOf(example);
    const plan = prepareCriteria(example.round.criteria);

    it('gives each sheet the total the document shows, exactly', () => {
      for (const sheet of input.sheets) {
        const [, , , total] = example.sheets[input.sheets.indexOf(sheet)];
        expect([sheet.entryId, sheet.judgeId, sheetTotal(plan, sheet.scores).toString()]).toEqual([
          sheet.entryId,
          sheet.judgeId,
          decimal(total).toString(),
        ]);
      }
    });

    it('gives every entry its result, in the order of §7, and the hash', () => {
      const output = tabulate(input);
      expect(rows(output)).toEqual(example.results);
      expect(output.hash).toBe(example.hash);
    });

    it('gives the per-criterion results the document shows', () => {
      const output = tabulate(input);
      for (const [code, scores] of Object.entries(example.criterionScores ?? {})) {
        const result = output.results.find((r) => r.entryCode === code);
        expect([code, result?.criterionScores.map((c) => c.score)]).toEqual([code, scores]);
      }
    });

    it('gives the same results whatever order entries and sheets come in', () => {
      const reversed = tabulate({
        ...input,
        entries: [...input.entries].reverse(),
        sheets: [...input.sheets].reverse(),
      });
      expect(reversed).toEqual(tabulate(input));
    });
  },
);

describe('judging-rules.md §5: the places of the trimmed-mean example', () => {
  const example = rulesDocJson<
    RoundExample & { places: { N: number; gold: number; silver: number; advancement: number } }
  >('trimmed-mean');
  const { N, ...shown } = example.places;
  const placesOf = (quota: QuotaInput) => places(prepareQuota(quota, 'quota', false), N);

  it('counts N complete entries in the scope', () => {
    expect(example.results.filter(([, , , complete]) => complete)).toHaveLength(N);
  });

  it('gives each PERCENT quota floor(value · N / 100 + 1/2) places', () => {
    const [gold, silver] = example.round.awardTiers!;
    expect({
      gold: placesOf(gold.quota),
      silver: placesOf(silver.quota),
      advancement: placesOf(example.round.advancement!),
    }).toEqual(shown);
  });
});

describe('judging-rules.md §3: the ZSCORE example, judge by judge', () => {
  const example = rulesDocJson<
    RoundExample & {
      judges: Record<string, { sheets: number; mean: string; variance: string; sigma: number }>;
      z: [string, string, number][];
    }
  >('zscore');
  const input = inputOf(example);
  const plan = prepareCriteria(example.round.criteria);
  const L = plan.denominator;
  const numerators = input.sheets.map((s) => ({
    entryId: s.entryId,
    judgeId: s.judgeId,
    numerator: sheetNumerator(plan, readScores(plan, s.scores)),
  }));
  const stats = judgeStats(numerators, L);

  it("gives each judge's counted sheets, exact mean and σ", () => {
    const seen = Object.fromEntries(
      [...stats].map(([judgeId, s]) => [
        judgeId,
        {
          sheets: s.count,
          mean: Rational.of(s.sum, BigInt(s.count) * L).toString(),
          sigma: s.sigma,
        },
      ]),
    );
    const shown = Object.fromEntries(
      Object.entries(example.judges).map(([judgeId, { sheets, mean, sigma }]) => [
        judgeId,
        { sheets, mean, sigma },
      ]),
    );
    expect(seen).toEqual(shown);
  });

  it('gives the variance the document shows, computed as the rules say: Σ (T − μ)² / n', () => {
    for (const [judgeId, shown] of Object.entries(example.judges)) {
      const totals = input.sheets
        .filter((s) => s.judgeId === judgeId)
        .map((s) => sheetTotal(plan, s.scores));
      const n = Rational.of(totals.length);
      const mean = totals.reduce((a, b) => a.add(b), Rational.ZERO).div(n);
      const variance = totals
        .map((t) => t.sub(mean).mul(t.sub(mean)))
        .reduce((a, b) => a.add(b), Rational.ZERO)
        .div(n);
      const sigma = totals.length < 2 || variance.sign() === 0 ? 0 : Math.sqrt(variance.toDouble());
      expect([judgeId, variance.toString(), sigma]).toEqual([judgeId, shown.variance, shown.sigma]);
    }
  });

  it("gives each sheet's z", () => {
    const seen = numerators.map((s) => [
      s.entryId,
      s.judgeId,
      zScore(stats.get(s.judgeId)!, s.numerator, L),
    ]);
    expect(seen).toEqual(example.z);
  });
});

describe("judging-rules.md §3–§5: ZSCORE's key", () => {
  const example = rulesDocJson<{
    keys: [number, number][];
    ranks: [string, number, number, number, number][];
    minScore: { value: number; aggregate: number; reached: boolean }[];
  }>('zscore-key');

  it('gives each aggregate the key the document shows', () => {
    expect(example.keys.map(([aggregate]) => [aggregate, Number(zscoreKey(aggregate))])).toEqual(
      example.keys,
    );
  });

  it('ranks by key, then by the tie-break, as the tabulation and ZSCORE_ORDER both do', () => {
    const items = example.ranks.map(([code, aggregate, , tieBreak]) => ({
      code,
      aggregate,
      tieBreak: Rational.of(tieBreak),
    }));
    const byTieBreak = (a: { tieBreak: Rational }, b: { tieBreak: Rational }) =>
      a.tieBreak.compare(b.tieBreak);
    const fromDoubles = competitionRanks(items, ZSCORE_ORDER, byTieBreak);
    // The tabulation's way: each key once, as the exact fraction K/1e9.
    const fromKeys = competitionRanks(
      items.map((item) => ({ ...item, aggregate: zscoreKeyValue(item.aggregate) })),
      EXACT_ORDER,
      byTieBreak,
    );
    const shown = example.ranks.map(([code, aggregate, key, tieBreak, rank]) => [
      code,
      aggregate,
      key,
      tieBreak,
      rank,
    ]);
    const seen = (ranks: number[]) =>
      example.ranks.map(([code, aggregate, , tieBreak], i) => [
        code,
        aggregate,
        Number(zscoreKey(aggregate)),
        tieBreak,
        ranks[i],
      ]);
    expect(seen(fromDoubles)).toEqual(shown);
    expect(seen(fromKeys)).toEqual(shown);
  });

  it('reaches a MIN_SCORE value when value · 1e9 ≤ K', () => {
    for (const { value, aggregate, reached } of example.minScore) {
      const quota = prepareQuota({ mode: 'MIN_SCORE', value }, 'value', true);
      const seen = [
        meetsMinScore(quota, aggregate),
        meetsMinScore(quota, zscoreKeyValue(aggregate)),
      ];
      expect([value, aggregate, seen]).toEqual([value, aggregate, [reached, reached]]);
    }
  });
});

describe('judging-rules.md §7: the canonical JSON of the hash example', () => {
  const example = rulesDocJson<RoundExample>('hash');
  const text = rulesDocExample('hash-canonical-json', 'text');

  it('is the text the tabulation writes and hashes', () => {
    const output = tabulate(inputOf(example));
    expect(canonicalResultsJson(output.results)).toBe(text);
    expect(createHash('sha256').update(text, 'utf8').digest('hex')).toBe(example.hash);
  });
});

describe("judging-rules.md §11: agreement on Shrout & Fleiss's table", () => {
  const example = rulesDocJson<{
    table: number[][];
    meanSquares: Record<'BMS' | 'WMS' | 'JMS' | 'EMS', string>;
    icc: Record<string, [string, number]>;
    kendall: {
      rankSums: number[];
      tieTerm: number;
      W: [string, number];
      chiSquare: [string, number];
      df: number;
      pValue: number;
    };
  }>('agreement');
  const icc = intraclassCorrelations(example.table, 'TWO_WAY');

  it('gives the mean squares and the six ICCs the document shows', () => {
    const ms = icc.meanSquares!;
    expect({
      BMS: String(ms.between),
      WMS: String(ms.within),
      JMS: String(ms.raters),
      EMS: String(ms.error),
    }).toEqual(example.meanSquares);
    const figures = [icc.icc11, icc.icc1k, icc.icc21, icc.icc2k, icc.icc31, icc.icc3k];
    const names = ['ICC(1,1)', 'ICC(1,k)', 'ICC(2,1)', 'ICC(2,k)', 'ICC(3,1)', 'ICC(3,k)'];
    expect(
      Object.fromEntries(
        names.map((name, i) => [name, [String(figures[i].exact), figures[i].value]]),
      ),
    ).toEqual(example.icc);
  });

  it("gives Kendall's W, its rank sums, tie term, chi-square and p-value", () => {
    const w = kendallW(example.table);
    // rank sums by hand from average ranks within each judge's column
    const ranks = example.table[0].map((_, j) => {
      const column = example.table.map((row) => row[j]);
      return column.map(
        (x) => column.filter((y) => y < x).length + (column.filter((y) => y === x).length + 1) / 2,
      );
    });
    const rankSums = example.table.map((_, i) => ranks.reduce((sum, column) => sum + column[i], 0));
    expect({
      rankSums,
      tieTerm: Number(w.tieTerm),
      W: [String(w.exact), w.value],
      chiSquare: [String(w.chiSquare.exact), w.chiSquare.value],
      df: w.df,
      pValue: Number(w.pValue!.toFixed(4)),
    }).toEqual(example.kendall);
  });
});

describe('judging-rules.md §11: per-judge agreement', () => {
  const example = rulesDocJson<{
    k: number;
    sheets: [string, string, number][];
    panel: { model: string; headline: [string, string, number]; W: string };
    judges: [string, number, string, number, number][];
  }>('judge-agreement');
  // Whole totals: numerators over L = 1.
  const totals = {
    denominator: 1n,
    sheets: example.sheets.map(([entryId, judgeId, numerator]) => ({
      entryId,
      judgeId,
      numerator,
    })),
  };
  const entryIds = [...new Set(example.sheets.map(([entryId]) => entryId))];

  it('chooses the two-way model for the crossed panel, with its headline and W', () => {
    const panel = panelAgreement(totals, entryIds, example.k);
    expect({
      model: panel.model,
      headline: [panel.headline.shroutFleiss, String(panel.headline.exact), panel.headline.value],
      W: String(panel.kendall?.exact),
    }).toEqual(example.panel);
  });

  it("gives each judge's leniency and rank correlation", () => {
    expect(
      judgeAgreement(totals, entryIds).map((j) => [
        j.judgeId,
        j.entries,
        String(j.leniencyExact),
        j.leniency,
        j.spearman,
      ]),
    ).toEqual(example.judges);
  });
});

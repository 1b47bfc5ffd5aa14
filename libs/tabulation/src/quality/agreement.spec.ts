import { Rational } from '../rational';
import { EntryInput, SheetInput } from '../types';
import { iccOneK } from './agreement';
import { chiSquareSurvival } from './chi-square';
import { countedTotals } from './counted-totals';
import { intraclassCorrelations } from './icc';
import { judgeAgreement, spearman } from './judge-agreement';
import { kendallW } from './kendall';
import { panelAgreement } from './panel-agreement';

/*
 * Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
 * reliability. Psychological Bulletin 86(2), 420–428. Table 2: four judges rate six targets.
 * The paper's Table 4 gives, to two decimals, ICC(1,1) .17, ICC(2,1) .29, ICC(3,1) .71,
 * ICC(1,4) .44, ICC(2,4) .62, ICC(3,4) .91, from the mean squares of its Table 3:
 * BMS 11.24, WMS 6.26, JMS 32.49, EMS 1.02.
 */
const SHROUT_FLEISS = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];
const twoDecimals = (r: Rational | null) => r?.toRoundedNumber(2);

describe('intraclassCorrelations: Shrout & Fleiss (1979), Table 2', () => {
  const two = intraclassCorrelations(SHROUT_FLEISS, 'TWO_WAY');

  it('has the mean squares of their Table 3, exactly', () => {
    const ms = two.meanSquares!;
    expect([ms.between, ms.within, ms.raters!, ms.error!].map(String)).toEqual([
      '1349/120', // 11.241…
      '451/72', // 6.263…
      '2339/72', // 32.486…
      '367/360', // 1.019…
    ]);
    expect([ms.between, ms.within, ms.raters, ms.error].map(twoDecimals)).toEqual([
      11.24, 6.26, 32.49, 1.02,
    ]);
  });

  it('reproduces the six published ICCs', () => {
    expect({
      icc11: twoDecimals(two.icc11.exact),
      icc21: twoDecimals(two.icc21.exact),
      icc31: twoDecimals(two.icc31.exact),
      icc1k: twoDecimals(two.icc1k.exact),
      icc2k: twoDecimals(two.icc2k.exact),
      icc3k: twoDecimals(two.icc3k.exact),
    }).toEqual({ icc11: 0.17, icc21: 0.29, icc31: 0.71, icc1k: 0.44, icc2k: 0.62, icc3k: 0.91 });
  });

  it('gives them exactly, as fractions, and to 3 decimals', () => {
    expect(
      [two.icc11, two.icc1k, two.icc21, two.icc2k, two.icc31, two.icc3k].map((f) => [
        String(f.exact),
        f.value,
      ]),
    ).toEqual([
      ['448/2703', 0.166],
      ['1792/4047', 0.443],
      ['184/635', 0.29],
      ['736/1187', 0.62],
      ['920/1287', 0.715],
      ['3680/4047', 0.909],
    ]);
  });

  it('one-way: the same ICC(1,·), no two-way figures', () => {
    const one = intraclassCorrelations(SHROUT_FLEISS, 'ONE_WAY');
    expect(one.model).toBe('ONE_WAY');
    expect([String(one.icc11.exact), String(one.icc1k.exact)]).toEqual(['448/2703', '1792/4047']);
    expect([one.icc21, one.icc2k, one.icc31, one.icc3k]).toEqual(
      new Array(4).fill({ exact: null, value: null }),
    );
    expect(one.meanSquares?.raters).toBeNull();
  });

  it('does not change when every score is scaled or shifted by one constant, or rows reordered', () => {
    const moved = [...SHROUT_FLEISS].reverse().map((row) => row.map((x) => 7n * BigInt(x) + 3n));
    const again = intraclassCorrelations(moved, 'TWO_WAY');
    for (const key of ['icc11', 'icc1k', 'icc21', 'icc2k', 'icc31', 'icc3k'] as const) {
      expect([key, String(again[key].exact)]).toEqual([key, String(two[key].exact)]);
    }
  });

  it('is undefined with one target, one rating, or targets that do not differ', () => {
    expect(intraclassCorrelations([[1, 2, 3]], 'TWO_WAY').icc3k.exact).toBeNull();
    expect(intraclassCorrelations([[1], [2]], 'TWO_WAY').icc11.exact).toBeNull();
    const flat = intraclassCorrelations(
      [
        [1, 3],
        [3, 1],
      ],
      'TWO_WAY',
    );
    expect(flat.meanSquares?.between.sign()).toBe(0);
    expect(flat.icc3k).toEqual({ exact: null, value: null });
  });

  it('refuses a ragged table or a cell that is not a whole number', () => {
    expect(() => intraclassCorrelations([[1, 2], [3]], 'ONE_WAY')).toThrow(RangeError);
    expect(() => intraclassCorrelations([[1.5, 2]], 'ONE_WAY')).toThrow(RangeError);
  });
});

describe("kendallW: Kendall's W with the correction for ties", () => {
  /*
   * The data of the KENDALL example in IBM's SPSS Statistics Command Syntax Reference
   * (NPAR TESTS, KENDALL subcommand): four judges (cases) rate five items (V1–V5):
   *   2 5 4 5 1 / 3 3 4 5 3 / 3 4 4 6 2 / 2 4 3 6 2 — every judge ties somewhere.
   * The manual prints no result, so the figures are worked by hand below (and agree with the
   * tie-corrected Friedman statistic, which is m(n − 1)·W).
   */
  const judges = [
    [2, 5, 4, 5, 1],
    [3, 3, 4, 5, 3],
    [3, 4, 4, 6, 2],
    [2, 4, 3, 6, 2],
  ];
  // The table kendallW takes: one row per item (target), one column per judge.
  const items = judges[0].map((_, i) => judges.map((row) => row[i]));

  it('reproduces the hand computation', () => {
    // Ranks within each judge (tied scores share their average rank):
    //   judge 1: 2 4.5 3 4.5 1      (one pair tied:   t³ − t = 6)
    //   judge 2: 2 2   4 5   2      (three tied:      t³ − t = 24)
    //   judge 3: 2 3.5 3.5 5 1      (one pair:        6)
    //   judge 4: 1.5 4 3 5 1.5      (one pair:        6)
    // Rank sums R = 7.5, 14, 13.5, 19.5, 5.5 (total 60 = m·n(n+1)/2); mean 12;
    // S = Σ (R − 12)² = 20.25 + 4 + 2.25 + 56.25 + 42.25 = 125; Σ(t³ − t) = 42.
    // W = 12·125 / (4²·(5³ − 5) − 4·42) = 1500 / (1920 − 168) = 1500/1752 = 125/146 = 0.856…
    // (uncorrected it would be 1500/1920 = 0.781).
    // χ² = m(n − 1)·W = 16 · 125/146 = 1000/73 = 13.699, df = 4.
    const w = kendallW(items);
    expect(w).toMatchObject({ n: 5, m: 4, tieTerm: 42n, df: 4, value: 0.856 });
    expect(String(w.exact)).toBe('125/146');
    expect([String(w.chiSquare.exact), w.chiSquare.value]).toEqual(['1000/73', 13.699]);
    // For even df the tail is e^(−x/2)·Σ_{i<df/2} (x/2)^i/i!: here e^(−x/2)·(1 + x/2).
    const x = 1000 / 73;
    expect(w.pValue).toBeCloseTo(Math.exp(-x / 2) * (1 + x / 2), 14);
    expect(w.pValue).toBeCloseTo(0.008322, 6);
  });

  it('reproduces a published example: ProofWiki, "Kendall\'s Coefficient of Concordance/Examples/Arbitrary Example 1" (W = 1/16)', () => {
    // Three competitors X, Y, Z ranked by four judges A–D (1 = first):
    //   X: 1 1 2 3   Y: 3 2 3 1   Z: 2 3 1 2   → rank sums 7, 9, 8; S = 2; W = 12·2/(4²·3·8) = 1/16.
    // As scores (higher is better) the ranks are turned round; W does not depend on the direction.
    const ranks = [
      [1, 1, 2, 3],
      [3, 2, 3, 1],
      [2, 3, 1, 2],
    ];
    const w = kendallW(ranks.map((row) => row.map((rank) => 4 - rank)));
    expect(String(w.exact)).toBe('1/16');
    expect(w).toMatchObject({ n: 3, m: 4, tieTerm: 0n, df: 2 });
    // χ² = m(n − 1)·W = 4·2/16 = 1/2.
    expect(String(w.chiSquare.exact)).toBe('1/2');
  });

  it('is 1 when every judge orders alike, 0 when the rank sums are all equal', () => {
    expect(
      String(
        kendallW([
          [1, 10, 5],
          [2, 20, 6],
          [3, 30, 7],
        ]).exact,
      ),
    ).toBe('1/1');
    expect(
      String(
        kendallW([
          [1, 3],
          [2, 2],
          [3, 1],
        ]).exact,
      ),
    ).toBe('0/1');
  });

  it('is undefined with one target, one judge, or every judge tying everything', () => {
    expect(kendallW([[1, 2, 3]]).exact).toBeNull();
    expect(kendallW([[1], [2]]).exact).toBeNull();
    expect(
      kendallW([
        [4, 7],
        [4, 7],
      ]),
    ).toMatchObject({ exact: null, pValue: null, tieTerm: 12n });
  });
});

describe('chiSquareSurvival', () => {
  it.each([
    // the familiar 5% and 1% critical values
    [3.841458820694124, 1, 0.05],
    [5.991464547107979, 2, 0.05],
    [7.814727903251178, 3, 0.05],
    [6.634896601021214, 1, 0.01],
    [18.307038053275146, 10, 0.05],
    [0, 3, 1],
  ])('P(χ² ≥ %p | df %p) = %p', (x, df, p) => {
    expect(chiSquareSurvival(x, df)).toBeCloseTo(p, 12);
  });

  it('odd and even df agree with the closed forms: df 2 is e^(−x/2), df 1 is erfc(√(x/2))', () => {
    for (const x of [0.1, 1, 2.5, 7, 30])
      expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 14);
    // erfc(1) = 0.157299207050285…
    expect(chiSquareSurvival(2, 1)).toBeCloseTo(0.157299207050285, 13);
  });
});

// One criterion, weight 100, maxScore 10: a sheet's total T is 10 × its score.
const TENS = [{ key: 'overall', weight: 100, maxScore: 10, step: 0.5 }];
const entry = (id: string): EntryInput => ({ id, code: id.toUpperCase(), categoryCode: 'C' });
const sheet = (entryId: string, judgeId: string, value: number): SheetInput => ({
  entryId,
  judgeId,
  scores: [{ criterionKey: 'overall', value }],
});
const totalsOf = (sheets: SheetInput[]) =>
  countedTotals({
    criteria: TENS,
    entries: [...new Set(sheets.map((s) => s.entryId))].map(entry),
    sheets,
  });

/** A crossed panel: j1, j2 and j3 each score a, b, c and d (totals in the comments). */
const CROSSED = [
  sheet('a', 'j1', 9), sheet('a', 'j2', 8), sheet('a', 'j3', 7), //   90 80 70
  sheet('b', 'j1', 8), sheet('b', 'j2', 7), sheet('b', 'j3', 7.5), // 80 70 75
  sheet('c', 'j1', 7), sheet('c', 'j2', 5), sheet('c', 'j3', 6), //   70 50 60
  sheet('d', 'j1', 6), sheet('d', 'j2', 6), sheet('d', 'j3', 4), //   60 60 40
]; // prettier-ignore

describe('panelAgreement: the model chosen by the design', () => {
  it('crossed (every judge scored every entry): two-way, headline ICC(3,k), with Kendall W', () => {
    const agreement = panelAgreement(totalsOf(CROSSED), ['a', 'b', 'c', 'd'], 3);
    expect(agreement).toMatchObject({
      model: 'TWO_WAY',
      k: 3,
      entriesUsed: 4,
      entriesLeftOut: 0,
      judgeIds: ['j1', 'j2', 'j3'],
    });
    // BMS 1875/4, EMS 625/12 (on the totals): ICC(3,3) = 1 − EMS/BMS = 1 − 1/9 = 8/9.
    expect(agreement.headline).toMatchObject({
      method: 'ICC3K',
      shroutFleiss: 'ICC(3,k)',
      mcGrawWong: 'ICC(C,k)',
      value: 0.889,
    });
    expect(String(agreement.headline.exact)).toBe('8/9');
    expect(String(agreement.icc.icc2k.exact)).toBe('200/243');
    expect(String(agreement.icc.icc1k.exact)).toBe('182/225');
    // Ranks per judge (lowest 1): j1 4 3 2 1, j2 4 3 1 2, j3 3 4 2 1; R = 11 10 5 4, mean 7.5,
    // S = 37; W = 12·37 / (3²·(4³ − 4)) = 444/540 = 37/45; χ² = 3·3·37/45 = 37/5, df 3.
    expect(String(agreement.kendall?.exact)).toBe('37/45');
    expect(String(agreement.kendall?.chiSquare.exact)).toBe('37/5');
    expect(agreement.kendall?.pValue).toBeCloseTo(0.060184, 6);
  });

  it('gives the same ICC(1,k) as iccOneK, its one-way figure', () => {
    const totals = totalsOf(CROSSED);
    const ids = ['a', 'b', 'c', 'd'];
    expect(String(iccOneK(totals, ids, 3).exact)).toBe(
      String(panelAgreement(totals, ids, 3).icc.icc1k.exact),
    );
  });

  it('judges differing from entry to entry: one-way, headline ICC(1,k), no W', () => {
    const sheets = [
      sheet('a', 'j1', 8), sheet('a', 'j2', 9), // 80, 90
      sheet('b', 'j1', 7), sheet('b', 'j3', 7), // 70, 70
      sheet('c', 'j2', 6), sheet('c', 'j3', 5), // 60, 50
    ]; // prettier-ignore
    const agreement = panelAgreement(totalsOf(sheets), ['a', 'b', 'c'], 2);
    expect(agreement).toMatchObject({
      model: 'ONE_WAY',
      judgeIds: ['j1', 'j2', 'j3'],
      kendall: null,
      headline: { method: 'ICC1K', shroutFleiss: 'ICC(1,k)', mcGrawWong: 'ICC(k)', value: 0.926 },
    });
    expect(agreement.icc.icc3k.exact).toBeNull();
  });

  it('an entry with a sheet missing is left out, and the rest stays crossed', () => {
    const withGap = [...CROSSED, sheet('e', 'j1', 5), sheet('e', 'j2', 5)];
    const agreement = panelAgreement(totalsOf(withGap), ['a', 'b', 'c', 'd', 'e'], 3);
    expect(agreement).toMatchObject({ model: 'TWO_WAY', entriesUsed: 4, entriesLeftOut: 1 });
    expect(String(agreement.headline.exact)).toBe('8/9');
  });
});

describe('judgeAgreement: leniency and rank correlation with the co-judges', () => {
  it('gives each judge the mean difference to the others on the same entries, exactly', () => {
    const [j1, j2, j3] = judgeAgreement(totalsOf(CROSSED));
    // j1: 90 − 75, 80 − 72.5, 70 − 55, 60 − 50 = 15, 7.5, 15, 10: mean 11.875
    // j2: 80 − 80, 70 − 77.5, 50 − 65, 60 − 50 = 0, −7.5, −15, 10: mean −3.125
    // j3: 70 − 85, 75 − 75, 60 − 60, 40 − 60 = −15, 0, 0, −20: mean −8.75
    expect(
      [j1, j2, j3].map((j) => [j.judgeId, j.entries, String(j.leniencyExact), j.leniency]),
    ).toEqual([
      ['j1', 4, '95/8', 11.875],
      ['j2', 4, '-25/8', -3.125],
      ['j3', 4, '-35/4', -8.75],
    ]);
  });

  it("gives each judge Spearman's correlation with the co-judges' mean", () => {
    const [j1, j2, j3] = judgeAgreement(totalsOf(CROSSED));
    // j1: 90 80 70 60 against 75 72.5 55 50, the same order: 1.
    // j2: ranks 4 3 1 2 against 4 3 2 1: 1 − 6·Σd²/(n(n² − 1)) = 1 − 6·2/60 = 0.8.
    // j3: ranks 3 4 2 1 against 4 3 1.5 1.5 (a tie): Pearson on the ranks,
    //     Σ dx·dy = 3.5, Σ dx² = 5, Σ dy² = 4.5: 3.5 / √22.5 = 0.7379 → 0.738.
    expect([j1.spearman, j2.spearman, j3.spearman]).toEqual([1, 0.8, 0.738]);
  });

  it('keeps to the entries asked for, and leaves a judge without co-judges without figures', () => {
    const sheets = [...CROSSED, sheet('z', 'j4', 9)];
    const all = judgeAgreement(totalsOf(sheets));
    expect(all.map((j) => j.judgeId)).toEqual(['j1', 'j2', 'j3', 'j4']);
    expect(all[3]).toEqual({
      judgeId: 'j4',
      entries: 0,
      leniencyExact: null,
      leniency: null,
      spearman: null,
    });
    const some = judgeAgreement(totalsOf(sheets), ['a', 'b']);
    // two entries: a leniency, but too few for a rank correlation
    expect(some.map((j) => [j.judgeId, j.entries, j.leniency, j.spearman])).toEqual([
      ['j1', 2, 11.25, null],
      ['j2', 2, -3.75, null],
      ['j3', 2, -7.5, null],
    ]);
  });

  it('spearman: −1 in reverse order, null without spread', () => {
    const r = (xs: number[]) => xs.map((x) => Rational.of(x));
    expect(spearman(r([1, 2, 3, 4]), r([8, 6, 4, 2]))).toBe(-1);
    expect(spearman(r([1, 2, 3]), r([5, 5, 5]))).toBeNull();
    expect(() => spearman(r([1, 2, 3]), r([1, 2]))).toThrow(RangeError);
  });
});

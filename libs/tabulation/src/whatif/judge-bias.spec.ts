import fc from 'fast-check';
import { CountedTotals, countedTotals } from '../quality/counted-totals';
import { Rational } from '../rational';
import { solveIntegerSystem } from './exact-solve';
import { EXACT_QUALITY_DIGITS, JudgeBiasFit, fitJudgeBias } from './judge-bias';

/** Totals given directly in points (denominator 1): [entry, judge, total]. */
const totals = (rows: [string, string, number][], denominator = 1n): CountedTotals => ({
  denominator,
  sheets: rows.map(([entryId, judgeId, total]) => ({
    entryId,
    judgeId,
    numerator: BigInt(total) * denominator,
  })),
});

const biases = (fit: JudgeBiasFit) =>
  Object.fromEntries(fit.judges.map((j) => [j.judgeId, j.biasExact.toString()]));
const qualities = (fit: JudgeBiasFit) =>
  Object.fromEntries([...fit.entries].map(([id, e]) => [id, e.exact!.toString()]));

/**
 * An unbalanced, connected design (every entry scored by 2 or 3 of 4 judges, not crossed) with
 * totals exactly quality + bias: the least-squares fit has no residual and must give back
 * every bias and quality exactly.
 */
const QUALITY: Record<string, number> = { e1: 70, e2: 75, e3: 72, e4: 60, e5: 81, e6: 66 };
const BIAS: Record<string, number> = { j1: 6, j2: -2, j3: -1, j4: -3 }; // adds up to 0
const DESIGN: [string, string[]][] = [
  ['e1', ['j1', 'j2']],
  ['e2', ['j2', 'j3', 'j4']],
  ['e3', ['j1', 'j3']],
  ['e4', ['j1', 'j2', 'j4']],
  ['e5', ['j3', 'j4']],
  ['e6', ['j1', 'j4']],
];
const exactRows = (bias: Record<string, number>): [string, string, number][] =>
  DESIGN.flatMap(([entry, judges]) =>
    judges.map((judge): [string, string, number] => [entry, judge, QUALITY[entry] + bias[judge]]),
  );

describe('fitJudgeBias: total = quality + bias + noise, by least squares, exactly', () => {
  it('recovers known biases and qualities exactly from noiseless totals', () => {
    const fit = fitJudgeBias(totals(exactRows(BIAS)));
    expect(biases(fit)).toEqual({ j1: '6/1', j2: '-2/1', j3: '-1/1', j4: '-3/1' });
    expect(qualities(fit)).toEqual({
      e1: '70/1',
      e2: '75/1',
      e3: '72/1',
      e4: '60/1',
      e5: '81/1',
      e6: '66/1',
    });
    expect(fit.judges.map((j) => [j.judgeId, j.sheets, j.bias])).toEqual([
      ['j1', 4, 6],
      ['j2', 3, -2],
      ['j3', 3, -1],
      ['j4', 4, -3],
    ]);
    expect(fit.residualSumOfSquares.toString()).toBe('0/1');
    expect(fit.residualDf).toBe(14 - 6 - 4 + 1);
    expect(fit.components).toEqual([
      {
        judgeIds: ['j1', 'j2', 'j3', 'j4'],
        entryIds: ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'],
        denominator: expect.any(BigInt),
      },
    ]);
    // The qualities' keys: nanopoints, rounded from the exact value.
    expect(fit.entries.get('e5')).toMatchObject({ key: 81_000_000_000n, quality: 81 });
  });

  it('fixes the free constant by biases adding up to 0: a common shift goes to the qualities', () => {
    // Every judge 4 points more lenient than above: the same fit, qualities 4 higher.
    const shifted = Object.fromEntries(Object.entries(BIAS).map(([j, b]) => [j, b + 4]));
    const fit = fitJudgeBias(totals(exactRows(shifted)));
    expect(biases(fit)).toEqual({ j1: '6/1', j2: '-2/1', j3: '-1/1', j4: '-3/1' });
    expect(qualities(fit).e4).toBe('64/1');
  });

  it('works in the totals’ own fractions (numerators over L)', () => {
    // Totals with halves and thirds over L = 6: the fit is the same, in points.
    const rows: [string, string, number][] = exactRows(BIAS).map(([e, j, t]) => [e, j, t]);
    const over6: CountedTotals = {
      denominator: 6n,
      sheets: rows.map(([entryId, judgeId, t], i) => ({
        entryId,
        judgeId,
        // alternately + 1/2 and + 1/3 on each sheet of e1 only (noise there)
        numerator: BigInt(t * 6) + (entryId === 'e1' ? BigInt(i % 2 === 0 ? 3 : 2) : 0n),
      })),
    };
    const fit = fitJudgeBias(over6);
    expectNormalEquations(over6, fit);
    expect(fit.judges.reduce((s, j) => s.add(j.biasExact), Rational.ZERO).toString()).toBe('0/1');
  });

  it('in a crossed panel, a bias is the judge’s mean minus the mean of all, a quality the plain mean', () => {
    const rows: [string, string, number][] = [
      ['a', 'j1', 90],
      ['a', 'j2', 80],
      ['a', 'j3', 70],
      ['b', 'j1', 80],
      ['b', 'j2', 70],
      ['b', 'j3', 75],
      ['c', 'j1', 70],
      ['c', 'j2', 50],
      ['c', 'j3', 60],
    ];
    const fit = fitJudgeBias(totals(rows));
    // Judge means 80, 200/3, 205/3; mean of all 215/3.
    expect(biases(fit)).toEqual({ j1: '25/3', j2: '-5/1', j3: '-10/3' });
    expect(qualities(fit)).toEqual({ a: '80/1', b: '75/1', c: '60/1' });
  });

  it('handles panels that share no judge: each component’s biases add up to 0 on its own', () => {
    const rows: [string, string, number][] = [
      // panel 1: j1 lenient by 5 against j2
      ['p1', 'j1', 85],
      ['p1', 'j2', 75],
      ['p2', 'j1', 75],
      ['p2', 'j2', 65],
      // panel 2: j3 and j4 agree; p4 scored by j3 only
      ['p3', 'j3', 60],
      ['p3', 'j4', 62],
      ['p4', 'j3', 90],
      // a judge alone with their entry: a component of one judge, bias 0
      ['p5', 'j5', 40],
    ];
    const fit = fitJudgeBias(totals(rows));
    expect(fit.components.map(({ judgeIds, entryIds }) => ({ judgeIds, entryIds }))).toEqual([
      { judgeIds: ['j1', 'j2'], entryIds: ['p1', 'p2'] },
      { judgeIds: ['j3', 'j4'], entryIds: ['p3', 'p4'] },
      { judgeIds: ['j5'], entryIds: ['p5'] },
    ]);
    expect(biases(fit)).toEqual({ j1: '5/1', j2: '-5/1', j3: '-1/1', j4: '1/1', j5: '0/1' });
    expect(qualities(fit)).toEqual({ p1: '80/1', p2: '70/1', p3: '61/1', p4: '91/1', p5: '40/1' });
    expect(fit.judges.map((j) => j.component)).toEqual([0, 0, 1, 1, 2]);
    expect(fit.entries.get('p4')!.component).toBe(1);
    expect(fit.residualDf).toBe(8 - 5 - 5 + 3);
  });

  it('keys round the exact quality half-up to 9 decimals; a long denominator gives no fraction', () => {
    // thirds: e1 = 1/3, e2 = 2/3 points after a judge of bias 0 (one judge, one component each)
    const thirds = fitJudgeBias({
      denominator: 3n,
      sheets: [
        { entryId: 'e1', judgeId: 'j1', numerator: 1n },
        { entryId: 'e2', judgeId: 'j2', numerator: 2n },
        { entryId: 'e3', judgeId: 'j3', numerator: -2n },
      ],
    });
    expect([...thirds.entries.values()].map((e) => [e.key, e.quality])).toEqual([
      [333_333_333n, 0.333],
      [666_666_667n, 0.667],
      [-666_666_667n, -0.667],
    ]);

    // 30 judges, 240 entries of 3 sheets, judges drawn by a fixed rule: one large component.
    const rows: [string, string, number][] = [];
    for (let e = 0; e < 240; e++) {
      for (let s = 0; s < 3; s++) {
        rows.push([
          `e${e}`,
          `j${String((e * 7 + s * 11 + (e % 5)) % 30).padStart(2, '0')}`,
          (e * 37 + s * 13) % 101,
        ]);
      }
    }
    const large = fitJudgeBias(totals(rows));
    expect(large.components).toHaveLength(1);
    expect(large.components[0].denominator.toString().length).toBeGreaterThan(EXACT_QUALITY_DIGITS);
    expectNormalEquations(totals(rows), large);
    for (const e of large.entries.values()) {
      expect(e.exact).toBeNull();
      const exact = Rational.of(e.numerator, e.denominator);
      expect(e.key).toBe(BigInt(exact.toDecimalString(9).replace('.', '')));
      expect(e.quality).toBe(exact.toRoundedNumber(3));
    }
  });

  it('satisfies the normal equations exactly, and agrees with a float fit by backfitting', () => {
    const design = fc
      .array(
        fc.tuple(
          fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 }),
          fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 4, maxLength: 4 }),
        ),
        { minLength: 1, maxLength: 14 },
      )
      .map((entries) =>
        totals(
          entries.flatMap(([judges, values], e) =>
            judges.map((j, s): [string, string, number] => [`e${e}`, `j${j}`, values[s]]),
          ),
          4n, // quarter points, as the numerators of a round with L = 4
        ),
      )
      .map((t) => ({
        ...t,
        sheets: t.sheets.map((s, i) => ({ ...s, numerator: BigInt(s.numerator) + BigInt(i % 4) })),
      }));
    fc.assert(
      fc.property(design, (counted) => {
        const fit = fitJudgeBias(counted);
        expectNormalEquations(counted, fit);
        const oracle = backfit(counted);
        for (const j of fit.judges) {
          expect(j.biasExact.toDouble()).toBeCloseTo(oracle.bias.get(j.judgeId)!, 6);
        }
        for (const [id, e] of fit.entries) {
          expect(Rational.of(e.numerator, e.denominator).toDouble()).toBeCloseTo(
            oracle.quality.get(id)!,
            6,
          );
        }
      }),
      { numRuns: 150 },
    );
  });
});

const quality = (fit: JudgeBiasFit, entryId: string) => {
  const e = fit.entries.get(entryId)!;
  return Rational.of(e.numerator, e.denominator);
};

/**
 * The least-squares conditions, exactly: the residuals of each entry add up to 0 (its quality's
 * equation), so do each judge's (its bias's), and each component's biases add up to 0.
 */
function expectNormalEquations(counted: CountedTotals, fit: JudgeBiasFit): void {
  const L = Rational.of(counted.denominator);
  const bias = new Map(fit.judges.map((j) => [j.judgeId, j.biasExact]));
  const byEntry = new Map<string, Rational>();
  const byJudge = new Map<string, Rational>();
  for (const s of counted.sheets) {
    const residual = Rational.of(s.numerator)
      .div(L)
      .sub(quality(fit, s.entryId))
      .sub(bias.get(s.judgeId)!);
    byEntry.set(s.entryId, (byEntry.get(s.entryId) ?? Rational.ZERO).add(residual));
    byJudge.set(s.judgeId, (byJudge.get(s.judgeId) ?? Rational.ZERO).add(residual));
  }
  for (const sum of [...byEntry.values(), ...byJudge.values()]) expect(sum.sign()).toBe(0);
  fit.components.forEach((component) => {
    const sum = component.judgeIds.reduce((s, id) => s.add(bias.get(id)!), Rational.ZERO);
    expect(sum.sign()).toBe(0);
  });
}

/**
 * An independent float oracle: alternate q_e = mean(T − b) and b_j = mean(T − q) until nothing
 * moves (Gauss–Seidel on the normal equations), centring each component's biases at the end.
 */
function backfit(counted: CountedTotals) {
  const L = Number(counted.denominator);
  const sheets = counted.sheets.map((s) => ({ ...s, t: Number(s.numerator) / L }));
  const quality = new Map<string, number>();
  const bias = new Map<string, number>(sheets.map((s) => [s.judgeId, 0]));
  for (let round = 0; round < 20_000; round++) {
    let moved = 0;
    const mean = (key: 'entryId' | 'judgeId', other: (s: (typeof sheets)[0]) => number) => {
      const sums = new Map<string, [number, number]>();
      for (const s of sheets) {
        const [sum, n] = sums.get(s[key]) ?? [0, 0];
        sums.set(s[key], [sum + s.t - other(s), n + 1]);
      }
      return new Map([...sums].map(([id, [sum, n]]) => [id, sum / n]));
    };
    for (const [id, q] of mean('entryId', (s) => bias.get(s.judgeId)!)) {
      moved = Math.max(moved, Math.abs(q - (quality.get(id) ?? Infinity)));
      quality.set(id, q);
    }
    for (const [id, b] of mean('judgeId', (s) => quality.get(s.entryId)!)) {
      moved = Math.max(moved, Math.abs(b - bias.get(id)!));
      bias.set(id, b);
    }
    if (moved < 1e-12) break;
  }
  // Centre per component, moving the constant to the qualities.
  const fit = fitJudgeBias(counted); // only for which judges and entries form a component
  for (const component of fit.components) {
    const shift =
      component.judgeIds.reduce((s, id) => s + bias.get(id)!, 0) / component.judgeIds.length;
    for (const id of component.judgeIds) bias.set(id, bias.get(id)! - shift);
    for (const id of component.entryIds) quality.set(id, quality.get(id)! + shift);
  }
  return { quality, bias };
}

describe('solveIntegerSystem (Bareiss)', () => {
  it('solves exactly, swapping rows at a zero pivot', () => {
    // x = 1/2, y = −1/3, z = 2: the first pivot is 0.
    const a = [
      [0n, 3n, 1n],
      [2n, 0n, 1n],
      [4n, 6n, -1n],
    ];
    const x = solveIntegerSystem(a, [1n, 3n, -2n])!;
    expect(x.denominator).toBeGreaterThan(0n);
    expect(x.numerators.map((p) => Rational.of(p, x.denominator).toString())).toEqual([
      '1/2',
      '-1/3',
      '2/1',
    ]);
    expect(a[0]).toEqual([0n, 3n, 1n]); // left as given
  });

  it('solves random systems exactly (A·x = b checked in fractions), signs of det either way', () => {
    const system = fc.integer({ min: 1, max: 6 }).chain((n) =>
      fc.tuple(
        fc.array(fc.array(fc.bigInt({ min: -9n, max: 9n }), { minLength: n, maxLength: n }), {
          minLength: n,
          maxLength: n,
        }),
        fc.array(fc.bigInt({ min: -50n, max: 50n }), { minLength: n, maxLength: n }),
      ),
    );
    let solved = 0;
    fc.assert(
      fc.property(system, ([a, b]) => {
        const x = solveIntegerSystem(a, b);
        if (!x) return;
        solved++;
        expect(x.denominator).toBeGreaterThan(0n);
        a.forEach((row, i) => {
          const lhs = row.reduce(
            (sum, cell, j) => sum.add(Rational.of(cell * x.numerators[j], x.denominator)),
            Rational.ZERO,
          );
          expect(lhs.toString()).toBe(Rational.of(b[i]).toString());
        });
      }),
      { numRuns: 300 },
    );
    expect(solved).toBeGreaterThan(200); // random integer matrices are rarely singular
  });

  it('answers null for a singular matrix', () => {
    expect(
      solveIntegerSystem(
        [
          [1n, 2n],
          [2n, 4n],
        ],
        [1n, 2n],
      ),
    ).toBeNull();
  });

  it('matches countedTotals-scale data: a fit of real sheets sums to zero', () => {
    const counted = countedTotals({
      criteria: [{ key: 'c', weight: 100, maxScore: 10, step: 0.5 }],
      entries: [
        { id: 'a', code: 'A', categoryCode: 'X' },
        { id: 'b', code: 'B', categoryCode: 'X' },
      ],
      sheets: [
        { entryId: 'a', judgeId: 'j1', scores: [{ criterionKey: 'c', value: 7.5 }] },
        { entryId: 'a', judgeId: 'j2', scores: [{ criterionKey: 'c', value: 6 }] },
        { entryId: 'b', judgeId: 'j1', scores: [{ criterionKey: 'c', value: 9 }] },
      ],
    });
    const fit = fitJudgeBias(counted);
    // a: 75 and 60; b: 90 by j1 only. j1 − j2 = 15, so b = ±7.5, a = 67.5, b's quality 82.5.
    expect(biases(fit)).toEqual({ j1: '15/2', j2: '-15/2' });
    expect(qualities(fit)).toEqual({ a: '135/2', b: '165/2' });
  });
});

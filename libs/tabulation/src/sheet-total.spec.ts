import fc from 'fast-check';
import { TabulationInputError } from './errors';
import { Rational } from './rational';
import {
  prepareCriteria,
  readScores,
  sheetNumerator,
  sheetTotal,
  sheetTotalRounded,
} from './sheet-total';
import { CriterionInput } from './types';

const THREE: CriterionInput[] = [
  { key: 'design', weight: 40, maxScore: 10, step: 0.5 },
  { key: 'craft', weight: 30, maxScore: 10, step: 0.5 },
  { key: 'materials', weight: 30, maxScore: 10, step: 0.5 },
];
const scores = (values: Record<string, string | number>) =>
  Object.entries(values).map(([criterionKey, value]) => ({ criterionKey, value }));

const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof TabulationInputError) return error.reason;
    throw error;
  }
  return 'accepted';
};

describe('sheet total T = Σ weight·s/maxScore (§1)', () => {
  const plan = prepareCriteria(THREE);

  it('is exact', () => {
    // 40·0.85 + 30·0.9 + 30·0.7 = 34 + 27 + 21
    expect(sheetTotal(plan, scores({ design: 8.5, craft: 9, materials: 7 })).toString()).toBe(
      '82/1',
    );
    expect(
      sheetTotal(plan, scores({ design: '10', craft: '10.0', materials: '10.00' })).toString(),
    ).toBe('100/1');
    expect(sheetTotal(plan, scores({ design: 0, craft: 0, materials: 0 })).toString()).toBe('0/1');
  });

  it('takes the scores in any order', () => {
    expect(sheetTotal(plan, scores({ materials: 7, design: 8.5, craft: 9 })).toString()).toBe(
      '82/1',
    );
  });

  it('mixes maxScores over one common denominator', () => {
    const mixed = prepareCriteria([
      { key: 'a', weight: 50, maxScore: '7.5', step: '0.5' },
      { key: 'b', weight: 50, maxScore: '20', step: '0.25' },
    ]);
    expect(mixed.denominator).toBe(6000n); // lcm(750, 2000) hundredths
    expect(sheetTotal(mixed, scores({ a: 7.5, b: 10 })).toString()).toBe('75/1');
    expect(sheetTotal(mixed, scores({ a: 0.5, b: 0.25 })).toString()).toBe('95/24'); // 10/3 + 5/8
  });

  it('ScoreSheet.total is T rounded half-up to 3 decimals', () => {
    const thirds = prepareCriteria([
      { key: 'a', weight: 34, maxScore: 3, step: 1 },
      { key: 'b', weight: 33, maxScore: 3, step: 1 },
      { key: 'c', weight: 33, maxScore: 3, step: 1 },
    ]);
    expect(sheetTotalRounded(thirds, scores({ a: 1, b: 1, c: 1 }))).toBe(33.333); // 100/3
    expect(sheetTotalRounded(thirds, scores({ a: 2, b: 2, c: 2 }))).toBe(66.667); // 200/3
    const half = prepareCriteria([
      { key: 'a', weight: 1, maxScore: 20, step: 0.01 },
      { key: 'b', weight: 99, maxScore: 10, step: 0.01 },
    ]);
    expect(sheetTotal(half, scores({ a: 0.01, b: 0 })).toString()).toBe('1/2000');
    expect(sheetTotalRounded(half, scores({ a: 0.01, b: 0 }))).toBe(0.001); // 0.0005 goes up
  });

  it('refuses a sheet that does not score every criterion exactly once (INVALID_CRITERIA)', () => {
    expect(reason(() => sheetTotal(plan, scores({ design: 8, craft: 9 })))).toBe(
      'INVALID_CRITERIA',
    );
    expect(
      reason(() => sheetTotal(plan, scores({ design: 8, craft: 9, materials: 7, extra: 1 }))),
    ).toBe('INVALID_CRITERIA');
    expect(
      reason(() =>
        sheetTotal(plan, [
          { criterionKey: 'design', value: 8 },
          { criterionKey: 'design', value: 8 },
          { criterionKey: 'craft', value: 8 },
        ]),
      ),
    ).toBe('INVALID_CRITERIA');
    // a bad value too: the keys are checked first
    expect(reason(() => sheetTotal(plan, scores({ design: 99, craft: 9, other: 7 })))).toBe(
      'INVALID_CRITERIA',
    );
  });

  it.each<[string | number]>([[-0.5], [10.5], ['7.25'], [7.555], ['abc'], [0.1 + 0.2]])(
    'refuses the score %p (SCORE_OUT_OF_RANGE)',
    (value) => {
      expect(
        reason(() => sheetTotal(plan, scores({ design: value, craft: 9, materials: 7 }))),
      ).toBe('SCORE_OUT_OF_RANGE');
    },
  );

  it('accepts the bounds', () => {
    expect(reason(() => readScores(plan, scores({ design: 0, craft: 10, materials: '0.5' })))).toBe(
      'accepted',
    );
  });

  it.each<[string, CriterionInput[]]>([
    ['no criteria', []],
    ['weights adding up to 99', [{ key: 'a', weight: 99, maxScore: 10, step: 1 }]],
    [
      'a fractional weight',
      [
        { key: 'a', weight: 99.5, maxScore: 10, step: 1 },
        { key: 'b', weight: 0.5, maxScore: 10, step: 1 },
      ],
    ],
    ['a step below 0.01', [{ key: 'a', weight: 100, maxScore: 10, step: 0.001 }]],
    ['a step of 0', [{ key: 'a', weight: 100, maxScore: 10, step: 0 }]],
    ['a maxScore not a multiple of the step', [{ key: 'a', weight: 100, maxScore: 10, step: 3 }]],
    ['a maxScore of 0', [{ key: 'a', weight: 100, maxScore: 0, step: 1 }]],
    [
      'a repeated key',
      [
        { key: 'a', weight: 50, maxScore: 10, step: 1 },
        { key: 'a', weight: 50, maxScore: 10, step: 1 },
      ],
    ],
  ])('refuses criteria with %s (INVALID_ROUND)', (_, criteria) => {
    expect(reason(() => prepareCriteria(criteria))).toBe('INVALID_ROUND');
  });

  it('stays exact when 100·L leaves the safe integers (bigint numerators)', () => {
    const coprime = prepareCriteria([
      { key: 'a', weight: 25, maxScore: '99.97', step: '0.01' },
      { key: 'b', weight: 25, maxScore: '99.89', step: '0.01' },
      { key: 'c', weight: 25, maxScore: '99.91', step: '0.01' },
      { key: 'd', weight: 25, maxScore: '99.83', step: '0.01' },
    ]);
    expect(coprime.smallCoefficients).toBeNull();
    const sheet = scores({ a: '12.34', b: '99.89', c: '0.01', d: '50' });
    expect(typeof sheetNumerator(coprime, readScores(coprime, sheet))).toBe('bigint');
    const reference = [
      ['12.34', '99.97'],
      ['99.89', '99.89'],
      ['0.01', '99.91'],
      ['50', '99.83'],
    ].reduce(
      (sum, [s, m]) =>
        sum.add(Rational.of(25).mul(Rational.fromDecimal(s)).div(Rational.fromDecimal(m))),
      Rational.ZERO,
    );
    expect(sheetTotal(coprime, sheet).equals(reference)).toBe(true);
  });

  it('equals Σ weight·s/maxScore computed with fractions, for any criteria and scores', () => {
    const criterion = fc
      .record({ steps: fc.integer({ min: 1, max: 400 }), step: fc.integer({ min: 1, max: 100 }) })
      .map(({ steps, step }) => ({ step, maxScore: steps * step }));
    fc.assert(
      fc.property(
        fc.array(criterion, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (specs, rawWeights, fractions) => {
          const weights = specs.map((_, i) => rawWeights[i] % 40);
          weights[0] += 100 - weights.reduce((a, b) => a + b, 0);
          if (weights[0] < 0) return;
          const criteria = specs.map((s, i) => ({
            key: `k${i}`,
            weight: weights[i],
            maxScore: s.maxScore / 100,
            step: s.step / 100,
          }));
          const p = prepareCriteria(criteria);
          const sheet = specs.map((s, i) => ({
            criterionKey: `k${i}`,
            value: (Math.floor((fractions[i] * s.maxScore) / s.step) * s.step) / 100,
          }));
          const reference = sheet.reduce(
            (sum, { value }, i) =>
              sum.add(
                Rational.of(weights[i])
                  .mul(Rational.fromDecimal(value))
                  .div(Rational.fromDecimal(criteria[i].maxScore)),
              ),
            Rational.ZERO,
          );
          const total = sheetTotal(p, sheet);
          expect(total.equals(reference)).toBe(true);
          expect(total.compare(Rational.ZERO)).toBeGreaterThanOrEqual(0);
          expect(total.compare(Rational.of(100))).toBeLessThanOrEqual(0);
        },
      ),
    );
  });
});

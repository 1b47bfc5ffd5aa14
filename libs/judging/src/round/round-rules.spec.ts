import fc from 'fast-check';
import { prepareRound } from '@app/tabulation';
import { Aggregation, QuotaMode, RankingScope, TiePolicy } from './round-enums';
import { checkRoundSettings, RoundSettingsInput, toTabulationSettings } from './round-rules';

const base = (extra: Partial<RoundSettingsInput> = {}): RoundSettingsInput => ({
  name: '初评',
  criteria: [
    { key: 'design', name: '设计', weight: 60, maxScore: 10, step: 0.5 },
    { key: 'craft', name: '工艺', weight: 40, maxScore: '100', step: '0.25' },
  ],
  judgesPerEntry: 3,
  aggregation: Aggregation.MEAN,
  rankingScope: RankingScope.ROUND,
  ...extra,
});

const reasons = (input: RoundSettingsInput) => {
  const result = checkRoundSettings(input);
  return result.ok ? [] : result.problems.map((p) => p.reason);
};

describe('checkRoundSettings', () => {
  it('fills the rules’ defaults and keeps decimals exact, in hundredths', () => {
    const result = checkRoundSettings(base());
    expect(result).toEqual({
      ok: true,
      settings: expect.objectContaining({
        minSheets: 3,
        trimCount: 1,
        tiePolicy: TiePolicy.INCLUDE_TIES,
        blind: false,
        tieBreakCriteria: [],
        awardTiers: [],
        advancement: null,
      }),
    });
    if (!result.ok) return;
    expect(result.settings.criteria.map((c) => [c.maxScoreHundredths, c.stepHundredths])).toEqual([
      [1000, 50],
      [10000, 25],
    ]);
  });

  it('reads a Float as its shortest decimal: 0.1 + 0.2 is not 0.3, and is refused', () => {
    expect(
      reasons(
        base({ criteria: [{ key: 'a', name: 'A', weight: 100, maxScore: 10, step: 0.1 + 0.2 }] }),
      ),
    ).toEqual(['INVALID_STEP']);
    expect(
      reasons(base({ criteria: [{ key: 'a', name: 'A', weight: 100, maxScore: 0.3, step: 0.1 }] })),
    ).toEqual([]);
  });

  it('checks every tier and the advancement quota by their mode; MIN_SCORE may be negative only for ZSCORE', () => {
    const tier = (mode: QuotaMode, value: number) => [
      { key: 'gold', name: '金', quota: { mode, value } },
    ];
    expect(reasons(base({ awardTiers: tier(QuotaMode.MIN_SCORE, -1) }))).toEqual(['INVALID_QUOTA']);
    expect(
      reasons(base({ aggregation: Aggregation.ZSCORE, awardTiers: tier(QuotaMode.MIN_SCORE, -1) })),
    ).toEqual([]);
    expect(reasons(base({ awardTiers: tier(QuotaMode.COUNT, 0) }))).toEqual(['INVALID_QUOTA']);
    expect(reasons(base({ advancement: { mode: QuotaMode.PERCENT, value: 100.5 } }))).toEqual([
      'INVALID_QUOTA',
    ]);
  });

  it('whatever it accepts, the tabulation accepts too (property)', () => {
    const criterion = fc.record({
      maxSteps: fc.integer({ min: 1, max: 400 }),
      stepHundredths: fc.integer({ min: 1, max: 500 }),
    });
    fc.assert(
      fc.property(
        fc.array(criterion, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom(...Object.values(Aggregation)),
        fc.constantFrom(...Object.values(QuotaMode)),
        (shapes, judges, aggregation, mode) => {
          // weights: all but the last 100 / n, the last what is left
          const share = Math.floor(100 / shapes.length);
          const criteria = shapes.map((shape, i) => ({
            key: `c${i}`,
            name: `C${i}`,
            weight: i === shapes.length - 1 ? 100 - share * (shapes.length - 1) : share,
            step: shape.stepHundredths / 100,
            maxScore: (shape.stepHundredths * shape.maxSteps) / 100,
          }));
          const value = mode === QuotaMode.COUNT ? 3 : 10;
          const result = checkRoundSettings(
            base({
              criteria,
              judgesPerEntry: judges,
              aggregation,
              awardTiers: [{ key: 'gold', name: '金', quota: { mode, value } }],
              tieBreakCriteria: ['c0'],
            }),
          );
          // A double like 0.07 * 3 may not read back as a 2-decimal number: then it is refused.
          if (!result.ok) {
            return result.problems.every((p) => p.reason === 'INVALID_MAX_SCORE');
          }
          expect(() => prepareRound(toTabulationSettings(result.settings))).not.toThrow();
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});

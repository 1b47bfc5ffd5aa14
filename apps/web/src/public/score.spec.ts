import { formatScore } from './score';

describe('public results: a published score as reported', () => {
  it('shows the reported decimals, trailing zeros dropped', () => {
    expect(formatScore(81.5)).toBe('81.5');
    expect(formatScore(80)).toBe('80');
    expect(formatScore(60.063)).toBe('60.063');
    expect(formatScore(1234.567)).toBe('1234.567');
  });

  it('shows a ZSCORE aggregate with its four decimals, and no "-0" or exponent', () => {
    expect(formatScore(-0.4321)).toBe('-0.4321');
    expect(formatScore(0.0001)).toBe('0.0001');
    expect(formatScore(-0)).toBe('0');
    expect(formatScore(-0.00001)).toBe('0');
  });

  it('never adds binary noise of the double', () => {
    expect(formatScore(0.1 + 0.2)).toBe('0.3');
  });
});

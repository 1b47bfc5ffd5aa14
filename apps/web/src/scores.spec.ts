import {
  exactTotal,
  formatHundredths,
  formatTotal,
  fromHundredths,
  isValidScore,
  moveBySteps,
  stepsOf,
  toHundredths,
} from './scores';

const design = { key: 'design', weight: 60, maxScore: 10, step: 0.5 };
const craft = { key: 'craft', weight: 40, maxScore: 10, step: 0.5 };

describe('sheet arithmetic in hundredths', () => {
  it('reads API Floats as their decimals and writes them back', () => {
    expect(toHundredths(7.5)).toBe(750);
    expect(toHundredths(0.1)).toBe(10);
    expect(toHundredths(0.29)).toBe(29); // 0.29 * 100 is 28.999999999999996 as a double
    expect(toHundredths(10)).toBe(1000);
    expect(() => toHundredths(0.125)).toThrow(RangeError);
    expect(fromHundredths(29)).toBe(0.29);
    expect(formatHundredths(750)).toBe('7.5');
    expect(formatHundredths(5)).toBe('0.05');
    expect(formatHundredths(1000)).toBe('10');
  });

  it('allows only multiples of the step within [0, maxScore]', () => {
    expect(stepsOf(design)).toEqual({ step: 50, count: 20 });
    expect(isValidScore(design, 850)).toBe(true);
    expect(isValidScore(design, 860)).toBe(false);
    expect(isValidScore(design, 1050)).toBe(false);
    expect(moveBySteps(design, 950, 3)).toBe(1000);
    expect(moveBySteps(design, 0, -1)).toBe(0);
    expect(moveBySteps(design, 850, -1)).toBe(800);
  });

  it('computes the running total exactly, rounded half-up to 3 decimals', () => {
    expect(exactTotal([design, craft], { design: 850 })).toBeNull();
    // 60·8.5/10 + 40·7/10 = 79 (the e2e test's sheet)
    expect(formatTotal(exactTotal([design, craft], { design: 850, craft: 700 })!)).toBe('79');
    const thirds = [
      { key: 'a', weight: 50, maxScore: 3, step: 1 },
      { key: 'b', weight: 50, maxScore: 3, step: 1 },
    ];
    // 50·1/3 + 50·1/3 = 33.333…; 50·2/3 + 50·0 = 33.333…; 50·1/3 + 50·2/3 = 50
    expect(formatTotal(exactTotal(thirds, { a: 100, b: 100 })!)).toBe('33.333');
    expect(formatTotal(exactTotal(thirds, { a: 200, b: 0 })!)).toBe('33.333');
    expect(formatTotal(exactTotal(thirds, { a: 100, b: 200 })!)).toBe('50');
    // Half-up at the third decimal, on the exact value:
    const eighths = [
      { key: 'x', weight: 50, maxScore: 8, step: 0.01 },
      { key: 'y', weight: 50, maxScore: 8, step: 0.01 },
    ];
    // 50·0.01/8 = 0.0625 → 0.063 (half away from zero on the exact value)
    expect(formatTotal(exactTotal(eighths, { x: 1, y: 0 })!)).toBe('0.063');
  });
});

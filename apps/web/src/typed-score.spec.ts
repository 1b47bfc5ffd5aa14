import { isTypeable, presetsOf, readTyped } from './typed-score';

const halves = { key: 'design', weight: 30, maxScore: 10, step: 0.5 };
const tenths = { key: 'material', weight: 20, maxScore: 10, step: 0.1 };
const fiveHalves = { key: 'idea', weight: 20, maxScore: 5, step: 0.5 };
const quarters = { key: 'finish', weight: 10, maxScore: 1, step: 0.25 };

describe('a typed score', () => {
  it('accepts digits and one decimal separator only', () => {
    for (const text of ['', '8', '8.', '8.5', '8,5', '.5', '10.00']) {
      expect(isTypeable(text)).toBe(true);
    }
    for (const text of ['a', '8..5', '8.5.', '-1', '1e3', '8 5', '12345678']) {
      expect(isTypeable(text)).toBe(false);
    }
  });

  it('is read exactly, held to the step and the maximum as it is typed', () => {
    expect(readTyped(halves, '')).toEqual({ kind: 'empty' });
    expect(readTyped(halves, '.')).toEqual({ kind: 'empty' });
    expect(readTyped(halves, '8')).toEqual({ kind: 'ok', hundredths: 800 });
    expect(readTyped(halves, '8.')).toEqual({ kind: 'ok', hundredths: 800 });
    expect(readTyped(halves, '8.5')).toEqual({ kind: 'ok', hundredths: 850 });
    expect(readTyped(halves, '8,5')).toEqual({ kind: 'ok', hundredths: 850 });
    expect(readTyped(halves, '08.500')).toEqual({ kind: 'ok', hundredths: 850 });
    expect(readTyped(halves, '8.3')).toEqual({ kind: 'offStep' });
    expect(readTyped(halves, '8.501')).toEqual({ kind: 'offStep' });
    expect(readTyped(halves, '10.5')).toEqual({ kind: 'aboveMax' });
    expect(readTyped(halves, '11')).toEqual({ kind: 'aboveMax' });
    // 0.29 * 100 is 28.999999999999996 as a double; read as a decimal it is 29 hundredths.
    expect(readTyped({ ...tenths, step: 0.01 }, '0.29')).toEqual({ kind: 'ok', hundredths: 29 });
    expect(readTyped(tenths, '7.3')).toEqual({ kind: 'ok', hundredths: 730 });
    expect(readTyped(tenths, '7.35')).toEqual({ kind: 'offStep' });
    expect(readTyped(quarters, '.75')).toEqual({ kind: 'ok', hundredths: 75 });
  });

  it('has presets from 60 % to 100 % of the maximum, each on the step', () => {
    expect(presetsOf(halves)).toEqual([600, 700, 800, 900, 1000]);
    expect(presetsOf(tenths)).toEqual([600, 700, 800, 900, 1000]);
    expect(presetsOf(fiveHalves)).toEqual([300, 350, 400, 450, 500]);
    // 0.6 and 0.7 fall to 0.5 on a step of 0.25, 0.8 and 0.9 to 0.75: repeats are dropped.
    expect(presetsOf(quarters)).toEqual([50, 75, 100]);
    expect(presetsOf({ ...halves, maxScore: 100, step: 1 })).toEqual([
      6000, 7000, 8000, 9000, 10000,
    ]);
  });
});

import fc from 'fast-check';
import { parseHundredths } from './decimal';
import { TabulationInputError } from './errors';

/** h/100 written as a decimal by string operations only. */
function decimalText(h: number): string {
  const sign = h < 0 ? '-' : '';
  const digits = String(Math.abs(h)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

describe('parseHundredths', () => {
  it.each<[string | number, number]>([
    ['7.5', 750],
    [7.5, 750],
    [0.1, 10],
    ['0.10', 10],
    ['07.50', 750],
    ['-1.25', -125],
    [100, 10000],
    ['100', 10000],
    [-0, 0],
    ['-0', 0],
    [0.07, 7],
    [1.15, 115], // 1.15 is 1.149999… in binary; its decimal form is what counts
    [999999999.99, 99999999999],
  ])('%p is %p hundredths', (value, hundredths) => {
    expect(parseHundredths(value, 'x')).toBe(hundredths);
  });

  it.each<[unknown]>([
    ['7.555'],
    [7.555],
    [0.1 + 0.2], // 0.30000000000000004
    ['1e2'],
    [1e-7], // String(1e-7) is "1e-7"
    ['.5'],
    ['5.'],
    [''],
    ['-'],
    [' 7'],
    ['7 '],
    ['+7'],
    ['7,5'],
    [NaN],
    [Infinity],
    [1e21],
    [1e9],
    ['1000000000'],
    [null],
    [undefined],
  ])('refuses %p', (value) => {
    expect(() => parseHundredths(value as string, 'x')).toThrow(TabulationInputError);
  });

  it('names the reason it is given', () => {
    expect(() => parseHundredths('1.234', 'design', 'SCORE_OUT_OF_RANGE')).toThrow(
      expect.objectContaining({ reason: 'SCORE_OUT_OF_RANGE', code: 'BAD_USER_INPUT' }),
    );
  });

  it('reads every 2-decimal value, as a string or as the double of that string', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }), (h) => {
        const text = decimalText(h);
        expect(parseHundredths(text, 'x')).toBe(h === 0 ? 0 : h);
        expect(parseHundredths(Number(text), 'x')).toBe(h === 0 ? 0 : h);
      }),
    );
  });

  it('reads a double exactly as its shortest decimal form (the number fast path agrees)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e9, max: 1e9, noNaN: true }),
          fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }).map((h) => h / 100),
          fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }).map((h) => h / 1000),
        ),
        (x) => {
          let viaString: number | string;
          let viaNumber: number | string;
          try {
            viaString = parseHundredths(String(x), 'x');
          } catch {
            viaString = 'refused';
          }
          try {
            viaNumber = parseHundredths(x, 'x');
          } catch {
            viaNumber = 'refused';
          }
          expect(viaNumber).toBe(viaString);
        },
      ),
    );
  });
});

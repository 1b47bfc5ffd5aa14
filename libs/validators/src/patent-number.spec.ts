import fc from 'fast-check';
import {
  PATENT_TYPE_DIGITS,
  isValidPatentNumber,
  normalisePatentNumber,
  patentCheckCharacter,
  patentNumberProblem,
} from './patent-number';

const digit = fc.constantFrom(...'0123456789'.split(''));
const digits = (length: number) => fc.string({ unit: digit, minLength: length, maxLength: length });
const typeDigit = fc.constantFrom(...PATENT_TYPE_DIGITS.split(''));

/** 12-digit application numbers with a valid year and type digit. */
const modernDigits = fc
  .tuple(fc.integer({ min: 1985, max: 2099 }), typeDigit, digits(7))
  .map(([year, type, serial]) => `${year}${type}${serial}`);
/** 8-digit (pre-October-2003) application numbers with a valid type digit. */
const legacyDigits = fc
  .tuple(digits(2), typeDigit, digits(5))
  .map(([year, type, serial]) => `${year}${type}${serial}`);
const validDigits = fc.oneof(modernDigits, legacyDigits);

const withCheck = (d: string): string => `ZL${d}.${patentCheckCharacter(d)}`;
const validNumber = validDigits.map(withCheck);

/** Patent numbers published in public material (plus the two examples from the brief). */
const REAL_NUMBERS: ReadonlyArray<string> = [
  'ZL201310123456.2',
  'ZL98123456.9',
  'ZL95115608.X',
  'ZL97101765.4',
  'ZL88201465.X',
  'ZL202010566088.9',
  'ZL201510958772.0',
  'ZL200510096239.4',
  'ZL202322865413.3',
  'ZL201811564288.X',
  'ZL201010613264.6',
  'ZL201620161392.4',
  'ZL202110377287.X',
  'ZL202510010203.7',
  'ZL202510942578.7',
];

describe('patentCheckCharacter', () => {
  it('computes the examples', () => {
    // 2·2+0·3+1·4+3·5+1·6+0·7+1·8+2·9+3·2+4·3+5·4+6·5 = 123; 123 mod 11 = 2
    expect(patentCheckCharacter('201310123456')).toBe('2');
    // 9·2+8·3+1·4+2·5+3·6+4·7+5·8+6·9 = 196; 196 mod 11 = 9
    expect(patentCheckCharacter('98123456')).toBe('9');
    // published worked example: 9·2+5·3+1·4+1·5+5·6+6·7+0·8+8·9 = 186; 186 mod 11 = 10 → X
    expect(patentCheckCharacter('95115608')).toBe('X');
    // published worked example for the 12-digit form: 201710601862.3
    expect(patentCheckCharacter('201710601862')).toBe('3');
  });

  it('writes a remainder of 0 as "0"', () => {
    expect(patentCheckCharacter('00000000')).toBe('0');
    expect(patentCheckCharacter('000000000000')).toBe('0');
  });

  it.each([
    '',
    '1234567',
    '123456789',
    '12345678901',
    '1234567890123',
    '2013101234５6',
    '9812345X',
  ])('rejects %j', (input) => {
    expect(() => patentCheckCharacter(input)).toThrow(RangeError);
  });

  it('always returns a digit or X', () => {
    fc.assert(
      fc.property(fc.oneof(digits(8), digits(12)), (d) => {
        expect(patentCheckCharacter(d)).toMatch(/^[0-9X]$/);
      }),
    );
  });
});

describe('normalisePatentNumber', () => {
  it.each([
    ['ZL201310123456.2', 'ZL201310123456.2'],
    ['  zl201310123456.2 ', 'ZL201310123456.2'],
    ['ZL 2016 2 0161392.4', 'ZL201620161392.4'],
    ['ZL2015 1 0958772.0', 'ZL201510958772.0'],
    ['ZL201310123456．2', 'ZL201310123456.2'],
    ['ZL201310123456。2', 'ZL201310123456.2'],
    ['ＺＬ２０１３１０１２３４５６．２', 'ZL201310123456.2'],
    ['zl201811564288.x', 'ZL201811564288.X'],
    ['201310123456.2', 'ZL201310123456.2'],
    ['98123456.9', 'ZL98123456.9'],
    ['zL\u300098123456.9', 'ZL98123456.9'],
  ])('%j → %j', (input, expected) => {
    expect(normalisePatentNumber(input)).toBe(expected);
  });

  it('does not invent a prefix or a dot for input it cannot read', () => {
    expect(normalisePatentNumber('2013101234562')).toBe('2013101234562');
    expect(normalisePatentNumber('CN201310123456.2')).toBe('CN201310123456.2');
    expect(normalisePatentNumber('20131012345.2')).toBe('20131012345.2');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normalisePatentNumber(normalisePatentNumber(s))).toBe(normalisePatentNumber(s));
      }),
    );
  });

  it('recovers any valid number from spaced, lower-case, prefix-less or full-width spellings', () => {
    const toFullWidth = (s: string) =>
      s.replace(/[0-9A-Za-z.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(
        validNumber,
        fc.constantFrom<(s: string) => string>(
          (s) => s.toLowerCase(),
          (s) => ` ${s.slice(0, 2)} ${s.slice(2, 6)} ${s.slice(6)} `,
          (s) => s.slice(2),
          (s) => s.replace('.', '．'),
          (s) => s.replace('.', '。'),
          toFullWidth,
        ),
        (n, spell) => {
          expect(normalisePatentNumber(spell(n))).toBe(n);
        },
      ),
    );
  });
});

describe('patentNumberProblem / isValidPatentNumber', () => {
  it.each(REAL_NUMBERS)('accepts %s', (n) => {
    expect(patentNumberProblem(n)).toBeNull();
    expect(isValidPatentNumber(n)).toBe(true);
  });

  it.each([
    ['', 'FORMAT'],
    ['201310123456.2', 'FORMAT'],
    ['zl201310123456.2', 'FORMAT'],
    ['ZL 201310123456.2', 'FORMAT'],
    ['ZL2013101234562', 'FORMAT'],
    ['ZL201310123456．2', 'FORMAT'],
    ['ZL20131012345.2', 'FORMAT'],
    ['ZL2013101234567.2', 'FORMAT'],
    ['ZL201310123456.x', 'FORMAT'],
    ['ZL201310123456.Y', 'FORMAT'],
    ['ZL201310123456.22', 'FORMAT'],
    ['CN201310123456.2', 'FORMAT'],
    ['ZL201310123456.3', 'CHECK_CHARACTER'],
    ['ZL201310123456.X', 'CHECK_CHARACTER'],
    ['ZL98123456.X', 'CHECK_CHARACTER'],
    // the made-up "123456.7" numbers that appear on demo pages fail the check
    ['ZL202310123456.7', 'CHECK_CHARACTER'],
  ] as const)('%j → %s', (n, problem) => {
    expect(patentNumberProblem(n)).toBe(problem);
    expect(isValidPatentNumber(n)).toBe(false);
  });

  it.each(['1984', '1900', '0000', '2100', '9999'])(
    'reports YEAR for year %s in the 12-digit form',
    (year) => {
      expect(patentNumberProblem(withCheck(`${year}10123456`))).toBe('YEAR');
    },
  );

  it.each(['1985', '2003', '2099'])('accepts year %s in the 12-digit form', (year) => {
    expect(patentNumberProblem(withCheck(`${year}10123456`))).toBeNull();
  });

  it.each(['0', '4', '5', '6', '7'])('reports PATENT_TYPE for type digit %s', (type) => {
    expect(patentNumberProblem(withCheck(`2013${type}0123456`))).toBe('PATENT_TYPE');
    expect(patentNumberProblem(withCheck(`98${type}23456`))).toBe('PATENT_TYPE');
  });

  it.each(PATENT_TYPE_DIGITS.split(''))('accepts type digit %s in both forms', (type) => {
    expect(patentNumberProblem(withCheck(`2013${type}0123456`))).toBeNull();
    expect(patentNumberProblem(withCheck(`98${type}23456`))).toBeNull();
  });

  it('accepts every number built with the computed check character', () => {
    fc.assert(
      fc.property(validDigits, (d) => {
        expect(patentNumberProblem(withCheck(d))).toBeNull();
      }),
    );
  });

  it('detects any single-digit change', () => {
    fc.assert(
      fc.property(
        validNumber,
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (n, rawPosition, shift) => {
          const digitCount = n.indexOf('.') - 2;
          const position = 2 + (rawPosition % digitCount);
          const replacement = String((Number(n.charAt(position)) + shift) % 10);
          const changed = n.slice(0, position) + replacement + n.slice(position + 1);
          expect(isValidPatentNumber(changed)).toBe(false);
        },
      ),
    );
  });

  it('detects any swap of two different adjacent digits', () => {
    fc.assert(
      fc.property(validNumber, fc.nat(), (n, rawPosition) => {
        const digitCount = n.indexOf('.') - 2;
        const i = 2 + (rawPosition % (digitCount - 1));
        fc.pre(n.charAt(i) !== n.charAt(i + 1));
        const swapped = n.slice(0, i) + n.charAt(i + 1) + n.charAt(i) + n.slice(i + 2);
        expect(isValidPatentNumber(swapped)).toBe(false);
      }),
    );
  });

  it('reports CHECK_CHARACTER when only the check character is replaced', () => {
    fc.assert(
      fc.property(validNumber, fc.constantFrom(...'0123456789X'.split('')), (n, replacement) => {
        fc.pre(replacement !== n.charAt(n.length - 1));
        expect(patentNumberProblem(n.slice(0, -1) + replacement)).toBe('CHECK_CHARACTER');
      }),
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(() => patentNumberProblem(s)).not.toThrow();
        expect(isValidPatentNumber(s)).toBe(patentNumberProblem(s) === null);
      }),
    );
  });
});

import fc from 'fast-check';
import {
  GUANGXI_CITIES,
  PROVINCE_LEVEL_PREFIXES,
  isValidRegionCode,
  provinceOf,
} from './region-code';

const digits = (length: number) =>
  fc.string({
    unit: fc.constantFrom(...'0123456789'.split('')),
    minLength: length,
    maxLength: length,
  });
const provincePrefix = fc.constantFrom(...PROVINCE_LEVEL_PREFIXES);
const validRegion = fc.tuple(provincePrefix, digits(4)).map(([p, rest]) => p + rest);

describe('PROVINCE_LEVEL_PREFIXES', () => {
  it('lists the 34 province-level divisions', () => {
    expect(PROVINCE_LEVEL_PREFIXES).toHaveLength(34);
    expect(new Set(PROVINCE_LEVEL_PREFIXES).size).toBe(34);
    expect(PROVINCE_LEVEL_PREFIXES).toEqual(
      expect.arrayContaining(['11', '45', '65', '71', '81', '82']),
    );
    expect(Object.isFrozen(PROVINCE_LEVEL_PREFIXES)).toBe(true);
  });
});

describe('isValidRegionCode', () => {
  it.each([
    '110000',
    '110101',
    '450000',
    '450100',
    '451400',
    '650100',
    '710000',
    '810000',
    '820000',
  ])('accepts %s', (code) => {
    expect(isValidRegionCode(code)).toBe(true);
  });

  it.each([
    '',
    '000000',
    '100000',
    '160000',
    '200000',
    '390000',
    '470000',
    '550000',
    '660000',
    '720000',
    '830000',
    '990000',
    '45010',
    '4501000',
    ' 450100',
    '450100 ',
    '45 100',
    '４５０１００',
    '45010a',
    'abcdef',
    '-45010',
    '4.5e10',
  ])('rejects %j', (code) => {
    expect(isValidRegionCode(code)).toBe(false);
  });

  it('accepts every province prefix followed by any four digits', () => {
    fc.assert(
      fc.property(validRegion, (code) => {
        expect(isValidRegionCode(code)).toBe(true);
      }),
    );
  });

  it('rejects six digits whose prefix is not a province-level code', () => {
    fc.assert(
      fc.property(digits(2), digits(4), (prefix, rest) => {
        fc.pre(!PROVINCE_LEVEL_PREFIXES.includes(prefix));
        expect(isValidRegionCode(prefix + rest)).toBe(false);
      }),
    );
  });

  it('rejects anything that is not six ASCII digits', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        fc.pre(!/^[0-9]{6}$/.test(s));
        expect(isValidRegionCode(s)).toBe(false);
      }),
    );
  });
});

describe('provinceOf', () => {
  it.each([
    ['450103', '450000'],
    ['451400', '450000'],
    ['110000', '110000'],
    ['820001', '820000'],
  ])('%s → %s', (code, province) => {
    expect(provinceOf(code)).toBe(province);
  });

  it.each(['', '000000', '990101', '45010', 'abcdef'])('throws for %j', (code) => {
    expect(() => provinceOf(code)).toThrow(RangeError);
  });

  it('keeps the first two digits, is itself a valid code and is idempotent', () => {
    fc.assert(
      fc.property(validRegion, (code) => {
        const province = provinceOf(code);
        expect(province).toBe(`${code.slice(0, 2)}0000`);
        expect(isValidRegionCode(province)).toBe(true);
        expect(provinceOf(province)).toBe(province);
      }),
    );
  });
});

describe('GUANGXI_CITIES', () => {
  it('lists the 14 prefecture-level cities of Guangxi in code order', () => {
    expect(GUANGXI_CITIES.map((c) => `${c.code} ${c.name}`)).toEqual([
      '450100 南宁市',
      '450200 柳州市',
      '450300 桂林市',
      '450400 梧州市',
      '450500 北海市',
      '450600 防城港市',
      '450700 钦州市',
      '450800 贵港市',
      '450900 玉林市',
      '451000 百色市',
      '451100 贺州市',
      '451200 河池市',
      '451300 来宾市',
      '451400 崇左市',
    ]);
  });

  it('has valid, unique codes in Guangxi (450000) at prefecture level', () => {
    for (const city of GUANGXI_CITIES) {
      expect(isValidRegionCode(city.code)).toBe(true);
      expect(provinceOf(city.code)).toBe('450000');
      expect(city.code).toMatch(/^45[0-9]{2}00$/);
      expect(city.code).not.toBe('450000');
    }
    expect(new Set(GUANGXI_CITIES.map((c) => c.code)).size).toBe(GUANGXI_CITIES.length);
  });

  it('cannot be modified', () => {
    expect(Object.isFrozen(GUANGXI_CITIES)).toBe(true);
    expect(GUANGXI_CITIES.every((c) => Object.isFrozen(c))).toBe(true);
  });
});

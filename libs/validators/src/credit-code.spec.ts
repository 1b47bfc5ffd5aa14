import fc from 'fast-check';
import {
  CREDIT_CODE_ALPHABET,
  CREDIT_CODE_AUTHORITIES,
  completeCreditCode,
  creditCodeCheckCharacter,
  creditCodeProblem,
  isValidCreditCode,
  normaliseCreditCode,
  organisationCodeCheckCharacter,
} from './credit-code';
import { PROVINCE_LEVEL_PREFIXES } from './region-code';

const alphabetChar = fc.constantFrom(...CREDIT_CODE_ALPHABET.split(''));
const alphabetString = (length: number) =>
  fc.string({ unit: alphabetChar, minLength: length, maxLength: length });
const digitString = (length: number) =>
  fc.string({
    unit: fc.constantFrom(...'0123456789'.split('')),
    minLength: length,
    maxLength: length,
  });

/** First 16 characters of a structurally valid code: authority, type, region, org code body. */
const validFirst16 = fc
  .tuple(
    fc.constantFrom(...CREDIT_CODE_AUTHORITIES.split('')),
    alphabetChar,
    fc.oneof(
      fc.tuple(fc.constantFrom(...PROVINCE_LEVEL_PREFIXES), digitString(4)).map(([p, d]) => p + d),
      fc.constant('100000'),
    ),
    alphabetString(8),
  )
  .map(([authority, type, region, body]) => authority + type + region + body);

const validCode = validFirst16.map(completeCreditCode);

/** Codes published in public material; each passes both the GB 11714 and the GB 32100 check. */
const REAL_CODES: ReadonlyArray<[string, string]> = [
  ['91350100M000100Y43', 'example on the Wikipedia page "Unified Social Credit Identifier"'],
  ['914403001922038216', 'Huawei Technologies Co., Ltd.'],
  ['91440300708461136T', 'Shenzhen Tencent Computer Systems Co., Ltd.'],
  ['12100000470095016Q', '浙江大学 (national-level registration, region 100000)'],
  ['12100000425006117P', '复旦大学'],
  ['12310000425022547M', '上海工程技术大学'],
  ['11410182005291054B', '荥阳市司法局'],
  ['11140800558745220K', '晋中市文化和旅游局'],
  ['51310110501144395U', 'social organisation registered in 杨浦区'],
  ['53100000500019795A', 'foundation registered with the Ministry of Civil Affairs'],
  ['91140106713678575D', 'company in 太原'],
  ['91440300MA5H0HLK5U', 'company in 深圳 (MA-series organisation code)'],
  ['91133100MA0D8N1J7G', 'company in 雄安新区'],
  ['91320891MAKML1457M', 'company in 淮安'],
  ['91130203MA7EEQ2N0T', 'company in 唐山'],
  ['92340111MAD2LARQ9N', 'individual business (个体工商户) in 合肥'],
  ['92350603MADUMPGH7P', 'individual business in 漳州'],
  ['92440300MAKHNTQ68D', 'individual business in 深圳'],
];

describe('normaliseCreditCode', () => {
  it('trims and upper-cases', () => {
    expect(normaliseCreditCode('  91350100m000100y43\t\n')).toBe('91350100M000100Y43');
  });

  it('makes no other changes (inner spaces and look-alike letters are kept)', () => {
    expect(normaliseCreditCode(' 9135 0100 ')).toBe('9135 0100');
    expect(normaliseCreditCode('o1i')).toBe('O1I');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normaliseCreditCode(normaliseCreditCode(s))).toBe(normaliseCreditCode(s));
      }),
    );
  });

  it('turns a lower-case valid code with surrounding whitespace back into a valid code', () => {
    fc.assert(
      fc.property(validCode, fc.constantFrom('', ' ', '\t', '\n', '  '), (code, pad) => {
        expect(isValidCreditCode(normaliseCreditCode(pad + code.toLowerCase() + pad))).toBe(true);
      }),
    );
  });
});

describe('creditCodeCheckCharacter', () => {
  it('computes the check character of the Wikipedia example', () => {
    // values 9,1,3,5,0,1,0,0,M=21,0,0,0,1,0,0,Y=30,4 weighted 1,3,9,…,28 sum to 1640;
    // 1640 mod 31 = 28; 31 - 28 = 3
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it.each(REAL_CODES)('reproduces the last character of %s (%s)', (code) => {
    expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it('writes a remainder of 0 as "0" and a remainder of 1 as "Y"', () => {
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
    // position 1 weighs 1, so a leading '1' followed by zeros sums to 1 → 30 → 'Y'
    expect(creditCodeCheckCharacter('10000000000000000')).toBe('Y');
  });

  it.each(['', '91350100M000100Y', '91350100M000100Y43', '91350100M000100I4', '91350100m000100Y4'])(
    'rejects %j',
    (input) => {
      expect(() => creditCodeCheckCharacter(input)).toThrow(RangeError);
    },
  );

  it('makes the 18-character sum Σ value·3^(i-1) divisible by 31, for exactly one character', () => {
    // Independent restatement of GB 32100 / GB/T 17710: weights are 3^(i-1) mod 31 for
    // positions 1–17, and position 18 has weight 1 after the check is appended.
    const weightedSum = (s: string) =>
      s
        .split('')
        .reduce(
          (sum, c, i) => sum + CREDIT_CODE_ALPHABET.indexOf(c) * Number(3n ** BigInt(i) % 31n),
          0,
        );
    fc.assert(
      fc.property(alphabetString(17), (first17) => {
        const sum = weightedSum(first17);
        const passing = CREDIT_CODE_ALPHABET.split('').filter(
          (c) => (sum + CREDIT_CODE_ALPHABET.indexOf(c)) % 31 === 0,
        );
        expect(passing).toEqual([creditCodeCheckCharacter(first17)]);
      }),
    );
  });
});

describe('organisationCodeCheckCharacter (GB 11714)', () => {
  it.each(REAL_CODES)('reproduces position 17 of %s (%s)', (code) => {
    expect(organisationCodeCheckCharacter(code.slice(8, 16))).toBe(code.charAt(16));
  });

  it('writes 10 as "X" and 11 as "0"', () => {
    // 63159284: 6·3+3·7+1·9+5·10+9·5+2·8+8·4+4·2 = 199; 199 mod 11 = 1; 11 - 1 = 10
    expect(organisationCodeCheckCharacter('63159284')).toBe('X');
    // all zeros: 11 - 0 = 11 → '0'
    expect(organisationCodeCheckCharacter('00000000')).toBe('0');
  });

  it('values letters A–Z as 10–35, including letters outside the credit-code alphabet', () => {
    // 'Z' = 35 in position 1 (weight 3): 105 mod 11 = 6, 11 - 6 = 5
    expect(organisationCodeCheckCharacter('Z0000000')).toBe('5');
    // 'A' = 10 in position 8 (weight 2): 20 mod 11 = 9, 11 - 9 = 2
    expect(organisationCodeCheckCharacter('0000000A')).toBe('2');
  });

  it.each(['', '1234567', '123456789', 'abcdefgh', '1234567-'])('rejects %j', (input) => {
    expect(() => organisationCodeCheckCharacter(input)).toThrow(RangeError);
  });
});

describe('creditCodeProblem / isValidCreditCode', () => {
  it.each(REAL_CODES)('accepts %s (%s)', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each([
    ['', 'LENGTH'],
    ['91350100M000100Y4', 'LENGTH'],
    ['91350100M000100Y433', 'LENGTH'],
    [' 91350100M000100Y43', 'LENGTH'],
    ['91350100m000100Y43', 'CHARACTERS'],
    ['91350100M000100Y4 ', 'CHARACTERS'],
    ['9135010OM000100Y43', 'CHARACTERS'],
    ['91350100M0001I0Y43', 'CHARACTERS'],
    ['91350100M000100Z43', 'CHARACTERS'],
    ['91350100M000100S43', 'CHARACTERS'],
    ['91350100M000100V43', 'CHARACTERS'],
    ['９1350100M000100Y43', 'CHARACTERS'],
    ['91350100M000100Y44', 'CHECK_CHARACTER'],
    ['91350100M000100Y4Y', 'CHECK_CHARACTER'],
  ] as const)('%j → %s', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
    expect(isValidCreditCode(code)).toBe(false);
  });

  it.each(['0', 'B', 'C', 'X', 'M'])(
    'reports AUTHORITY for authority %s even when both checks are right',
    (authority) => {
      const code = completeCreditCode(`${authority}1350100M000100Y`);
      expect(creditCodeProblem(code)).toBe('AUTHORITY');
    },
  );

  it.each(CREDIT_CODE_AUTHORITIES.split(''))('accepts authority %s', (authority) => {
    expect(creditCodeProblem(completeCreditCode(`${authority}1350100M000100Y`))).toBeNull();
  });

  it.each(['A50100', '35010X', '000000', '990000', '160000', '100100', '090000'])(
    'reports REGION for region %s even when both checks are right',
    (region) => {
      const code = completeCreditCode(`91${region}M000100Y`);
      expect(creditCodeProblem(code)).toBe('REGION');
    },
  );

  it('accepts the national region 100000', () => {
    expect(creditCodeProblem(completeCreditCode('12100000M000100Y'))).toBeNull();
  });

  it('reports ORGANISATION_CODE_CHECK when position 17 is wrong but position 18 matches it', () => {
    const first17 = '91350100M000100Y5'; // the right organisation check character is 4
    const code = first17 + creditCodeCheckCharacter(first17);
    expect(creditCodeProblem(code)).toBe('ORGANISATION_CODE_CHECK');
    expect(isValidCreditCode(code)).toBe(false);
  });

  it('rejects codes quoted in a forum as issued in Fujian that fail the GB 32100 check', () => {
    // https://codeshelper.com/article/12945.html — both have a correct GB 11714 part,
    // but position 18 does not match (the computed characters are R and 1).
    expect(creditCodeProblem('91350211M0000XUF46')).toBe('CHECK_CHARACTER');
    expect(creditCodeProblem('91350100M0001TGQXM')).toBe('CHECK_CHARACTER');
  });

  it('accepts every completed structurally valid code', () => {
    fc.assert(
      fc.property(validFirst16, (first16) => {
        const code = completeCreditCode(first16);
        expect(code.startsWith(first16)).toBe(true);
        expect(creditCodeProblem(code)).toBeNull();
      }),
    );
  });

  it('rejects a valid code with any single character changed to another alphabet character', () => {
    fc.assert(
      fc.property(
        validCode,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (code, position, shift) => {
          const original = CREDIT_CODE_ALPHABET.indexOf(code.charAt(position));
          const replacement = CREDIT_CODE_ALPHABET.charAt((original + shift) % 31);
          const changed = code.slice(0, position) + replacement + code.slice(position + 1);
          expect(changed).not.toBe(code);
          expect(isValidCreditCode(changed)).toBe(false);
        },
      ),
    );
  });

  it('reports CHECK_CHARACTER when only the check character is replaced', () => {
    fc.assert(
      fc.property(validCode, alphabetChar, (code, replacement) => {
        fc.pre(replacement !== code.charAt(17));
        expect(creditCodeProblem(code.slice(0, 17) + replacement)).toBe('CHECK_CHARACTER');
      }),
    );
  });

  it('rejects a valid code with two different characters among positions 1–17 swapped', () => {
    // 3 is a primitive root mod 31, so weights 3^i never repeat within 17 positions.
    fc.assert(
      fc.property(
        validCode,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 0, max: 16 }),
        (code, i, j) => {
          fc.pre(i < j && code.charAt(i) !== code.charAt(j));
          const chars = code.split('');
          [chars[i], chars[j]] = [chars[j], chars[i]];
          expect(isValidCreditCode(chars.join(''))).toBe(false);
        },
      ),
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), alphabetString(18), fc.string({ unit: 'binary' })), (s) => {
        expect(() => creditCodeProblem(s)).not.toThrow();
        expect(isValidCreditCode(s)).toBe(creditCodeProblem(s) === null);
      }),
    );
  });
});

describe('completeCreditCode', () => {
  it('rebuilds the Wikipedia example from its first 16 characters', () => {
    expect(completeCreditCode('91350100M000100Y')).toBe('91350100M000100Y43');
  });

  it.each(['', '91350100M000100', '91350100M000100Y4', '91350100M000100I'])(
    'rejects %j',
    (input) => {
      expect(() => completeCreditCode(input)).toThrow(RangeError);
    },
  );
});

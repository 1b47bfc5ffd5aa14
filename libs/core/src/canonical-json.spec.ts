import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('writes no white space and keeps the keys in the given order', () => {
    expect(canonicalJson({ b: 1, a: [1, 2, { z: null, y: true }], c: 'x y' })).toBe(
      '{"b":1,"a":[1,2,{"z":null,"y":true}],"c":"x y"}',
    );
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson('plain')).toBe('"plain"');
  });

  it('writes numbers in their shortest JSON form', () => {
    expect(canonicalJson([1, 1.5, -0, 0.1, 1e21, 1e-7, 85.5, 100, 2 ** 53])).toBe(
      '[1,1.5,0,0.1,1e+21,1e-7,85.5,100,9007199254740992]',
    );
  });

  it('escapes strings as JSON.stringify does and leaves non-ASCII unescaped', () => {
    expect(canonicalJson({ name: '𠮷野家 工艺' })).toBe('{"name":"𠮷野家 工艺"}');
    expect(canonicalJson('a"b\\c\n\t\u0001\u2028')).toBe('"a\\"b\\\\c\\n\\t\\u0001\u2028"');
    // a lone surrogate is escaped (well-formed JSON.stringify), never written as a broken byte
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
  });

  it('refuses what JSON.stringify would drop or reshape silently', () => {
    const refused: unknown[] = [
      undefined,
      { a: undefined },
      [1, undefined],
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      NaN,
      { score: Infinity },
      -Infinity,
      () => 1,
      { f() {} },
      10n,
      Symbol('s'),
      new Date('2026-03-01T08:00:00.000Z'),
      { at: new Date() },
      new Map([['a', 1]]),
      new (class Box {
        v = 1;
      })(),
      { [Symbol('k')]: 1 },
      { toJSON: () => 'x' },
    ];
    for (const value of refused) expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('says where the offending value is', () => {
    expect(() => canonicalJson({ a: { b: [0, NaN] } })).toThrow('$.a.b[1]');
  });

  it('refuses cycles but accepts a value repeated in siblings', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { k: 'v' });
    expect(canonicalJson(bare)).toBe('{"k":"v"}');
  });

  it('is JSON.stringify for JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(JSON.stringify(value));
      }),
    );
  });

  it('is stable through a parse: canonicalJson(JSON.parse(canonicalJson(x))) === canonicalJson(x)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('never escapes a non-ASCII character outside the surrogate range', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const text = canonicalJson({ s });
        expect(text).not.toMatch(/\\u(?!00[01][0-9a-f])/);
        expect(JSON.parse(text)).toEqual({ s });
      }),
    );
  });
});

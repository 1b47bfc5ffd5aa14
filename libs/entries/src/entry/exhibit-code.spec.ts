import fc from 'fast-check';
import { exhibitCode } from './exhibit-code';

/** A random source that answers the given numbers in turn, then keeps answering the last. */
function scripted(...answers: number[]) {
  const calls: number[] = [];
  let i = 0;
  const source = (max: number) => {
    calls.push(max);
    const answer = answers[Math.min(i++, answers.length - 1)];
    if (answer < 0 || answer >= max) throw new Error(`scripted ${answer} not below ${max}`);
    return answer;
  };
  return { source, calls };
}

function seeded(seed: number) {
  let state = seed >>> 0 || 1;
  return (max: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state % max;
  };
}

function codes(prefix: string, numbers: Iterable<number>, digits = 4): Set<string> {
  return new Set([...numbers].map((n) => `${prefix}-${String(n).padStart(digits, '0')}`));
}

describe('exhibitCode', () => {
  it('formats <category code>-NNNN from the random source (1-based, zero-padded)', () => {
    expect(exhibitCode('B03', new Set(), scripted(126).source)).toBe('B03-0127');
    expect(exhibitCode('TC-01', new Set(), scripted(0).source)).toBe('TC-01-0001');
    expect(exhibitCode('TC-01', new Set(), scripted(9998).source)).toBe('TC-01-9999');
  });

  it('asks the random source for a number below 9999 (so 0000 never appears)', () => {
    const { source, calls } = scripted(5);
    exhibitCode('A', new Set(), source);
    expect(calls).toEqual([9999]);
  });

  it('draws again while the drawn code is taken, and never answers a taken code', () => {
    const { source, calls } = scripted(0, 1, 2, 3);
    const taken = codes('A', [1, 2, 3]);
    expect(exhibitCode('A', taken, source)).toBe('A-0004');
    expect(calls).toHaveLength(4);
  });

  it('is not fooled by codes of other categories that share the prefix', () => {
    const taken = new Set(['A-1-0001', 'AB-0001']);
    expect(exhibitCode('A', taken, scripted(0).source)).toBe('A-0001');
  });

  it('widens to 5 digits once 90% of the 4-digit numbers are taken, and not before', () => {
    const almost = codes('K', range(1, 8999)); // 8999 of 9999: still below 90%
    const fourDigit = exhibitCode('K', almost, seeded(7));
    expect(fourDigit).toMatch(/^K-\d{4}$/);
    expect(almost.has(fourDigit)).toBe(false);

    const nearlyFull = codes('K', range(1, 9000)); // 9000 of 9999: 90%
    const { source, calls } = scripted(41);
    expect(exhibitCode('K', nearlyFull, source)).toBe('K-00042');
    expect(calls).toEqual([99_999]);
  });

  it('widens even when every 4-digit code is taken (no endless hunt)', () => {
    const full = codes('Z9', range(1, 9999));
    const code = exhibitCode('Z9', full, seeded(3));
    expect(code).toMatch(/^Z9-\d{5}$/);
  });

  it('property: never answers a taken code, and always <code>-NNNN while 4 digits have room', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('A', 'TC-01', 'B03', 'X-Y-Z'),
        fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { maxLength: 400 }),
        fc.integer(),
        (category, numbers, seed) => {
          const taken = codes(category, numbers);
          const code = exhibitCode(category, taken, seeded(seed));
          expect(taken.has(code)).toBe(false);
          expect(code.startsWith(`${category}-`)).toBe(true);
          expect(code.slice(category.length + 1)).toMatch(/^\d{4}$/);
          expect(code).toMatch(/^[A-Z0-9-]+-\d{4}$/);
        },
      ),
    );
  });

  it('property: a run of draws with the codes fed back never repeats', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 200 }), (seed, n) => {
        const taken = new Set<string>();
        const random = seeded(seed);
        for (let i = 0; i < n; i++) taken.add(exhibitCode('C', taken, random));
        expect(taken.size).toBe(n);
      }),
      { numRuns: 50 },
    );
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

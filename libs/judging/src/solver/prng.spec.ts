import { mulberry32, panelRandom } from './prng';

const draw = (random: () => number, count = 5) => Array.from({ length: count }, random);

describe('mulberry32', () => {
  it('gives the same numbers for the same seed, in [0, 1)', () => {
    const first = draw(mulberry32(123), 1000);
    expect(draw(mulberry32(123), 1000)).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(990);
  });

  it('is pinned: a change of generator would change every assignment', () => {
    expect(mulberry32(0)()).toBeCloseTo(0.26642920868471265, 15);
  });
});

describe('panelRandom', () => {
  it('gives each panel its own stream, the same for the same seed and panel', () => {
    expect(draw(panelRandom(7, 'p1'))).toEqual(draw(panelRandom(7, 'p1')));
    expect(draw(panelRandom(7, 'p1'))).not.toEqual(draw(panelRandom(7, 'p2')));
    expect(draw(panelRandom(7, 'p1'))).not.toEqual(draw(panelRandom(8, 'p1')));
  });

  it('takes negative seeds and seeds beyond 32 bits into account', () => {
    expect(draw(panelRandom(-1, 'p'))).not.toEqual(draw(panelRandom(2 ** 32 - 1, 'p')));
    expect(draw(panelRandom(2 ** 32, 'p'))).not.toEqual(draw(panelRandom(0, 'p')));
  });
});

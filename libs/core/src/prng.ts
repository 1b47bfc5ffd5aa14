/**
 * A deterministic source of chance for whatever must come out the same on every machine: the
 * assignment's tie-breaks, the demo's scores, the benchmarks' data. No Math.random, no clock.
 */
export type Random = () => number;

/** mulberry32: 32 bits of state, uniform in [0, 1), fast; not for secrets. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

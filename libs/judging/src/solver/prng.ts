import { mulberry32, Random } from '@app/core';

/**
 * The only source of chance in the assignment: tie-breaks among equally good choices. It is a
 * pure function of the seed, so the same input and seed give the same assignment on any
 * machine (no Math.random, no clock).
 */
export { mulberry32 };
export type { Random };

/** FNV-1a over the UTF-16 code units of a string. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The generator of one panel: derived from the run's seed and the panel's id, not drawn from
 * one stream shared by all panels, so that a change in one panel (an entry more, a judge
 * less) does not reshuffle the tie-breaks of every other panel.
 */
export function panelRandom(seed: number, panelId: string): Random {
  // A safe integer may exceed 32 bits: fold the high part in rather than drop it.
  const low = seed >>> 0;
  const high = Math.floor(seed / 4294967296) >>> 0;
  let mixed = (low ^ Math.imul(high, 0x9e3779b1) ^ fnv1a(panelId)) >>> 0;
  // One round of the murmur3 finaliser, so that nearby seeds give unrelated streams.
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
  return mulberry32((mixed ^ (mixed >>> 16)) >>> 0);
}

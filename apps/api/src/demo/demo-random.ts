import { mulberry32 } from '@app/core';

/** The demo's generator (mulberry32): the demo is the same on every machine. */
export const prng = mulberry32;

/**
 * A 32-bit seed from text (FNV-1a). Scores are drawn from an entry's title and a judge's email,
 * never from ids or exhibit codes, which are random: the same demo scores on every machine.
 */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

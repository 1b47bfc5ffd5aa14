import { randomInt } from 'node:crypto';

/**
 * Letters and digits that cannot be mistaken for one another when read aloud or copied by hand
 * (no 0/o, 1/l/i): 31 of them.
 */
export const TEMPORARY_PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/**
 * A temporary password for a reset: 12 characters drawn by the CSPRNG from the alphabet above,
 * in groups of four (`k7mp-3qxa-9rtd`), about 59 bits. It is shown once to the organiser who
 * reset it and must be changed at the next sign-in; the sign-in throttle (10 attempts an email)
 * stands before any guessing.
 */
export function temporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) {
      group += TEMPORARY_PASSWORD_ALPHABET[randomInt(TEMPORARY_PASSWORD_ALPHABET.length)];
    }
    groups.push(group);
  }
  return groups.join('-');
}

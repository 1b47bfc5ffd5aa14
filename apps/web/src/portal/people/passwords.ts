/**
 * The password rules the API holds (libs/identity credential-rules: 8 to 128 characters, a new
 * one unlike the old), checked in the form first so a slip is said before a round trip.
 */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordProblem =
  'passwordTooShort' | 'passwordTooLong' | 'passwordsDiffer' | 'passwordUnchanged';

export function passwordProblem(password: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'passwordTooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'passwordTooLong';
  return null;
}

/** What is wrong with a new password typed twice, or null. */
export function newPasswordProblem(
  old: string,
  password: string,
  repeated: string,
): PasswordProblem | null {
  const problem = passwordProblem(password);
  if (problem) return problem;
  if (password !== repeated) return 'passwordsDiffer';
  if (password === old) return 'passwordUnchanged';
  return null;
}

/** Letters and digits that read unmistakably (as the server's temporary passwords). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A first password for a new account, proposed in the form (the organiser may type another):
 * 12 characters from the browser's CSPRNG, in groups of four. Drawn by rejection so that each
 * character is equally likely.
 */
export function proposedPassword(random: (bytes: Uint8Array) => void = fill): string {
  const chars: string[] = [];
  const limit = 256 - (256 % ALPHABET.length);
  while (chars.length < 12) {
    const bytes = new Uint8Array(16);
    random(bytes);
    for (const byte of bytes) {
      if (byte < limit && chars.length < 12) chars.push(ALPHABET[byte % ALPHABET.length]);
    }
  }
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

function fill(bytes: Uint8Array): void {
  globalThis.crypto.getRandomValues(bytes);
}

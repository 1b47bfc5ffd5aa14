import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/credential-rules';
import { TEMPORARY_PASSWORD_ALPHABET, temporaryPassword } from './temporary-password';

describe('temporaryPassword', () => {
  it('is three groups of four characters of the unambiguous alphabet, within the password rules', () => {
    for (let i = 0; i < 200; i++) {
      const password = temporaryPassword();
      expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      for (const char of password.replace(/-/g, '')) {
        expect(TEMPORARY_PASSWORD_ALPHABET).toContain(char);
      }
      expect(password.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
      expect(password.length).toBeLessThanOrEqual(MAX_PASSWORD_LENGTH);
    }
  });

  it('leaves out characters that read alike', () => {
    for (const char of '01ilo') expect(TEMPORARY_PASSWORD_ALPHABET).not.toContain(char);
    expect(new Set(TEMPORARY_PASSWORD_ALPHABET).size).toBe(TEMPORARY_PASSWORD_ALPHABET.length);
  });

  it('is drawn afresh each time (no two of 1,000 alike)', () => {
    const drawn = new Set(Array.from({ length: 1000 }, () => temporaryPassword()));
    expect(drawn.size).toBe(1000);
  });
});

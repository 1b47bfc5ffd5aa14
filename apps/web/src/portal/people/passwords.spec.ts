import { newPasswordProblem, passwordProblem, proposedPassword } from './passwords';

describe('passwords in the web app', () => {
  it('holds the API rules: 8 to 128 characters, repeated alike, unlike the old one', () => {
    expect(passwordProblem('short')).toBe('passwordTooShort');
    expect(passwordProblem('𠮷'.repeat(7))).toBe('passwordTooShort');
    expect(passwordProblem('x'.repeat(129))).toBe('passwordTooLong');
    expect(passwordProblem('long enough')).toBeNull();
    expect(newPasswordProblem('old one!', 'new one!', 'new one?')).toBe('passwordsDiffer');
    expect(newPasswordProblem('same one', 'same one', 'same one')).toBe('passwordUnchanged');
    expect(newPasswordProblem('old one!', 'new one!', 'new one!')).toBeNull();
  });

  it('proposes 12 unmistakable characters in groups of four, each character alike likely', () => {
    for (let i = 0; i < 100; i++) {
      expect(proposedPassword()).toMatch(
        /^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/,
      );
    }
    // bytes at or over the last whole multiple of 31 (248) are thrown away, not folded in
    let calls = 0;
    const fake = (bytes: Uint8Array) => {
      bytes.fill(calls++ === 0 ? 250 : 0);
    };
    expect(proposedPassword(fake)).toBe('aaaa-aaaa-aaaa');
    expect(calls).toBe(2);
  });
});

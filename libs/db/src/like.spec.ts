import { containsPattern } from './like';

describe('containsPattern', () => {
  it('wraps the text in % and escapes the wildcards and the escape character', () => {
    expect(containsPattern('南宁')).toBe('%南宁%');
    expect(containsPattern('50%_off\\x')).toBe('%50\\%\\_off\\\\x%');
  });
});

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex } from './sha256';

describe('sha256Hex', () => {
  it('matches the published test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('hashes the UTF-8 bytes', () => {
    expect(sha256Hex('𠮷')).toBe(
      createHash('sha256')
        .update(Buffer.from([0xf0, 0xa0, 0xae, 0xb7]))
        .digest('hex'),
    );
  });

  it('is 64 lower-case hex digits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(sha256Hex(s)).toMatch(/^[0-9a-f]{64}$/);
      }),
    );
  });
});

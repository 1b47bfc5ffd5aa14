import { isUuid, mustBeUuid, uuidParam } from './uuid';
import { orderedUuid } from './ordered-uuid';

describe('isUuid', () => {
  it('takes v4 and v7 ids in either case', () => {
    expect(isUuid('3f1c2e4b-5d69-4788-9234-5678901234ab')).toBe(true);
    expect(isUuid('3F1C2E4B-5D69-4788-9234-5678901234AB')).toBe(true);
    expect(isUuid(orderedUuid())).toBe(true);
  });

  it('refuses anything else, including 36 hex digits and dashes in the wrong places', () => {
    for (const bad of [
      '',
      'not-a-uuid',
      '3f1c2e4b5d6947889234567890123-4ab-',
      '3f1c2e4b-5d69-4788-9234-5678901234ab ',
      '3f1c2e4b-5d69-4788-9234-5678901234ag',
      "3f1c2e4b-5d69-4788-9234-5678901234a'",
    ]) {
      expect(isUuid(bad)).toBe(false);
    }
  });
});

describe('mustBeUuid and uuidParam', () => {
  it('pass an id through and refuse the rest as BAD_USER_INPUT / INVALID_ID, naming the id', () => {
    const id = orderedUuid();
    expect(mustBeUuid(id, 'round')).toBe(id);
    expect(uuidParam('image').transform(id, { type: 'param' })).toBe(id);
    expect(() => uuidParam('image').transform('x', { type: 'param' })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'INVALID_ID' }),
    );
    expect(() => mustBeUuid('x', 'round')).toThrow('the round id is not a UUID');
  });
});

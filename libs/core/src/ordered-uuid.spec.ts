import { orderedUuid } from './ordered-uuid';

describe('orderedUuid', () => {
  it('is a version-7 UUID with the RFC 9562 variant', () => {
    expect(orderedUuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('sorts in the order the ids were made, within a millisecond and across them', () => {
    const ids = Array.from({ length: 10_000 }, () => orderedUuid());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const later = orderedUuid(Date.now() + 5_000);
    expect(later > ids[ids.length - 1]).toBe(true);
  });

  it('carries the time in its first 48 bits', () => {
    const at = Date.now() + 10 * 86_400_000; // after any id made above
    const id = orderedUuid(at);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });
});

import { refusedField } from './refusedField';

describe('the field a refusal of the new-person form concerned', () => {
  it('is the one the API names, else the one its reason is about, else none', () => {
    expect(
      refusedField({
        code: 'BAD_USER_INPUT',
        reason: 'WEAK_PASSWORD',
        details: { field: 'password' },
      }),
    ).toBe('password');
    expect(refusedField({ code: 'CONFLICT', reason: 'EMAIL_TAKEN', details: {} })).toBe('email');
    expect(refusedField({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED', details: {} })).toBeNull();
    expect(refusedField({ code: 'INTERNAL' })).toBeNull();
    expect(refusedField(null)).toBeNull();
  });
});

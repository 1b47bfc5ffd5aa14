import { BadUserInput, DomainError, Forbidden } from './domain-error';

/**
 * The reasons are one type (reasons.ts): a misspelt reason does not compile. `npm run
 * typecheck` checks the `@ts-expect-error` lines below: if a misspelling were accepted, the
 * directive would be unused and the type-check would fail.
 */
describe('reasons as a type', () => {
  it('takes a declared reason and refuses a misspelt one at compile time', () => {
    expect(new Forbidden('ROLE_NOT_ALLOWED', 'only organisers').reason).toBe('ROLE_NOT_ALLOWED');
    // @ts-expect-error ROLE_NOT_ALOWED is declared by no domain
    expect(new Forbidden('ROLE_NOT_ALOWED', 'x')).toBeInstanceOf(DomainError);
    // @ts-expect-error a plain string is not a reason
    expect(new BadUserInput(String('INVALID_INPUT'), 'x')).toBeInstanceOf(DomainError);
  });
});

import type { CommonReason } from './common.errors';

/**
 * Every reason a DomainError may carry, as one type: each domain adds its reasons in its own
 * `<domain>.errors.ts` with
 *
 *   declare global {
 *     interface DomainErrorReasons extends Record<JudgingReason, true> {}
 *   }
 *
 * so a misspelt reason (`new Forbidden('ROLE_NOT_ALOWED', …)`) does not compile, wherever it is
 * thrown, and docs/errors.md can list them all.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DomainErrorReasons extends Record<CommonReason, true> {}
}

export type Reason = keyof DomainErrorReasons;

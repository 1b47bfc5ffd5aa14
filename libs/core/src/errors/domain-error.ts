import type { Reason } from './reasons';

/** The error codes a client can see (docs/errors.md); nothing else reaches a client. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

export const HTTP_STATUS_OF: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
};

/**
 * A failure a client is meant to see: its contract code, a stable UPPER_SNAKE reason saying
 * which rule it was, and a human message. Anything that is not a DomainError is internal.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: Reason,
    message: string,
    /** Extra, safe facts for the client (e.g. which field, retry-after seconds). */
    readonly details?: Readonly<Record<string, unknown>>,
    /** Overrides the code's usual HTTP status (413 for FILE_TOO_LARGE). */
    readonly httpStatus: number = HTTP_STATUS_OF[code],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class Unauthenticated extends DomainError {
  constructor(reason: Reason, message: string) {
    super('UNAUTHENTICATED', reason, message);
  }
}

export class Forbidden extends DomainError {
  constructor(reason: Reason, message: string) {
    super('FORBIDDEN', reason, message);
  }
}

export class NotFound extends DomainError {
  constructor(reason: Reason, message: string) {
    super('NOT_FOUND', reason, message);
  }
}

export class BadUserInput extends DomainError {
  constructor(reason: Reason, message: string, details?: Readonly<Record<string, unknown>>) {
    super('BAD_USER_INPUT', reason, message, details);
  }
}

export class Conflict extends DomainError {
  constructor(reason: Reason, message: string, details?: Readonly<Record<string, unknown>>) {
    super('CONFLICT', reason, message, details);
  }
}

export class RateLimited extends DomainError {
  constructor(reason: Reason, message: string, retryAfterSeconds: number) {
    super('RATE_LIMITED', reason, message, { retryAfterSeconds });
  }
}

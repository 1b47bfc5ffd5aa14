import { HttpException } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { CommonReason, DomainError, ErrorCode, HTTP_STATUS_OF } from '@app/core';
import { isDatabaseUnavailable } from '@app/db';

/** Codes Apollo itself gives to failures of the GraphQL layer; they pass through unchanged. */
const GRAPHQL_LAYER_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const CODE_OF_STATUS = new Map<number, ErrorCode>(
  Object.entries(HTTP_STATUS_OF).map(([code, status]) => [status, code as ErrorCode]),
);

/** True for errors a client is meant to see as they are; the rest are internal and get logged. */
export function isExpectedError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) return true;
  if (original instanceof HttpException) return original.getStatus() < 500;
  if (original instanceof GraphQLError) {
    const code = original.extensions?.code;
    return typeof code === 'string' && GRAPHQL_LAYER_CODES.has(code);
  }
  return false;
}

/**
 * The one place where errors become what a client sees: `extensions.code` (the contract's) and
 * `extensions.reason`. Anything unexpected becomes INTERNAL_SERVER_ERROR with a generic message
 * (it is logged with the request id by the logging plugin); nothing internal — SQL, stack
 * frames, paths — leaves the server in production.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  production: boolean,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    return {
      ...base,
      message: original.message,
      extensions: { ...original.details, code: original.code, reason: original.reason },
    };
  }
  if (original instanceof HttpException && original.getStatus() < 500) {
    const code = CODE_OF_STATUS.get(original.getStatus()) ?? 'BAD_USER_INPUT';
    return {
      ...base,
      message: original.message,
      extensions: { code, reason: CommonReason.INVALID_INPUT },
    };
  }
  if (isTooManyTokens(formatted)) {
    return {
      ...base,
      message: `the query text is too long: ${formatted.message.replace(/^Syntax Error: /, '')}`,
      extensions: { code: 'BAD_USER_INPUT', reason: 'TOO_MANY_TOKENS' },
    };
  }
  if (isExpectedError(original)) {
    // Apollo names the rule of some validation refusals (INTROSPECTION_DISABLED, a reason
    // docs/errors.md lists) in validationErrorCode; that is the reason, not a generic INVALID_INPUT.
    const reason =
      (formatted.extensions?.reason as string | undefined) ??
      (formatted.extensions?.validationErrorCode as string | undefined) ??
      CommonReason.INVALID_INPUT;
    return {
      ...base,
      extensions: {
        ...formatted.extensions,
        stacktrace: undefined,
        code: formatted.extensions?.code,
        reason,
      },
    };
  }
  if (isDatabaseUnavailable(original)) return { ...base, ...DATABASE_UNAVAILABLE };
  return {
    message: 'Something went wrong on our side; it has been logged.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: {
      code: 'INTERNAL_SERVER_ERROR',
      reason: CommonReason.INTERNAL,
      ...(production
        ? {}
        : { detail: original instanceof Error ? original.message : String(original) }),
    },
  };
}

/**
 * graphql-js stopping the parse at `maxTokens` (MAX_QUERY_TOKENS): a syntax error to Apollo, but
 * the query is not malformed, it is too long.
 */
function isTooManyTokens(formatted: GraphQLFormattedError): boolean {
  return (
    formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' &&
    /Document contains more tha[nt] \d+ tokens/.test(formatted.message)
  );
}

/**
 * The database away for a moment (connections cut, server restarting): not the request's
 * fault, and worth sending again, which a client learns from `retryable` and the reason.
 */
export const DATABASE_UNAVAILABLE = {
  message: 'The database is unavailable for a moment; try again.',
  extensions: {
    code: 'INTERNAL_SERVER_ERROR' as ErrorCode,
    reason: 'DATABASE_UNAVAILABLE',
    retryable: true,
    retryAfterSeconds: 1,
  },
};

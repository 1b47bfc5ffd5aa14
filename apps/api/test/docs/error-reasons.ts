import { ApolloServerValidationErrorCode } from '@apollo/server/errors';
import { join } from 'node:path';
import { HTTP_STATUS_OF } from '@app/core';
import { ROOT, serverSources, withoutComments } from './source-files';

const REASON = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
const LITERAL = /'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)'/g;

/** The error codes themselves are not reasons (they sit beside them in some calls). */
const CODES = new Set(Object.keys(HTTP_STATUS_OF));

/**
 * Reasons the code names that never reach a client: the assignment report keeps why an entry
 * got too few judges, but GraphQL shows only `AssignmentReport.unassignableEntryIds`.
 */
const NOT_SENT = new Set(['NO_PANEL', 'NOT_ENOUGH_JUDGES']);

/**
 * Apollo's own validation refusals, passed on as the reason by formatGraphqlError
 * (`validationErrorCode`): introspection is refused in production. (Apollo's recursive
 * selection limit is not switched on.)
 */
const FROM_APOLLO = [ApolloServerValidationErrorCode.INTROSPECTION_DISABLED];

/** Where each reason was found, for a failure message that says where to look. */
export type ReasonSources = Map<string, Set<string>>;

function add(found: ReasonSources, reason: string, where: string): void {
  if (!REASON.test(reason) || CODES.has(reason) || NOT_SENT.has(reason)) return;
  if (!found.has(reason)) found.set(reason, new Set());
  found.get(reason)!.add(where);
}

function literalsIn(text: string): string[] {
  return [...text.matchAll(LITERAL)].map((match) => match[1]);
}

/** The text of a call's arguments from `start` (just after its `(`) to its closing `)`. */
function callArguments(text: string, start: number): string {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(start, i);
  }
  return text.slice(start);
}

/**
 * Every reason the server can give a client (`extensions.reason` in GraphQL, `reason` in a
 * plain HTTP error, and the reasons inside a bulk import's report):
 *
 * - the values of every exported `…Reason` object (`CommonReason`, `EntriesReason`, …);
 * - the members of every `type …Reason = 'A' | 'B'` (the pure libraries' input errors, the
 *   import file's and columns' reasons);
 * - string literals given as the reason where no object is used: the first argument of
 *   `new BadUserInput('X', …)` and the other DomainError classes, the reason of
 *   `new DomainError(code, 'X', …)`, the value of a `reason:` property or `reason =`
 *   assignment (ternaries included), and the arguments of the GraphQL layer's refusals
 *   (`refusal('X', …)`, `graphqlRefusal(res, status, code, 'X', …)`);
 * - Apollo's validation reasons the server passes on.
 */
export function collectReasons(): ReasonSources {
  const found: ReasonSources = new Map();
  for (const reason of FROM_APOLLO) add(found, reason, '@apollo/server');

  for (const file of serverSources()) {
    const text = withoutComments(file.text);

    for (const match of text.matchAll(/export const (\w+Reason)\s*=\s*\{/g)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(join(ROOT, file.path)) as Record<string, Record<string, string>>;
      for (const value of Object.values(module[match[1]])) add(found, value, file.path);
    }

    for (const match of text.matchAll(/type (\w+Reason)\s*=([^;]*);/g)) {
      for (const reason of literalsIn(match[2])) add(found, reason, file.path);
    }

    const constructors =
      /new (?:Unauthenticated|Forbidden|NotFound|BadUserInput|Conflict|RateLimited|(?!Config)\w+Error)\(\s*'([A-Z0-9_]+)'/g;
    for (const match of text.matchAll(constructors)) add(found, match[1], file.path);

    for (const match of text.matchAll(/new DomainError\(\s*'[A-Z_]+',\s*'([A-Z0-9_]+)'/g)) {
      add(found, match[1], file.path);
    }

    // `reason: 'X'`, `reason: cond ? 'X' : 'Y'`, `const reason = … ?? 'X'` up to the end of
    // the expression (a comma or semicolon at the end of a line, or a closing brace).
    for (const match of text.matchAll(
      /\breason\??\s*[:=]\s*([^\n;{}]*(?:\n\s+[?:|][^\n;{}]*)*)/g,
    )) {
      for (const reason of literalsIn(match[1])) add(found, reason, file.path);
    }

    for (const match of text.matchAll(/\b(?:refusal|graphqlRefusal)\(/g)) {
      const args = callArguments(text, match.index + match[0].length);
      for (const reason of literalsIn(args)) add(found, reason, file.path);
    }
  }
  return found;
}

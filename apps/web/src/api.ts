/** The few operations of the contract the judges' app uses, over fetch. */
import type {
  JudgeAssignmentFragment,
  JudgeCriterionFragment,
  JudgeEntryFragment,
  JudgeImageFragment,
  JudgeRenditionFragment,
  JudgeRoundFragment,
  JudgeSheetFragment,
  SignedInUserFragment,
  TypedDocumentString,
} from './gql/app';
import { reached, unreachable } from './offline/reachability';

export class NetworkError extends Error {}

/**
 * A GraphQL error with the contract's code and reason (CONFLICT / VERSION_MISMATCH, …) and the
 * facts the API put beside them (`field`, `retryAfterSeconds`, …: docs/errors.md).
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly reason: string | undefined,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/**
 * The shapes the judges' app keeps, as GraphQL Code Generator types its operations
 * (graphql/judge.graphql) from the contract: a field the schema changes fails the type-check.
 */
export type Rendition = JudgeRenditionFragment;
export type Image = JudgeImageFragment;
export type Entry = JudgeEntryFragment;
export type ScoreSheet = JudgeSheetFragment;
export type ScoreValue = ScoreSheet['scores'][number];
export type { AssignmentStatus } from './gql/app';
export type Assignment = JudgeAssignmentFragment;
export type Criterion = JudgeCriterionFragment;
export type Round = JudgeRoundFragment;
export type User = SignedInUserFragment;

export {
  LoginDocument as LOGIN,
  SignOutDocument as SIGN_OUT,
  ChangePasswordDocument as CHANGE_PASSWORD,
  MyRoundsDocument as MY_ROUNDS,
  MyAssignmentsDocument as MY_ASSIGNMENTS,
  SubmitSheetDocument as SUBMIT_SHEET,
  RecuseDocument as RECUSE,
  EventNameDocument as EVENT_NAME,
} from './gql/app';

/**
 * One GraphQL request: a generated document (its answer and variables typed by it). A failure to
 * reach the server (or a 5xx from a proxy) is a NetworkError, which the outbox retries; an
 * answer with errors is an ApiError, which it does not.
 */
export async function gql<T, V>(
  query: TypedDocumentString<T, V>,
  variables: V,
  token: string | null,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: query.toString(), variables }),
    });
  } catch (error) {
    unreachable();
    throw new NetworkError((error as Error).message);
  }
  // A proxy's gateway errors mean the API was not reached; the API's own errors come as JSON.
  if (response.status === 502 || response.status === 503 || response.status === 504) {
    unreachable();
    throw new NetworkError(`HTTP ${response.status}`);
  }
  let body: {
    data?: T | null;
    errors?: Array<{
      message: string;
      extensions?: { code?: string; reason?: string } & Record<string, unknown>;
    }>;
  };
  try {
    body = await response.json();
  } catch {
    // Not the API (a captive portal's page, a proxy's error): the server was not reached.
    unreachable();
    throw new NetworkError(`HTTP ${response.status}: not JSON`);
  }
  reached();
  const first = body.errors?.[0];
  if (first) {
    throw new ApiError(
      first.message,
      first.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
      first.extensions?.reason,
      first.extensions ?? {},
    );
  }
  if (!body.data) throw new ApiError('empty answer', 'INTERNAL_SERVER_ERROR', undefined);
  return body.data;
}

/** The rendition of a size, or the nearest one there is. */
export function rendition(image: Image, size: Rendition['size']): Rendition | undefined {
  const order: Rendition['size'][] =
    size === 'THUMB' ? ['THUMB', 'MEDIUM', 'LARGE'] : [size, 'MEDIUM', 'LARGE', 'THUMB'];
  for (const wanted of order) {
    const found = image.renditions.find((r) => r.size === wanted);
    if (found) return { ...found, url: servedHere(found.url) };
  }
  return undefined;
}

/**
 * Rendition URLs are absolute (PUBLIC_URL), but a tablet reaches the API by whatever address
 * the hall's network gives it; the API that served this app serves its renditions too.
 */
function servedHere(url: string): string {
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.pathname.startsWith('/api/renditions/') ? parsed.pathname : url;
  } catch {
    return url;
  }
}

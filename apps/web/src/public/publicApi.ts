/**
 * The public operations of the contract, over fetch, with nothing of the judges' app (its
 * session, outbox, IndexedDB): no sign-in, no token.
 */

import type {
  PublicItemFragment,
  PublicPublicationFragment,
  TypedDocumentString,
  VerifyCertificateQuery,
} from '../gql/public';

/**
 * The shapes the public pages read, as GraphQL Code Generator types their operations
 * (public.graphql) from the contract into ../gql/public.ts.
 */
export type PublishedItem = PublicItemFragment;
export type AwardTier = NonNullable<PublishedItem['award']>;
export type { PublicationStatus } from '../gql/public';
export type Publication = PublicPublicationFragment;
export type Certificate = NonNullable<VerifyCertificateQuery['verifyCertificate']>;
/** An award revoked after publication: shown on the list and at the certificate check. */
export type Revocation = NonNullable<PublishedItem['revocation']>;

export {
  PublicResultsDocument as RESULTS,
  PublicationByIdDocument as PUBLICATION_BY_ID,
  VerifyCertificateDocument as VERIFY,
  FileObjectionDocument as FILE_OBJECTION,
  ObjectionStatusDocument as OBJECTION_STATUS,
} from '../gql/public';

/** A refusal with the contract's code and reason, and its details (field, retryAfterSeconds). */
export class PublicApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly reason: string | undefined,
    readonly extensions: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class PublicNetworkError extends Error {}

/** One request of a generated document, its answer and variables typed by it. */
export async function publicGql<T, V>(query: TypedDocumentString<T, V>, variables: V): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: query.toString(), variables }),
    });
  } catch (error) {
    throw new PublicNetworkError((error as Error).message);
  }
  let body: {
    data?: T | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
  try {
    body = await response.json();
  } catch {
    throw new PublicNetworkError(`HTTP ${response.status}`);
  }
  const first = body.errors?.[0];
  if (first) {
    const extensions = first.extensions ?? {};
    throw new PublicApiError(
      first.message,
      typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR',
      typeof extensions.reason === 'string' ? extensions.reason : undefined,
      extensions,
    );
  }
  if (!body.data) throw new PublicNetworkError('empty answer');
  return body.data;
}

/**
 * Rendition URLs are absolute (PUBLIC_URL); the API that served this page serves them too, so
 * a phone that reached it by another address still gets the photo.
 */
export function servedHere(url: string): string {
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.pathname.startsWith('/api/renditions/') ? parsed.pathname : url;
  } catch {
    return url;
  }
}

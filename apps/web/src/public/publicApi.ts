/**
 * The public operations of the contract, over fetch, with nothing of the judges' app (its
 * session, outbox, IndexedDB): no sign-in, no token.
 */

export interface AwardTier {
  key: string;
  name: string;
  rank: number;
}

export interface PublishedItem {
  entryCode: string;
  title: string;
  entrantName: string;
  regionName: string;
  categoryName: string;
  award: AwardTier | null;
  rank: number | null;
  thumbnailUrl: string | null;
}

export type PublicationStatus = 'NOTICE' | 'FINAL' | 'SUPERSEDED';

export interface Publication {
  id: string;
  roundId: string;
  version: number;
  status: PublicationStatus;
  publishedAt: string;
  noticeEndsAt: string;
  hash: string;
  items: PublishedItem[];
}

export interface Certificate {
  code: string;
  entryCode: string;
  title: string;
  entrantName: string;
  award: AwardTier;
  publicationId: string;
  publicationVersion: number;
  publicationStatus: PublicationStatus;
  publicationHash: string;
}

const PUBLICATION = `id roundId version status publishedAt noticeEndsAt hash
  items{entryCode title entrantName regionName categoryName award{key name rank} rank thumbnailUrl}`;

export const RESULTS = `query($s:String!){event(slug:$s){name} publishedResults(eventSlug:$s){${PUBLICATION}}}`;
export const PUBLICATION_BY_ID = `query($id:ID!){publication(id:$id){${PUBLICATION}}}`;
export const VERIFY = `query($c:String!){verifyCertificate(code:$c){code entryCode title entrantName
  award{key name rank} publicationId publicationVersion publicationStatus publicationHash}}`;
export const FILE_OBJECTION = `mutation($input:ObjectionInput!){fileObjection(input:$input){id entryCode status createdAt}}`;

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

export async function publicGql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
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

/** The few operations of the contract the judges' app uses, over fetch. */

export class NetworkError extends Error {}

/** A GraphQL error with the contract's code and reason (CONFLICT / VERSION_MISMATCH, …). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly reason: string | undefined,
  ) {
    super(message);
  }
}

export interface Rendition {
  size: 'THUMB' | 'MEDIUM' | 'LARGE';
  url: string;
  width: number;
  height: number;
}

export interface Image {
  id: string;
  status: string;
  position: number;
  placeholder: string | null;
  renditions: Rendition[];
}

export interface Entry {
  id: string;
  code: string | null;
  title: string;
  description: string | null;
  materials: string | null;
  techniques: string | null;
  dimensions: string | null;
  creators: string[];
  itemCount: number;
  yearCreated: number | null;
  category: { code: string; name: string };
  entrant: { name: string } | null;
  images: Image[];
}

export interface ScoreValue {
  criterionKey: string;
  value: number;
}

export interface ScoreSheet {
  id: string;
  assignmentId: string;
  scores: ScoreValue[];
  total: number;
  comment: string | null;
  version: number;
  submittedAt: string;
}

export type AssignmentStatus = 'PENDING' | 'SUBMITTED' | 'RECUSED';

export interface Assignment {
  id: string;
  roundId: string;
  status: AssignmentStatus;
  entry: Entry;
  sheet: ScoreSheet | null;
}

export interface Criterion {
  id: string;
  key: string;
  name: string;
  weight: number;
  maxScore: number;
  step: number;
}

export interface Round {
  id: string;
  eventId: string;
  name: string;
  status: 'DRAFT' | 'OPEN' | 'CLOSED' | 'TABULATED';
  blind: boolean;
  criteria: Criterion[];
}

export interface User {
  id: string;
  name: string;
  email: string;
  role: string;
}

const SHEET = 'id assignmentId scores{criterionKey value} total comment version submittedAt';
const ENTRY =
  'id code title description materials techniques dimensions creators itemCount yearCreated ' +
  'category{code name} entrant{name} ' +
  'images{id status position placeholder renditions{size url width height}}';

export const LOGIN = `mutation($e:String!,$p:String!){login(email:$e,password:$p){token user{id name email role}}}`;
export const MY_ROUNDS = `{myRounds{id eventId name status blind criteria{id key name weight maxScore step}}}`;
export const MY_ASSIGNMENTS = `query($id:ID!){myAssignments(roundId:$id){id roundId status entry{${ENTRY}} sheet{${SHEET}}}}`;
export const SUBMIT_SHEET = `mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){${SHEET}}}`;
export const RECUSE = `mutation($id:ID!,$r:String!){recuse(assignmentId:$id,reason:$r){id status}}`;

/**
 * One GraphQL request. A failure to reach the server (or a 5xx from a proxy) is a NetworkError,
 * which the outbox retries; an answer with errors is an ApiError, which it does not.
 */
export async function gql<T>(
  query: string,
  variables: Record<string, unknown>,
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
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new NetworkError((error as Error).message);
  }
  // A proxy's gateway errors mean the API was not reached; the API's own errors come as JSON.
  if (response.status === 502 || response.status === 503 || response.status === 504) {
    throw new NetworkError(`HTTP ${response.status}`);
  }
  let body: {
    data?: T | null;
    errors?: Array<{ message: string; extensions?: { code?: string; reason?: string } }>;
  };
  try {
    body = await response.json();
  } catch {
    throw new NetworkError(`HTTP ${response.status}: not JSON`);
  }
  const first = body.errors?.[0];
  if (first) {
    throw new ApiError(
      first.message,
      first.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
      first.extensions?.reason,
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

import { json, NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

/** GraphQL bodies are small; anything bigger is abuse (huge variables, query bombs). */
export const GRAPHQL_BODY_LIMIT = '256kb';

/** Gives every request an id (a sane incoming X-Request-Id is kept) and echoes it back. */
export function requestId(
  req: Request & { requestId?: string },
  res: Response,
  next: NextFunction,
): void {
  const incoming = req.header('x-request-id');
  req.requestId = incoming && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', req.requestId);
  next();
}

function graphqlRefusal(
  res: Response,
  status: number,
  code: string,
  reason: string,
  message: string,
): void {
  res.status(status).json({ errors: [{ message, extensions: { code, reason } }] });
}

/** JSON for /graphql with a size limit, answered in GraphQL's own error shape. */
export const graphqlJsonBody = json({ limit: GRAPHQL_BODY_LIMIT });

export function graphqlBodyErrors(
  error: { type?: string; status?: number },
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (error.type === 'entity.too.large') {
    return graphqlRefusal(
      res,
      413,
      'BAD_USER_INPUT',
      'REQUEST_TOO_LARGE',
      `a GraphQL request may be at most ${GRAPHQL_BODY_LIMIT}`,
    );
  }
  if (
    error.type === 'entity.parse.failed' ||
    error.type === 'charset.unsupported' ||
    error.type === 'encoding.unsupported'
  ) {
    return graphqlRefusal(
      res,
      400,
      'BAD_USER_INPUT',
      'INVALID_JSON',
      'the request body is not valid JSON',
    );
  }
  // Any other client-side failure to read the body (a corrupt gzip stream, a length that does
  // not match) is the client's, not a 500 of ours.
  if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    return graphqlRefusal(
      res,
      400,
      'BAD_USER_INPUT',
      'INVALID_JSON',
      'the request body could not be read',
    );
  }
  next(error);
}

/** Operation batching is off: an array body is refused before Apollo sees it. */
export function refuseBatching(req: Request, res: Response, next: NextFunction): void {
  if (Array.isArray(req.body)) {
    return graphqlRefusal(
      res,
      400,
      'BAD_USER_INPUT',
      'BATCHING_DISABLED',
      'send one operation per request',
    );
  }
  next();
}

import { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { CommonReason, RequestCtx, Unauthenticated, Viewer } from '@app/core';

/** What the API keeps on each HTTP request (GraphQL operations are HTTP requests too). */
export interface AuthedRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  requestId?: string;
  /** Memoised: one token check and one user read per request, however many resolvers ask. */
  viewerPromise?: Promise<Viewer | null>;
  /** Set by the guard once settled, for the synchronous @Ctx() decorator. */
  viewer?: Viewer | null;
}

export function requestOf(context: ExecutionContext): AuthedRequest {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: AuthedRequest }>().req;
  }
  return context.switchToHttp().getRequest<AuthedRequest>();
}

/** The bearer token of the request; `null` when none is sent. */
export function bearerToken(req: AuthedRequest): string | null {
  const header = req.headers['authorization'];
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  if (!match)
    throw new Unauthenticated(
      CommonReason.INVALID_TOKEN,
      'the Authorization header must be "Bearer <token>"',
    );
  return match[1];
}

export function viewerOf(
  req: AuthedRequest,
  resolve: (token: string) => Promise<Viewer>,
): Promise<Viewer | null> {
  req.viewerPromise ??= (async () => {
    const token = bearerToken(req);
    return token === null ? null : resolve(token);
  })();
  return req.viewerPromise;
}

/** The RequestCtx of a request whose viewer the guard has already settled. */
export function ctxOf(req: AuthedRequest): RequestCtx {
  return {
    viewer: req.viewer ?? null,
    requestId: req.requestId ?? 'unknown',
    ip: req.ip ?? 'unknown',
  };
}

import type { RequestCtx } from '@app/core';
import { AuthedRequest, ctxOf } from './request-auth';

/**
 * The request's part of the GraphQL context: field resolvers (which take no parameter
 * decorators, see entries) read the request's own RequestCtx as `gql.ctx`. A getter on the
 * prototype: the guard settles the viewer after the context is built, and a copy of the
 * context (Apollo's executeOperation clones it) keeps the getter.
 */
export class RequestGqlContext {
  constructor(readonly req: AuthedRequest) {}

  get ctx(): RequestCtx {
    return ctxOf(this.req);
  }
}

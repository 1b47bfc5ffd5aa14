import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ctxOf, requestOf } from './request-auth';

/** Injects the RequestCtx (viewer, request id, address) into a resolver or controller method. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  ctxOf(requestOf(context)),
);

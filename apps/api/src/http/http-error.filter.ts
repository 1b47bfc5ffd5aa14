import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CommonReason, DomainError, ErrorCode, HTTP_STATUS_OF } from '@app/core';
import { isDatabaseUnavailable } from '@app/db';
import { DATABASE_UNAVAILABLE } from '../graphql/format-error';

const CODE_OF_STATUS = new Map<number, ErrorCode>(
  Object.entries(HTTP_STATUS_OF).map(([code, status]) => [status, code as ErrorCode]),
);

/**
 * Plain HTTP endpoints answer errors as `{code, reason, message}` (docs/http.md, docs/errors.md). GraphQL errors are
 * rethrown here and shaped by formatGraphqlError.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType<string>() === 'graphql') throw error;
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request & { requestId?: string }>();
    if (res.headersSent) return;
    if (error instanceof DomainError) {
      res
        .status(error.httpStatus)
        .json({ ...error.details, code: error.code, reason: error.reason, message: error.message });
      return;
    }
    if (error instanceof HttpException && error.getStatus() < 500) {
      const status = error.getStatus();
      const code = CODE_OF_STATUS.get(status) ?? 'BAD_USER_INPUT';
      const reason = status === 404 ? 'NO_SUCH_ENDPOINT' : CommonReason.INVALID_INPUT;
      res.status(status).json({ code, reason, message: error.message });
      return;
    }
    this.logger.error(
      `[${req.requestId ?? '-'}] ${req.method} ${req.path}: ${(error as Error)?.stack ?? String(error)}`,
    );
    if (isDatabaseUnavailable(error)) {
      const { message, extensions } = DATABASE_UNAVAILABLE;
      res.status(503).setHeader('retry-after', String(extensions.retryAfterSeconds));
      res.json({ ...extensions, message });
      return;
    }
    res.status(500).json({
      code: 'INTERNAL_SERVER_ERROR',
      reason: CommonReason.INTERNAL,
      message: 'Something went wrong on our side; it has been logged.',
    });
  }
}

import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Logger, type INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig, DomainError, Role, Viewer } from '@app/core';
import { AuthService, bearerToken, isOrganiser, mustChangePassword } from '@app/identity';
import { QueueName } from '@app/queue';

export const QUEUE_MONITOR_PATH = '/admin/queues';
const COOKIE = 'queue_monitor';
/** Requests that only read; anything else is an action on the queues. */
const READING = new Set(['GET', 'HEAD']);

/** A Cookie header that cannot be decoded (a broken %-escape): the client's fault, a 400. */
class MalformedCookie extends Error {}

/**
 * One Bull Board over the app's queues; read-only, every queue is marked so, which hides the
 * board's buttons and makes Bull Board itself refuse queue actions (405).
 */
function board(app: INestApplication, readOnlyMode: boolean): ExpressAdapter {
  const queues = Object.values(QueueName).map(
    (name) =>
      new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }), { readOnlyMode }),
  );
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_MONITOR_PATH);
  createBullBoard({
    queues,
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: readOnlyMode ? 'Queues (read-only)' : 'Queues' } },
  });
  return adapter;
}

/**
 * Bull Board at /admin/queues: organisers may look, only an ADMIN may act (pause, add, retry,
 * clean, empty, schedulers). A browser's page loads cannot send the Bearer header, so the web
 * app first POSTs its token to /admin/queues/session, which checks it and keeps it in an
 * HttpOnly, SameSite=Strict cookie scoped to this path; every request of the board is then
 * checked like an API call (the user read afresh, so a revoked sign-in or a changed role locks
 * the board at once). An organiser gets the read-only board, and any action from one is refused
 * before Bull Board sees it; an admin's actions are logged with the admin's id (queues belong to
 * no event, so there is no event audit chain to write them to: docs/decisions.md).
 */
export function mountQueueMonitor(app: INestApplication, config: AppConfig): void {
  const auth = app.get(AuthService, { strict: false });
  const readOnly = board(app, true).getRouter();
  const full = board(app, false).getRouter();
  const logger = new Logger('QueueMonitor');

  const organiserOf = async (token: string | null): Promise<Viewer | null> => {
    if (!token) return null;
    try {
      const viewer = await auth.viewerOf(token);
      // A temporary password (a reset) is good for changing it and nothing else.
      return isOrganiser(viewer) && !mustChangePassword(viewer) ? viewer : null;
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  };

  app.use(`${QUEUE_MONITOR_PATH}/session`, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST') return next();
    let token: string | null;
    try {
      token = bearerToken(req);
    } catch {
      token = null;
    }
    organiserOf(token).then((viewer) => {
      if (!viewer) {
        res.status(token ? 403 : 401).json({
          code: token ? 'FORBIDDEN' : 'UNAUTHENTICATED',
          reason: token ? 'ORGANISERS_ONLY' : 'SIGN_IN_REQUIRED',
          message: 'the queue monitor is for organisers',
        });
        return;
      }
      const secure = config.production ? '; Secure' : '';
      res.setHeader(
        'Set-Cookie',
        `${COOKIE}=${encodeURIComponent(token!)}; Path=${QUEUE_MONITOR_PATH}; HttpOnly; SameSite=Strict${secure}`,
      );
      res.status(204).end();
    }, next);
  });

  app.use(QUEUE_MONITOR_PATH, (req: Request, res: Response, next: NextFunction) => {
    let token: string | null;
    try {
      token = cookieOf(req, COOKIE);
    } catch (error) {
      if (!(error instanceof MalformedCookie)) throw error;
      res.status(400).json({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_COOKIE',
        message: 'the Cookie header cannot be decoded; clear this site’s cookies and sign in again',
      });
      return;
    }
    organiserOf(token).then((viewer) => {
      if (!viewer) {
        res.setHeader('Cache-Control', 'no-store');
        res
          .status(401)
          .type('text/plain; charset=utf-8')
          .send('Sign in to the web app as an organiser and open the queue monitor from there.\n');
        return;
      }
      if (viewer.role === Role.ADMIN) {
        if (!READING.has(req.method)) logAction(logger, req, res, viewer);
        return full(req, res, next);
      }
      if (!READING.has(req.method)) {
        res.status(403).json({
          code: 'FORBIDDEN',
          reason: 'ADMINS_ONLY',
          message: 'organisers may look at the queues; only an admin may act on them',
        });
        return;
      }
      readOnly(req, res, next);
    }, next);
  });
}

/** One line per admin action, once answered: who, what, and how it went. */
function logAction(logger: Logger, req: Request, res: Response, viewer: Viewer): void {
  const requestId = (req as Request & { requestId?: string }).requestId ?? '-';
  const what = `${req.method} ${req.originalUrl.split('?')[0]}`;
  const log = (outcome: string) =>
    logger.log(`[${requestId}] ADMIN ${viewer.userId} ${what} -> ${outcome}`);
  res.on('finish', () => log(String(res.statusCode)));
  res.on('close', () => {
    if (!res.writableFinished) log('aborted');
  });
}

/** The named cookie's value, or null; throws MalformedCookie when its %-escapes are broken. */
function cookieOf(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      throw new MalformedCookie();
    }
  }
  return null;
}

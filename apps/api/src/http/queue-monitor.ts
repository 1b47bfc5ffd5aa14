import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig, DomainError, Viewer } from '@app/core';
import { AuthService, bearerToken, isOrganiser } from '@app/identity';
import { QueueName } from '@app/queue';

export const QUEUE_MONITOR_PATH = '/admin/queues';
const COOKIE = 'queue_monitor';

/**
 * Bull Board at /admin/queues, for organisers only. A browser's page loads cannot send the
 * Bearer header, so the web app first POSTs its token to /admin/queues/session, which checks
 * it and keeps it in an HttpOnly, SameSite=Strict cookie scoped to this path; every request
 * of the board is then checked like an API call (the user read afresh, so a revoked sign-in
 * or a changed role locks the board at once).
 */
export function mountQueueMonitor(app: INestApplication, config: AppConfig): void {
  const auth = app.get(AuthService, { strict: false });
  const queues = Object.values(QueueName).map(
    (name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false })),
  );
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_MONITOR_PATH);
  createBullBoard({
    queues,
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Queues' } },
  });

  const organiserOf = async (token: string | null): Promise<Viewer | null> => {
    if (!token) return null;
    try {
      const viewer = await auth.viewerOf(token);
      return isOrganiser(viewer) ? viewer : null;
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
    organiserOf(cookieOf(req, COOKIE)).then((viewer) => {
      if (viewer) return next();
      res.setHeader('Cache-Control', 'no-store');
      res
        .status(401)
        .type('text/plain; charset=utf-8')
        .send('Sign in to the web app as an organiser and open the queue monitor from there.\n');
    }, next);
  });
  app.use(QUEUE_MONITOR_PATH, board.getRouter());
}

function cookieOf(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

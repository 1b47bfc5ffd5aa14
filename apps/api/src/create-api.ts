import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@app/core';
import { ApiModule } from './api.module';
import {
  graphqlBodyErrors,
  graphqlJsonBody,
  refuseBatching,
  requestId,
} from './http/request-middleware';
import { mountQueueMonitor } from './http/queue-monitor';
import { securityHeaders } from './http/security-headers';
import { defaultWebDir, serveWebApp } from './http/serve-web-app';

/** Builds the API application (used by main.ts and by the e2e tests, so both run the same thing). */
export async function createApi(
  config: AppConfig,
  options: {
    logger?: false | ('error' | 'warn' | 'log')[];
    /** the built web app to serve at `/` (default: dist/web when built; null: none) */
    webDir?: string | null;
  } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bodyParser: false,
    logger:
      options.logger ?? (config.production ? ['error', 'warn', 'log'] : ['error', 'warn', 'log']),
  });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // Express would hash every response body for a weak ETag; GraphQL answers POSTs, which no
  // cache revalidates, and the file endpoints set their own strong ETags.
  app.set('etag', false);
  // First, so every answer has them: refusals, errors and 404s included (docs/http.md).
  const withSecurityHeaders = securityHeaders(config);
  app.use(withSecurityHeaders);
  app.use(requestId);
  app.use('/graphql', graphqlJsonBody, graphqlBodyErrors, refuseBatching);
  // Before the web app, whose fallback would answer /admin/queues with its index.html.
  mountQueueMonitor(app, config);
  const webDir = options.webDir === undefined ? defaultWebDir() : options.webDir;
  if (webDir) serveWebApp(app, webDir);
  app.enableShutdownHooks();
  return app;
}

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Paths the API owns: the web app never answers for them, not even with its index.html. */
const API_PREFIXES = ['/graphql', '/api', '/health'];

/**
 * Where `npm run build` puts the web app (dist/web): beside dist/apps when running the build,
 * or under the repository's dist when running from source (tests, ts-node).
 */
export function defaultWebDir(): string | null {
  const root = resolve(__dirname, '../../../..');
  for (const candidate of [join(root, 'web'), join(root, 'dist/web')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

/** Whether the path is the API's (GraphQL, the HTTP endpoints, health), not the web app's. */
export function ownedByApi(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Serves the judges' single-page app at `/`: its hashed assets cached for a year, index.html
 * never cached (so a new build reaches the tablets), and index.html for any other GET of a
 * path without a file extension, so `/judge/entry/TC-01-0001` (a QR code) opens the app.
 */
export function serveWebApp(app: NestExpressApplication, webDir: string): void {
  const index = join(webDir, 'index.html');
  app.useStaticAssets(webDir, {
    index: false,
    redirect: false,
    // nosniff, CSP and the rest come from securityHeaders, before this.
    setHeaders: (res, filePath) => {
      if (filePath.includes(`${join(webDir, 'assets')}`)) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      } else {
        res.setHeader('Cache-Control', 'no-cache');
      }
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (ownedByApi(req.path)) return next();
    // A missing asset (a name with an extension) stays a 404, not an HTML page.
    if (/\.[a-z0-9]+$/i.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

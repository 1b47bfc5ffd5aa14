import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '@app/core';
import { QUEUE_MONITOR_PATH } from './queue-monitor';
import { ownedByApi } from './serve-web-app';

/**
 * Security headers on every answer (docs/http.md, "Security headers"; docs/decisions.md). The
 * sign-in token lives in the browser's localStorage, so what matters most is that no page of
 * ours runs script it did not ship (CSP) and none can be framed by another site (clickjacking).
 */

/** A policy from its directives, in order. */
function policy(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** Never framed, no plugins, no <base> and no form posting elsewhere: every policy has these. */
const ALWAYS = {
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The web app (vite's build): its own scripts, styles and fonts, its API on the same origin,
 * photos from /api/renditions and the inline `data:` favicon. No inline script or style, no
 * eval: the build has none, and the browser tests fail on any violation (test/helpers/web-app.ts).
 */
export const WEB_APP_POLICY = policy({
  'default-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  ...ALWAYS,
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
});

/** JSON, files and plain-text refusals load nothing; an answer opened as a page runs nothing. */
export const API_POLICY = policy({
  'default-src': ["'none'"],
  ...ALWAYS,
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
});

/**
 * Bull Board's pages: its own scripts from /admin/queues/static, a `<base href>` of its path,
 * and inline style for its loading screen (style attributes and a <style> element in its
 * index.html). Its Google Fonts stylesheet is left blocked: the board falls back to the system
 * font, and an organiser's page load tells no third party anything.
 */
export const QUEUE_MONITOR_POLICY = policy({
  'default-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  ...ALWAYS,
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
});

/**
 * The GraphiQL page, outside production only: GraphiQL and React from unpkg.com and the inline
 * script that starts them (@nestjs/apollo writes it). Production serves no such page.
 */
export const GRAPHIQL_POLICY = policy({
  'default-src': ["'self'"],
  'script-src': ["'self'", "'unsafe-inline'", 'https://unpkg.com'],
  'style-src': ["'self'", "'unsafe-inline'", 'https://unpkg.com'],
  'img-src': ["'self'", 'data:', 'https://unpkg.com'],
  'font-src': ["'self'", 'data:', 'https://unpkg.com'],
  ...ALWAYS,
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
});

/** A year; no includeSubDomains (other hosts of the domain are not ours to decide for). */
export const HSTS = 'max-age=31536000';

function policyFor(req: Request, production: boolean): string {
  const path = req.path;
  if (path === QUEUE_MONITOR_PATH || path.startsWith(`${QUEUE_MONITOR_PATH}/`)) {
    return QUEUE_MONITOR_POLICY;
  }
  if (
    !production &&
    path === '/graphql' &&
    req.method === 'GET' &&
    (req.headers.accept ?? '').includes('text/html')
  ) {
    return GRAPHIQL_POLICY;
  }
  return ownedByApi(path) ? API_POLICY : WEB_APP_POLICY;
}

/**
 * The first middleware: sets the headers before anything can answer, so refusals, errors and
 * 404s carry them too. Referrer-Policy `same-origin`: our own pages keep the full Referer (the
 * log's only hint of where a request came from), and no other site learns any part of our
 * addresses, which hold certificate codes, publication ids and exhibit codes; the Origin header
 * of our own requests stays intact.
 */
export function securityHeaders(config: AppConfig) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Content-Security-Policy', policyFor(req, config.production));
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    if (config.production) res.setHeader('Strict-Transport-Security', HSTS);
    next();
  };
}

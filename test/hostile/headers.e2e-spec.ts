import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from '@app/testing';

/**
 * Security headers on every answer (docs/http.md, "Security headers"): the web app's pages, its
 * files, GraphQL, the plain HTTP endpoints, refusals and errors, the queue monitor. A page that
 * can be framed, sniffed or run injected script is a clickjacking or XSS away from the token in
 * localStorage. HSTS only in production (NODE_ENV=production), where TLS is expected in front.
 *
 * The web app here is a stand-in build (an index.html and one asset): the headers are the
 * server's, whatever the build holds; test/web checks that the real build runs under them.
 */

const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  JWT_SECRET: 'production-secret-headers-0123456789abcdefghij',
  ADMIN_PASSWORD: 'a-strong-password-headers-123',
};

/** A directory that looks like `vite build` output to serveWebApp. */
function standInWebApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'judging-headers-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>',
  );
  writeFileSync(join(dir, 'assets/app.js'), 'console.log("app");\n');
  return dir;
}

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

interface Probe {
  name: string;
  send: (app: TestApp, admin: string) => Promise<Response>;
  /** the status the probe gets (the point is the headers, whatever the answer) */
  status: number;
}

const json = (app: TestApp) => app.http().post('/graphql').set('content-type', 'application/json');

/** One request of each kind the server answers. */
const PROBES: Probe[] = [
  { name: 'the web app at /', send: (app) => app.http().get('/'), status: 200 },
  {
    name: 'a public results page',
    send: (app) => app.http().get('/results/some-fair'),
    status: 200,
  },
  {
    name: 'a certificate check page',
    send: (app) => app.http().get('/verify/ABCD-EFGH'),
    status: 200,
  },
  {
    name: 'an exhibit label (QR) page',
    send: (app) => app.http().get('/judge/entry/TC-01-0001'),
    status: 200,
  },
  { name: 'a web app asset', send: (app) => app.http().get('/assets/app.js'), status: 200 },
  { name: 'a missing asset', send: (app) => app.http().get('/assets/gone.js'), status: 404 },
  {
    name: 'a GraphQL query',
    send: (app) => json(app).send({ query: '{ regions { code } }' }),
    status: 200,
  },
  {
    name: 'a GraphQL refusal of the layer (syntax)',
    send: (app) => json(app).send({ query: '{ regions {' }),
    status: 400,
  },
  {
    name: 'a body that is not JSON',
    send: (app) => json(app).send('{"query"'),
    status: 400,
  },
  {
    name: 'a body over the limit',
    send: (app) => json(app).send({ query: `{ regions { code } } #${'x'.repeat(300 * 1024)}` }),
    status: 413,
  },
  { name: 'a health check', send: (app) => app.http().get('/health/live'), status: 200 },
  {
    name: 'an unknown rendition',
    send: (app) => app.http().get('/api/renditions/nothing.webp'),
    status: 404,
  },
  {
    name: 'an id that is not a UUID',
    send: (app, admin) =>
      app.http().get('/api/images/not-a-uuid/original').set('authorization', `Bearer ${admin}`),
    status: 400,
  },
  { name: 'a path nobody serves', send: (app) => app.http().get('/nothing.txt'), status: 404 },
  {
    name: 'the queue monitor without a session',
    send: (app) => app.http().get('/admin/queues'),
    status: 401,
  },
  {
    name: 'the queue monitor session, refused',
    send: (app) => app.http().post('/admin/queues/session'),
    status: 401,
  },
  {
    name: "the queue monitor's page",
    send: (app, admin) => app.http().get('/admin/queues').set('cookie', `queue_monitor=${admin}`),
    status: 200,
  },
  {
    name: "the queue monitor's JSON",
    send: (app, admin) =>
      app.http().get('/admin/queues/api/queues').set('cookie', `queue_monitor=${admin}`),
    status: 200,
  },
];

function expectCommonHeaders(res: Response): void {
  const csp = directives(res.headers['content-security-policy']);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('object-src') ?? csp.get('default-src')).toEqual(["'none'"]);
  expect(csp.has('base-uri')).toBe(true);
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('same-origin');
}

describe.each([
  ['development', {}],
  ['production', PRODUCTION_ENV],
] as const)('hostile input: security headers (%s)', (mode, env) => {
  let app: TestApp;
  let admin: string;
  let webDir: string;

  beforeAll(async () => {
    webDir = standInWebApp();
    app = await startTestApp({ env, webDir });
    admin = await app.adminToken();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it.each(PROBES.map((probe) => [probe.name, probe] as const))(
    '%s: CSP with frame-ancestors none, X-Frame-Options, nosniff, Referrer-Policy',
    async (_name, probe) => {
      const res = await probe.send(app, admin);
      expect(res.status).toBe(probe.status);
      expectCommonHeaders(res);
      if (mode === 'production') {
        expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      } else {
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    },
  );

  it("the web app's pages run only the app's own script and style: no inline, no eval, no other origin", async () => {
    const csp = directives(
      (await app.http().get('/results/some-fair')).headers['content-security-policy'],
    );
    expect(csp.get('default-src')).toEqual(["'self'"]);
    for (const directive of ['script-src', 'style-src', 'connect-src', 'font-src']) {
      expect(csp.get(directive) ?? csp.get('default-src')).toEqual(["'self'"]);
    }
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });

  it('API answers (JSON, files) allow nothing to load at all', async () => {
    for (const res of [
      await json(app).send({ query: '{ regions { code } }' }),
      await app.http().get('/api/renditions/nothing.webp'),
      await app.http().get('/health/live'),
    ]) {
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('default-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    }
  });

  it("the queue monitor's page may use inline style (its loading screen), never inline script or another origin", async () => {
    const res = await app.http().get('/admin/queues').set('cookie', `queue_monitor=${admin}`);
    expect(res.text).toContain('<base href="/admin/queues/"');
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('script-src') ?? csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(res.headers['content-security-policy']).not.toMatch(/https?:|\*/);
  });

  if (mode === 'development') {
    it('the GraphiQL page (outside production only) may load GraphiQL from unpkg, and nothing else', async () => {
      const res = await app.http().get('/graphql').set('accept', 'text/html');
      expect(res.text).toContain('https://unpkg.com/graphiql');
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('script-src')).toEqual(["'self'", "'unsafe-inline'", 'https://unpkg.com']);
      expect(csp.get('connect-src') ?? csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    });
  } else {
    it('production has no GraphiQL page, and GET /graphql gets the strict policy', async () => {
      const res = await app.http().get('/graphql').set('accept', 'text/html');
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('default-src')).toEqual(["'none'"]);
      expect(res.headers['content-security-policy']).not.toContain('unpkg');
    });
  }
});

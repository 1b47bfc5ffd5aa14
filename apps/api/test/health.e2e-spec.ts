import { startTestApp, TestApp } from '@app/testing';

/**
 * docs/http.md, Health: /health/live is 200 while the process runs; /health/ready is 200 when MySQL
 * and Redis answer, 503 naming the one that did not, and shows the last worker heartbeat's age
 * for information only.
 */

/** A port nothing listens on. */
const CLOSED_REDIS = 'redis://127.0.0.1:6390';

describe('health (API alone)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('/health/live answers 200 {status: ok} without a token', async () => {
    const res = await app.http().get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('/health/ready answers 200 with MySQL and Redis ok and no worker heartbeat', async () => {
    const res = await app.http().get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ready',
      mysql: { ok: true },
      redis: { ok: true },
      worker: { lastHeartbeatAgeSeconds: null, workers: 0 },
    });
  });

  it('a valid token changes nothing', async () => {
    const token = await app.adminToken();
    const live = await app.http().get('/health/live').set('authorization', `Bearer ${token}`);
    expect(live.status).toBe(200);
    const ready = await app.http().get('/health/ready').set('authorization', `Bearer ${token}`);
    expect(ready.status).toBe(200);
  });

  // Pinned behaviour: the endpoints are @Public, and a bad token is UNAUTHENTICATED everywhere,
  // public endpoints included (docs/errors.md: INVALID_TOKEN). Load balancers send no token.
  it.each([
    ['/health/live', 'Bearer not-a-token'],
    ['/health/ready', 'Bearer not-a-token'],
    ['/health/live', 'Basic dXNlcjpwYXNz'],
  ])(
    '%s with a bad Authorization header (%s) answers 401 UNAUTHENTICATED / INVALID_TOKEN',
    async (path, header) => {
      const res = await app.http().get(path).set('authorization', header);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        code: 'UNAUTHENTICATED',
        reason: 'INVALID_TOKEN',
        message: expect.any(String),
      });
    },
  );
});

describe('health (with a worker)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
  });
  afterAll(() => app.close());

  it("/health/ready shows the worker's heartbeat: a fresh age and at least one worker", async () => {
    const res = await app.http().get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ready');
    expect(typeof res.body.worker.lastHeartbeatAgeSeconds).toBe('number');
    expect(res.body.worker.lastHeartbeatAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(res.body.worker.lastHeartbeatAgeSeconds).toBeLessThan(30);
    expect(res.body.worker.workers).toBeGreaterThanOrEqual(1);
  });
});

describe('health (Redis down)', () => {
  let app: TestApp;

  beforeAll(async () => {
    // the API must boot (and keep serving sign-in) while Redis is down
    app = await startTestApp({ env: { REDIS_URL: CLOSED_REDIS } });
  });
  afterAll(async () => {
    // close() ends by deleting the test's Redis keys, which cannot work here; all else is closed
    await app.close().catch((error: Error) => {
      if (!/max retries|ECONNREFUSED|Connection is closed/i.test(error.message)) throw error;
    });
  });

  it('/health/live still answers 200', async () => {
    const res = await app.http().get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('/health/ready answers 503, naming Redis, with MySQL ok, within the check timeout', async () => {
    const started = Date.now();
    const res = await app.http().get('/health/ready');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      status: 'unavailable',
      mysql: { ok: true },
      redis: { ok: false, error: expect.any(String) },
      worker: { lastHeartbeatAgeSeconds: null, workers: 0 },
    });
    expect(res.body.redis.error.length).toBeGreaterThan(0);
  });

  it('sign-in still works', async () => {
    const token = await app.adminToken();
    const me = await app.gql('{ me { email role } }', undefined, token);
    expect(me.data).toEqual({ me: { email: app.config.adminEmail, role: 'ADMIN' } });
  });
});

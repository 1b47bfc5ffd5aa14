import { Logger } from '@nestjs/common';
import { seedRegions, startTestApp, TestApp, UPSERT_REGIONS } from '@app/testing';
import { AUTH_FACTS_TTL_MS } from '@app/identity';

/**
 * What a client sees when something fails (docs/errors.md, docs/http.md): domain errors carry
 * their code and reason; anything unexpected is INTERNAL_SERVER_ERROR with a generic message,
 * and in production nothing internal (SQL, table names, stack frames, paths) leaves the server.
 */

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const GENERIC_MESSAGE = 'Something went wrong on our side; it has been logged.';

/** Things that would give the inside of the server away. */
function expectNothingInternal(body: unknown, database: string): void {
  const text = JSON.stringify(body);
  const leaks: Array<string | RegExp> = [
    'login_failures',
    'users',
    'SQL',
    /\bER_[A-Z_]+/, // MySQL error codes (ER_NO_SUCH_TABLE); \b keeps INTERNAL_SERVER_ERROR out
    "doesn't exist",
    '.ts',
    '.js',
    'at ',
    '/work',
    'node_modules',
    database,
    'detail',
    'stacktrace',
  ];
  for (const leak of leaks) {
    const found = typeof leak === 'string' ? text.includes(leak) : leak.test(text);
    expect({ leak: String(leak), found }).toEqual({ leak: String(leak), found: false });
  }
}

describe('errors (development)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
  });
  afterAll(() => app.close());

  it('a wrong password is UNAUTHENTICATED / INVALID_CREDENTIALS, with its message and path', async () => {
    const res = await app.gql(LOGIN, { e: app.config.adminEmail, p: 'not-the-password' });
    expect(res.status).toBe(200);
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: 'wrong email or password',
        path: ['login'],
        extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' },
      }),
    ]);
  });

  it("a domain error's safe details reach the client beside code and reason", async () => {
    const res = await app.gql(
      'mutation($input: RegisterEntrantInput!) { registerEntrant(input: $input) { token } }',
      {
        input: {
          email: 'weak@example.com',
          password: 'short',
          name: 'Weak',
          type: 'INDIVIDUAL',
          regionCode: '450100',
        },
      },
    );
    expect(res.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'WEAK_PASSWORD',
      field: 'password',
    });
  });

  it('no token on a guarded operation is UNAUTHENTICATED; a role that may not is FORBIDDEN', async () => {
    const input = [{ code: '450100', name: '南宁市' }];
    const anonymous = await app.gql(UPSERT_REGIONS, { input });
    expect(anonymous.errors?.[0].extensions).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'AUTHENTICATION_REQUIRED',
    });
    const registered = await app.gql<{ registerEntrant: { token: string } }>(
      'mutation($input: RegisterEntrantInput!) { registerEntrant(input: $input) { token } }',
      {
        input: {
          email: 'entrant@example.com',
          password: 'long-enough-1',
          name: 'Works',
          type: 'INDIVIDUAL',
          regionCode: '450100',
        },
      },
    );
    const entrant = registered.data!.registerEntrant.token;
    const forbidden = await app.gql(UPSERT_REGIONS, { input }, entrant);
    expect(forbidden.errors?.[0].extensions).toEqual({
      code: 'FORBIDDEN',
      reason: 'ROLE_NOT_ALLOWED',
    });
  });

  it.each(['get', 'post', 'delete'] as const)(
    'an unknown HTTP route (%s /nope) is a 404 JSON {code, reason, message}',
    async (method) => {
      const res = await app.http()[method]('/nope');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        code: 'NOT_FOUND',
        reason: 'NO_SUCH_ENDPOINT',
        message: expect.any(String),
      });
    },
  );

  // last: it breaks the database under the app
  it('an unexpected failure is INTERNAL_SERVER_ERROR / INTERNAL with a generic message, and a detail outside production', async () => {
    await app.sql('DROP TABLE login_failures');
    const res = await app.gql(LOGIN, { e: app.config.adminEmail, p: 'not-the-password' });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].message).toBe(GENERIC_MESSAGE);
    expect(res.errors![0].extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      reason: 'INTERNAL',
      detail: expect.stringContaining('login_failures'),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|\.ts:\d|node_modules/);
  });
});

describe('errors (production)', () => {
  let app: TestApp;
  let database: string;
  let logged: string[];
  let spy: jest.SpyInstance;

  beforeAll(async () => {
    app = await startTestApp({
      env: {
        NODE_ENV: 'production',
        JWT_SECRET: 'production-secret-0123456789abcdefghijklmnop',
        ADMIN_PASSWORD: 'a-strong-password-123',
      },
    });
    database = app.config.databaseUrl.pathname.slice(1);
  });
  afterAll(() => app.close());
  beforeEach(() => {
    logged = [];
    spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
      logged.push(String(message));
    });
  });
  afterEach(() => spy.mockRestore());

  it('domain errors still say what went wrong', async () => {
    const res = await app.gql(LOGIN, { e: app.config.adminEmail, p: 'not-the-password' });
    expect(res.errors?.[0]).toMatchObject({
      message: 'wrong email or password',
      extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' },
    });
    expect(logged).toEqual([]);
  });

  it('a broken database under a resolver: INTERNAL_SERVER_ERROR, generic, nothing internal; logged with the request id', async () => {
    const token = await app.adminToken();
    await app.sql('DROP TABLE login_failures');
    const res = await app.gql(
      LOGIN,
      { e: app.config.adminEmail, p: 'not-the-password' },
      undefined,
      { 'x-request-id': 'broken-login-1' },
    );
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].message).toBe(GENERIC_MESSAGE);
    expect(res.errors![0].extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      reason: 'INTERNAL',
    });
    expectNothingInternal(res.body, database);
    // the server keeps what the client does not see
    expect(
      logged.some((line) => line.includes('broken-login-1') && line.includes('login_failures')),
    ).toBe(true);
    // the rest of the API is not hurt
    const me = await app.gql('{ me { email } }', undefined, token);
    expect(me.data).toEqual({ me: { email: app.config.adminEmail } });
  });

  describe('with the users table gone (the auth guard fails)', () => {
    let token: string;
    beforeAll(async () => {
      token = await app.adminToken();
      await app.sql('RENAME TABLE users TO users_away');
      // past the second a process keeps a user's token facts, so the guard reads the table
      await new Promise((resolve) => setTimeout(resolve, AUTH_FACTS_TTL_MS + 50));
    });
    afterAll(() => app.sql('RENAME TABLE users_away TO users'));

    it('GraphQL answers INTERNAL_SERVER_ERROR with nothing internal', async () => {
      const res = await app.gql('{ me { email } }', undefined, token);
      expect(res.errors?.[0].message).toBe(GENERIC_MESSAGE);
      expect(res.errors?.[0].extensions).toEqual({
        code: 'INTERNAL_SERVER_ERROR',
        reason: 'INTERNAL',
      });
      expectNothingInternal(res.body, database);
    });

    it('plain HTTP answers 500 {code, reason, message} with nothing internal, and logs it', async () => {
      const res = await app
        .http()
        .get('/health/live')
        .set('authorization', `Bearer ${token}`)
        .set('x-request-id', 'broken-http-1');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        code: 'INTERNAL_SERVER_ERROR',
        reason: 'INTERNAL',
        message: GENERIC_MESSAGE,
      });
      expectNothingInternal(res.body, database);
      expect(logged.some((line) => line.includes('broken-http-1') && line.includes('users'))).toBe(
        true,
      );
    });
  });
});

import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { AUTH_FACTS_TTL_MS } from '@app/identity';
import { CREATE_USER, GqlResult, startTestApp, TestApp } from '@app/testing';

const SIGN_OUT = 'mutation{signOut}';
const ME = '{me{id email}}';
const USERS = '{users{id}}';
const PASSWORD = 'correct horse battery';

/**
 * Server-side sign-out (issue 19): `signOut` revokes the token it is sent with, which is then
 * refused everywhere, GraphQL and the plain HTTP endpoints alike, while the user's other
 * sign-ins go on.
 */
describe('signOut', () => {
  let app: TestApp;
  let serial = 0;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  function expectRefused(res: GqlResult, code: string, reason: string): void {
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code, reason });
  }

  /** An organiser of its own, signed in twice (two devices): its id, email and both tokens. */
  async function organiser(): Promise<{ id: string; email: string; tokens: [string, string] }> {
    const email = `signing-out-${++serial}@example.com`;
    const res = await app.gql(
      CREATE_USER,
      { input: { email, password: PASSWORD, name: 'Organiser', role: 'ORGANISER' } },
      await app.adminToken(),
    );
    expect(res.errors).toBeUndefined();
    return {
      id: res.data!.createUser.id,
      email,
      tokens: [await app.login(email, PASSWORD), await app.login(email, PASSWORD)],
    };
  }

  /** An HTTP endpoint behind the guard: 404 for an event that does not exist, 401 signed out. */
  const template = (token: string) =>
    app
      .http()
      .get(`/api/events/${randomUUID()}/entries/import-template.csv`)
      .set('authorization', `Bearer ${token}`);

  it('every token has its own id and an expiry', async () => {
    const { tokens } = await organiser();
    const [a, b] = tokens.map((t) => jwt.decode(t) as jwt.JwtPayload);
    expect(typeof a.jti).toBe('string');
    expect(a.jti).not.toBe(b.jti);
    expect(typeof a.exp).toBe('number');
  });

  it('refuses the token it was sent with, on GraphQL and HTTP, and leaves the other sign-in alone', async () => {
    const { id, tokens } = await organiser();
    const [phone, laptop] = tokens;
    expect((await template(phone)).status).toBe(404);

    const out = await app.gql(SIGN_OUT, {}, phone);
    expect(out.errors).toBeUndefined();
    expect(out.data?.signOut).toBe(true);

    expectRefused(await app.gql(ME, {}, phone), 'UNAUTHENTICATED', 'TOKEN_REVOKED');
    expectRefused(await app.gql(USERS, {}, phone), 'UNAUTHENTICATED', 'TOKEN_REVOKED');
    const http = await template(phone);
    expect(http.status).toBe(401);
    expect(http.body).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    // signing out again with it is refused like any other use
    expectRefused(await app.gql(SIGN_OUT, {}, phone), 'UNAUTHENTICATED', 'TOKEN_REVOKED');

    expect((await app.gql(ME, {}, laptop)).data?.me.id).toBe(id);
    expect((await template(laptop)).status).toBe(404);
    const [row] = await app.sql<{ n: number }>(
      'SELECT COUNT(*) AS n FROM revoked_tokens WHERE user_id = ?',
      [id],
    );
    expect(Number(row.n)).toBe(1);
  });

  it('a revocation made by another API process takes effect here within a second', async () => {
    const { id, tokens } = await organiser();
    const [token] = tokens;
    expect((await app.gql(ME, {}, token)).data?.me.id).toBe(id);
    // as another process would: the row is written, this process still keeps the facts it read
    const { jti, exp } = jwt.decode(token) as jwt.JwtPayload;
    await app.sql(
      'INSERT INTO revoked_tokens (jti, user_id, expires_at, revoked_at) VALUES (?, ?, FROM_UNIXTIME(?), UTC_TIMESTAMP(3))',
      [jti, id, exp],
    );
    await new Promise((resolve) => setTimeout(resolve, AUTH_FACTS_TTL_MS + 50));
    expectRefused(await app.gql(ME, {}, token), 'UNAUTHENTICATED', 'TOKEN_REVOKED');
  });

  it('a token without an id (signed before tokens had one) signs out every sign-in of its user', async () => {
    const { id, tokens } = await organiser();
    const [{ tv }] = await app.sql<{ tv: number }>(
      'SELECT token_version AS tv FROM users WHERE id = ?',
      [id],
    );
    const old = jwt.sign({ sub: id, tv: Number(tv) }, app.config.jwtSecret!, { expiresIn: 3600 });
    expect((await app.gql(ME, {}, old)).data?.me.id).toBe(id);
    expect((await app.gql(SIGN_OUT, {}, old)).data?.signOut).toBe(true);
    for (const token of [old, ...tokens]) {
      expectRefused(await app.gql(ME, {}, token), 'UNAUTHENTICATED', 'TOKEN_REVOKED');
    }
  });

  it('without a token is UNAUTHENTICATED / AUTHENTICATION_REQUIRED', async () => {
    expectRefused(await app.gql(SIGN_OUT), 'UNAUTHENTICATED', 'AUTHENTICATION_REQUIRED');
  });

  it('a rightly signed token without an expiry is refused everywhere: INVALID_TOKEN', async () => {
    const { id } = await organiser();
    const forever = jwt.sign({ sub: id, tv: 0, jti: randomUUID() }, app.config.jwtSecret!);
    expect((jwt.decode(forever) as jwt.JwtPayload).exp).toBeUndefined();
    expectRefused(await app.gql(ME, {}, forever), 'UNAUTHENTICATED', 'INVALID_TOKEN');
    const http = await template(forever);
    expect(http.status).toBe(401);
    expect(http.body).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_TOKEN' });
  });
});

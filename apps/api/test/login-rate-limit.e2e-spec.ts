import { CREATE_USER, GqlResult, startTestApp, TestApp } from '@app/testing';

const LOGIN = 'mutation($e:String!,$p:String!){login(email:$e,password:$p){token user{id email}}}';
const ME = '{me{id email}}';
const PASSWORD = 'the right password';
const WINDOW_SECONDS = 15 * 60;

/**
 * docs/roles-and-rules.md: more than 10 failures for one email, or 50 from one address,
 * within 15 minutes give RATE_LIMITED until the window has passed, the right password too.
 * Each test uses addresses of its own (the API trusts X-Forwarded-For from loopback, as behind
 * a local proxy).
 */
describe('login rate limit', () => {
  let app: TestApp;

  const login = (email: string, password: string, ip: string) =>
    app.gql(LOGIN, { e: email, p: password }, undefined, { 'x-forwarded-for': ip });

  function expectRefused(res: GqlResult, code: string, reason: string): Record<string, unknown> {
    expect(res.data?.login ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code, reason });
    return res.errors![0].extensions;
  }

  function expectRateLimited(res: GqlResult): number {
    const extensions = expectRefused(res, 'RATE_LIMITED', 'TOO_MANY_FAILED_LOGINS');
    const retryAfter = extensions.retryAfterSeconds as number;
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    return retryAfter;
  }

  async function expectSignedIn(res: GqlResult, email: string): Promise<void> {
    expect(res.errors).toBeUndefined();
    expect(res.data?.login.user.email).toBe(email);
    const me = await app.gql(ME, {}, res.data!.login.token);
    expect(me.data?.me.email).toBe(email);
  }

  async function newUser(email: string): Promise<void> {
    const res = await app.gql(
      CREATE_USER,
      { input: { email, password: PASSWORD, name: 'Judge', role: 'JUDGE' } },
      await app.adminToken(),
    );
    expect(res.errors).toBeUndefined();
  }

  const failuresOf = async (where: string, key: string) =>
    Number(
      (
        await app.sql<{ n: number }>(
          `SELECT COUNT(*) AS n FROM login_failures WHERE ${where} = ?`,
          [key],
        )
      )[0].n,
    );

  /** Moves the recorded failures of this email or address into the past. */
  const age = (where: 'email' | 'ip', key: string, minutes: number) =>
    app.sql(`UPDATE login_failures SET at = at - INTERVAL ${minutes} MINUTE WHERE ${where} = ?`, [
      key,
    ]);

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('records the address of X-Forwarded-For from a loopback proxy', async () => {
    expectRefused(
      await login('nobody@example.com', 'wrong password', '198.51.100.99'),
      'UNAUTHENTICATED',
      'INVALID_CREDENTIALS',
    );
    const rows = await app.sql<{ email: string; ip: string }>(
      'SELECT email, ip FROM login_failures WHERE email = ?',
      ['nobody@example.com'],
    );
    expect(rows).toEqual([{ email: 'nobody@example.com', ip: '198.51.100.99' }]);
  });

  describe('per email', () => {
    const email = 'limited-judge@example.com';
    const ip = '203.0.113.7';

    beforeAll(() => newUser(email));

    it('lets 10 failures through, then refuses even the right password until the window has passed', async () => {
      for (let i = 1; i <= 10; i++) {
        // the same email in another case and with spaces counts as the same email
        const given = i % 2 === 0 ? `  ${email.toUpperCase()} ` : email;
        expectRefused(
          await login(given, `wrong password ${i}`, ip),
          'UNAUTHENTICATED',
          'INVALID_CREDENTIALS',
        );
      }
      expect(await failuresOf('email', email)).toBe(10);

      // the 11th attempt, with the right password
      const retryAfter = expectRateLimited(await login(email, PASSWORD, ip));
      expect(retryAfter).toBeGreaterThan(WINDOW_SECONDS - 60);
      // a wrong one too, and it is not counted (so the wait does end)
      expectRateLimited(await login(email, 'wrong again', ip));
      // from another address too: the limit is on the email
      expectRateLimited(await login(email, PASSWORD, '203.0.113.8'));
      expect(await failuresOf('email', email)).toBe(10);

      // another email from the same address is fine
      const other = 'other-judge@example.com';
      await newUser(other);
      await expectSignedIn(await login(other, PASSWORD, ip), other);

      // 14 minutes later: still inside the window, less than a minute left
      await age('email', email, 14);
      const rest = expectRateLimited(await login(email, PASSWORD, ip));
      expect(rest).toBeLessThanOrEqual(60);

      // 16 minutes after the failures the window has passed
      await age('email', email, 2);
      await expectSignedIn(await login(email, PASSWORD, ip), email);
    });

    it('counts only the failures inside the window', async () => {
      const email2 = 'sliding-judge@example.com';
      await newUser(email2);
      for (let i = 0; i < 5; i++)
        expectRefused(
          await login(email2, 'wrong', '203.0.113.9'),
          'UNAUTHENTICATED',
          'INVALID_CREDENTIALS',
        );
      await age('email', email2, 16);
      for (let i = 0; i < 10; i++)
        expectRefused(
          await login(email2, 'wrong', '203.0.113.9'),
          'UNAUTHENTICATED',
          'INVALID_CREDENTIALS',
        );
      expectRateLimited(await login(email2, PASSWORD, '203.0.113.9'));
    });

    it('limits an over-long email too', async () => {
      const long = `${'x'.repeat(300)}@example.com`;
      for (let i = 1; i <= 10; i++) {
        expectRefused(
          await login(long, 'wrong password', `203.0.113.${100 + i}`),
          'UNAUTHENTICATED',
          'INVALID_CREDENTIALS',
        );
      }
      expectRateLimited(await login(long, 'wrong password', '203.0.113.111'));
    });
  });

  it('an address that is not an IP (from a forwarding header) is still answered INVALID_CREDENTIALS, and counted', async () => {
    const odd = `proxy-said-${'z'.repeat(100)}`;
    for (let i = 1; i <= 3; i++) {
      expectRefused(
        await login(`odd-${i}@example.com`, 'wrong password', odd),
        'UNAUTHENTICATED',
        'INVALID_CREDENTIALS',
      );
    }
    expect(await failuresOf('ip', odd.slice(0, 45))).toBe(3);
  });

  describe('per address', () => {
    const ip = '198.51.100.7';
    const email = 'busy-judge@example.com';

    beforeAll(() => newUser(email));

    it('lets 50 failures from one address through, then refuses the 51st attempt from it', async () => {
      for (let i = 1; i <= 50; i++) {
        expectRefused(
          await login(`guess-${i}@example.com`, 'wrong password', ip),
          'UNAUTHENTICATED',
          'INVALID_CREDENTIALS',
        );
      }
      expect(await failuresOf('ip', ip)).toBe(50);

      // the 51st attempt, a real account with the right password, from the same address
      expectRateLimited(await login(email, PASSWORD, ip));
      expectRateLimited(await login('guess-51@example.com', 'wrong password', ip));
      expect(await failuresOf('ip', ip)).toBe(50);

      // the same email from another address is fine
      await expectSignedIn(await login(email, PASSWORD, '198.51.100.8'), email);

      // once the failures are older than the window, the address may sign in again
      await age('ip', ip, 16);
      await expectSignedIn(await login(email, PASSWORD, ip), email);
    });
  });
});

import {
  CREATE_USER,
  creditCode,
  GqlResult,
  REGISTER_ENTRANT,
  seedRegions,
  startTestApp,
  TestApp,
  together,
} from '@app/testing';
import { PasswordHasher } from '../../libs/identity/src/auth/password-hasher';
import { gqlAnswer } from './hostile';

/**
 * Identity's limits under attack (issue 19): sign-in failures, wrong old passwords, sign-ups
 * per address and per credit code, and account-creating aliases. Each race starts its requests
 * together (one barrier, not a loop of awaits), then checks that the limit held AND that nothing
 * beyond it was done: password checks counted on the hasher itself, rows counted in the tables.
 * The summary line of each ("tried, held") goes to the test output.
 */

const LOGIN = 'mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}';
const CHANGE_PASSWORD =
  'mutation($o:String!,$n:String!){changePassword(oldPassword:$o,newPassword:$n)}';
const PASSWORD = 'the right password';
/** docs/roles-and-rules.md */
const FAILURES_PER_EMAIL = 10;
const FAILURES_PER_ADDRESS = 50;
const REGISTRATIONS_PER_ADDRESS = 10;
const REGISTRATIONS_PER_CREDIT_CODE = 5;

/** 'ok', or the refusal's reason (or its code when it has none), of each answer. */
function outcomes(answers: PromiseSettledResult<GqlResult>[]): string[] {
  return answers.map((answer) => {
    if (answer.status === 'rejected') return `threw ${String(answer.reason)}`;
    const { reason, code } = gqlAnswer(answer.value);
    return answer.value.errors ? (reason ?? code ?? 'error') : 'ok';
  });
}

function tally(list: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of list) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

function report(name: string, tried: number, held: Record<string, unknown>): void {
  process.stdout.write(`race ${name}: ${tried} tried, ${JSON.stringify(held)}\n`);
}

describe('races: identity limits hold when requests arrive together', () => {
  let app: TestApp;
  let admin: string;
  let hasher: PasswordHasher;

  beforeAll(async () => {
    // The limit of the configuration's default (the other tests raise it for their fixtures).
    app = await startTestApp({
      env: { REGISTRATIONS_PER_ADDRESS: String(REGISTRATIONS_PER_ADDRESS) },
    });
    admin = await app.adminToken();
    await seedRegions(app);
    hasher = app.api.get(PasswordHasher, { strict: false });
  });
  afterAll(() => app.close());
  afterEach(() => jest.restoreAllMocks());

  /** Counts the real password checks (argon2 verifications) made while `work` runs. */
  async function passwordChecks<T>(work: () => Promise<T>): Promise<{ checks: number; result: T }> {
    const spy = jest.spyOn(hasher, 'verify');
    try {
      const result = await work();
      return { checks: spy.mock.calls.length, result };
    } finally {
      spy.mockRestore();
    }
  }

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await app.sql<{ n: number }>(sql, params))[0].n);

  async function newJudge(email: string): Promise<void> {
    const res = await app.gql(
      CREATE_USER,
      { input: { email, password: PASSWORD, name: 'Judge', role: 'JUDGE' } },
      admin,
    );
    expect(res.errors).toBeUndefined();
  }

  const login = (email: string, password: string, ip: string) =>
    app.gql(LOGIN, { e: email, p: password }, undefined, { 'x-forwarded-for': ip });

  describe('sign-in failures', () => {
    it(`60 wrong passwords for one email at once (from 60 addresses): at most ${FAILURES_PER_EMAIL} password checks, and the right password is then refused`, async () => {
      const email = 'raced-judge@example.com';
      await newJudge(email);
      const { checks, result } = await passwordChecks(() =>
        together(60, (i) => login(email, `wrong password ${i}`, `203.0.113.${i + 1}`)),
      );
      const seen = tally(outcomes(result));
      const failures = await count('SELECT COUNT(*) AS n FROM login_failures WHERE email = ?', [
        email,
      ]);
      const right = gqlAnswer(await login(email, PASSWORD, '203.0.113.200'));
      report('sign-in failures per email', 60, { checks, failures, seen, right: right.reason });

      expect(checks).toBeLessThanOrEqual(FAILURES_PER_EMAIL);
      expect(seen).toEqual({
        INVALID_CREDENTIALS: checks,
        TOO_MANY_FAILED_LOGINS: 60 - checks,
      });
      expect(failures).toBe(checks);
      expect(right).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_FAILED_LOGINS' });
    });

    it(`120 wrong sign-ins from one address at once (120 emails): at most ${FAILURES_PER_ADDRESS} password checks, and a real account is then refused from there`, async () => {
      const ip = '198.51.100.60';
      const email = 'busy-raced-judge@example.com';
      await newJudge(email);
      const { checks, result } = await passwordChecks(() =>
        together(120, (i) => login(`guess-${i}@example.com`, 'wrong password', ip)),
      );
      const seen = tally(outcomes(result));
      const failures = await count('SELECT COUNT(*) AS n FROM login_failures WHERE ip = ?', [ip]);
      const right = gqlAnswer(await login(email, PASSWORD, ip));
      report('sign-in failures per address', 120, { checks, failures, seen, right: right.reason });

      expect(checks).toBeLessThanOrEqual(FAILURES_PER_ADDRESS);
      expect(seen).toEqual({
        INVALID_CREDENTIALS: checks,
        TOO_MANY_FAILED_LOGINS: 120 - checks,
      });
      expect(failures).toBe(checks);
      expect(right).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_FAILED_LOGINS' });
    });
  });

  describe('changePassword', () => {
    it(`40 wrong old passwords at once: at most ${FAILURES_PER_EMAIL} checks, then the right one is refused and nothing changed`, async () => {
      const email = 'raced-password@example.com';
      await newJudge(email);
      const token = await app.login(email, PASSWORD);
      const before = await app.sql<{ hash: string; tv: number }>(
        'SELECT password_hash AS hash, token_version AS tv FROM users WHERE email = ?',
        [email],
      );
      const { checks, result } = await passwordChecks(() =>
        together(40, (i) =>
          app.gql(CHANGE_PASSWORD, { o: `wrong old ${i}`, n: 'a brand new password' }, token, {
            'x-forwarded-for': `192.0.2.${i + 1}`,
          }),
        ),
      );
      const seen = tally(outcomes(result));
      const right = gqlAnswer(
        await app.gql(CHANGE_PASSWORD, { o: PASSWORD, n: 'a brand new password' }, token, {
          'x-forwarded-for': '192.0.2.200',
        }),
      );
      const after = await app.sql<{ hash: string; tv: number }>(
        'SELECT password_hash AS hash, token_version AS tv FROM users WHERE email = ?',
        [email],
      );
      report('changePassword failures', 40, { checks, seen, right: right.reason });

      expect(checks).toBeLessThanOrEqual(FAILURES_PER_EMAIL);
      expect(seen).toEqual({
        INVALID_CREDENTIALS: checks,
        TOO_MANY_FAILED_LOGINS: 40 - checks,
      });
      expect(right).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_FAILED_LOGINS' });
      expect(after).toEqual(before);
      // the wrong old passwords locked sign-in for that email too (the same count)
      expect(gqlAnswer(await login(email, PASSWORD, '192.0.2.201'))).toMatchObject({
        reason: 'TOO_MANY_FAILED_LOGINS',
      });
    });
  });

  describe('registration', () => {
    let serial = 0;
    const entrant = (overrides: Record<string, unknown> = {}) => {
      const n = 7000 + ++serial;
      return {
        email: `raced-entrant-${n}@example.com`,
        password: 'correct horse battery',
        name: `竞速企业${n}`,
        type: 'ENTERPRISE',
        creditCode: creditCode(n),
        regionCode: '450100',
        ...overrides,
      };
    };
    const rows = async () => ({
      users: await count('SELECT COUNT(*) AS n FROM users'),
      entrants: await count('SELECT COUNT(*) AS n FROM entrants'),
    });

    it(`30 sign-ups from one address at once: at most ${REGISTRATIONS_PER_ADDRESS} accounts, the rest RATE_LIMITED with a wait`, async () => {
      const before = await rows();
      const inputs = Array.from({ length: 30 }, () => entrant());
      const answers = await together(30, (i) =>
        app.gql(REGISTER_ENTRANT, { input: inputs[i] }, undefined, {
          'x-forwarded-for': '198.51.100.70',
        }),
      );
      const seen = tally(outcomes(answers));
      const after = await rows();
      const created = after.users - before.users;
      report('registrations per address', 30, { created, seen });

      expect(created).toBeLessThanOrEqual(REGISTRATIONS_PER_ADDRESS);
      expect(after.entrants - before.entrants).toBe(created);
      expect(seen).toEqual({ ok: created, TOO_MANY_REGISTRATIONS: 30 - created });
      for (const answer of answers) {
        if (answer.status !== 'fulfilled' || !answer.value.errors) continue;
        const extensions = answer.value.errors[0].extensions;
        expect(extensions.code).toBe('RATE_LIMITED');
        expect(extensions.retryAfterSeconds).toBeGreaterThan(0);
        expect(extensions.retryAfterSeconds).toBeLessThanOrEqual(3600);
      }
    });

    it(`20 sign-ups of one credit code at once, from 20 addresses: one account, at most ${REGISTRATIONS_PER_CREDIT_CODE} attempts reach the database`, async () => {
      const before = await rows();
      const code = creditCode(7999);
      const inputs = Array.from({ length: 20 }, () => entrant({ creditCode: code }));
      const answers = await together(20, (i) =>
        app.gql(REGISTER_ENTRANT, { input: inputs[i] }, undefined, {
          'x-forwarded-for': `198.51.100.${100 + i}`,
        }),
      );
      const seen = tally(outcomes(answers));
      const after = await rows();
      report('registrations per credit code', 20, {
        created: after.users - before.users,
        seen,
      });

      expect(after.users - before.users).toBe(1);
      expect(after.entrants - before.entrants).toBe(1);
      expect(seen.ok).toBe(1);
      expect(seen.TOO_MANY_REGISTRATIONS).toBe(20 - REGISTRATIONS_PER_CREDIT_CODE);
      expect(seen.CREDIT_CODE_TAKEN).toBe(REGISTRATIONS_PER_CREDIT_CODE - 1);
    });

    it('5 releases of one credit code at once: one release recorded, the rest find no holder', async () => {
      const code = creditCode(7998);
      const held = await app.gql(
        REGISTER_ENTRANT,
        { input: entrant({ creditCode: code }) },
        undefined,
        {
          'x-forwarded-for': '198.51.100.90',
        },
      );
      expect(held.errors).toBeUndefined();
      const answers = await together(5, () =>
        app.gql(
          'mutation($c:String!){releaseCreditCode(creditCode:$c,reason:"营业执照核验"){id}}',
          { c: code },
          admin,
        ),
      );
      const seen = tally(outcomes(answers));
      const recorded = await count(
        'SELECT COUNT(*) AS n FROM credit_code_releases WHERE credit_code = ?',
        [code],
      );
      report('releases of one credit code', 5, { recorded, seen });

      expect(recorded).toBe(1);
      expect(seen).toEqual({ ok: 1, CREDIT_CODE_NOT_FOUND: 4 });
    });

    /** One mutation with `n` aliases of registerEntrant, each a different individual. */
    function aliasedSignUps(n: number, tag: string): string {
      const fields = Array.from(
        { length: n },
        (_, i) =>
          `a${i}: registerEntrant(input: {email: "${tag}-${i}@example.com", password: "correct horse battery", name: "个人${i}", type: INDIVIDUAL, regionCode: "450100"}) { token }`,
      );
      return `mutation { ${fields.join('\n')} }`;
    }

    it('two aliases of registerEntrant in one request are refused before any account is created', async () => {
      const before = await rows();
      const answers = await together(3, (i) =>
        app.gql(aliasedSignUps(2, `pair-${i}`), {}, undefined, {
          'x-forwarded-for': `198.51.100.${200 + i}`,
        }),
      );
      const after = await rows();
      report('two account-creating fields per request', 3, {
        created: after.users - before.users,
        seen: tally(outcomes(answers)),
      });
      for (const answer of answers) {
        expect(answer.status).toBe('fulfilled');
        if (answer.status !== 'fulfilled') continue;
        expect(answer.value.data ?? null).toBeNull();
        expect(gqlAnswer(answer.value)).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'ONE_ACCOUNT_PER_REQUEST',
        });
      }
      expect(after).toEqual(before);
    });

    it('1,000 aliases of registerEntrant in one request, two such requests at once: refused, no account created', async () => {
      const before = await rows();
      const answers = await together(2, (i) =>
        app.gql(aliasedSignUps(1000, `mass-${i}`), {}, undefined, {
          'x-forwarded-for': `198.51.100.${210 + i}`,
        }),
      );
      const after = await rows();
      report('1,000 aliases of registerEntrant', 2, {
        created: after.users - before.users,
        seen: tally(outcomes(answers)),
      });
      for (const answer of answers) {
        expect(answer.status).toBe('fulfilled');
        if (answer.status !== 'fulfilled') continue;
        expect(Object.keys(answer.value.data ?? {})).toHaveLength(0);
        // refused by this rule or by the general cap on root fields, whichever looks first
        expect(gqlAnswer(answer.value).code).toBe('BAD_USER_INPUT');
      }
      expect(after).toEqual(before);
    }, 180_000);
  });
});

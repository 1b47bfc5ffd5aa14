import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { CREDIT_CODE_ALPHABET, GUANGXI_CITIES } from '@app/validators';
import { AUTH_FACTS_TTL_MS, PasswordHasher } from '@app/identity';
import {
  CREATE_USER,
  creditCode,
  GqlResult,
  REGISTER_ENTRANT,
  seedRegions,
  startTestApp,
  TestApp,
  UPSERT_REGIONS,
} from '@app/testing';

const LOGIN =
  'mutation($e:String!,$p:String!){login(email:$e,password:$p){token user{id email name role}}}';
const ME =
  '{me{id email name role regionCode affiliationEntrantId entrant{id name type creditCode regionCode region{code name}}}}';
const USERS = 'query($role:Role){users(role:$role){id email name role regionCode}}';
const REGIONS = '{regions{code name}}';
const CHANGE_PASSWORD =
  'mutation($o:String!,$n:String!){changePassword(oldPassword:$o,newPassword:$n)}';

const PASSWORD = 'correct horse battery';

/** Asserts a single error of this code (and reason), with no data for the failed root fields. */
function expectError(
  res: GqlResult,
  code: string,
  reason?: string,
): NonNullable<GqlResult['errors']>[number] {
  expect(res.errors).toBeDefined();
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].extensions).toMatchObject(
    reason === undefined ? { code } : { code, reason },
  );
  if (res.data) for (const value of Object.values(res.data)) expect(value).toBeNull();
  return res.errors![0];
}

function expectOk<T>(res: GqlResult<T>): T {
  expect(res.errors).toBeUndefined();
  expect(res.data).toBeTruthy();
  return res.data as T;
}

let serial = 0;
/** A fresh email address for each call. */
function email(tag: string): string {
  return `${tag}-${++serial}@example.com`;
}

describe('identity over GraphQL', () => {
  let app: TestApp;
  let admin: string;
  let adminId: string;
  let organiser: string;
  let judge: string;
  let coordinator: string;
  let entrant: string;
  let entrantId: string;

  const createUser = (token: string | undefined, input: Record<string, unknown>) =>
    app.gql(CREATE_USER, { input }, token);
  const register = (input: Record<string, unknown>) => app.gql(REGISTER_ENTRANT, { input });
  const count = async (
    table: 'users' | 'entrants' | 'regions',
    where = '1 = 1',
    params: unknown[] = [],
  ) =>
    Number(
      (await app.sql<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params))[0]
        .n,
    );

  /** Creates a user of this role as the admin and signs in as it. */
  async function signedIn(
    role: string,
    extra: Record<string, unknown> = {},
  ): Promise<{ token: string; id: string; email: string }> {
    const address = email(role.toLowerCase());
    const res = await createUser(admin, {
      email: address,
      password: PASSWORD,
      name: `${role} person`,
      role,
      ...extra,
    });
    const { createUser: user } = expectOk(res);
    return { token: await app.login(address, PASSWORD), id: user.id, email: address };
  }

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    adminId = expectOk(await app.gql(ME, {}, admin)).me.id;
    organiser = (await signedIn('ORGANISER')).token;
    judge = (await signedIn('JUDGE')).token;
    coordinator = (await signedIn('COORDINATOR', { regionCode: '450200' })).token;
    const reg = expectOk(
      await register({
        email: email('entrant'),
        password: PASSWORD,
        name: '南宁工艺美术有限公司',
        type: 'ENTERPRISE',
        creditCode: creditCode(900),
        regionCode: '450100',
      }),
    );
    entrant = reg.registerEntrant.token;
    entrantId = reg.registerEntrant.user.entrant.id;
  });
  afterAll(() => app.close());

  describe('login and me', () => {
    it('signs in the bootstrap admin, whose token answers me as the ADMIN', async () => {
      const res = await app.gql(LOGIN, { e: app.config.adminEmail, p: app.config.adminPassword });
      const { login } = expectOk(res);
      expect(login.user).toMatchObject({ email: app.config.adminEmail, role: 'ADMIN' });
      expect(typeof login.token).toBe('string');

      const me = expectOk(await app.gql(ME, {}, login.token)).me;
      expect(me).toMatchObject({
        id: login.user.id,
        email: app.config.adminEmail,
        role: 'ADMIN',
        entrant: null,
      });
    });

    it('issues a JWT that expires after TOKEN_TTL and names the user', async () => {
      const { login } = expectOk(
        await app.gql(LOGIN, { e: app.config.adminEmail, p: app.config.adminPassword }),
      );
      const parts = login.token.split('.');
      expect(parts).toHaveLength(3);
      const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
      expect(header.alg).toBe('HS256');
      const payload = jwt.verify(login.token, app.config.jwtSecret!) as jwt.JwtPayload;
      expect(typeof payload.exp).toBe('number');
      expect(typeof payload.iat).toBe('number');
      expect(payload.exp! - payload.iat!).toBe(app.config.tokenTtlSeconds);
      expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(60);
      expect(payload.sub).toBe(login.user.id);
    });

    it('accepts the email in any case and with surrounding spaces', async () => {
      const res = await app.gql(LOGIN, {
        e: `  ${app.config.adminEmail.toUpperCase()} `,
        p: app.config.adminPassword,
      });
      expect(expectOk(res).login.user.id).toBe(adminId);
    });

    it('answers a wrong password and an unknown email alike: UNAUTHENTICATED / INVALID_CREDENTIALS', async () => {
      const wrongPassword = await app.gql(LOGIN, {
        e: app.config.adminEmail,
        p: 'not-the-password',
      });
      const unknownEmail = await app.gql(LOGIN, {
        e: 'nobody-here@example.com',
        p: app.config.adminPassword,
      });
      const a = expectError(wrongPassword, 'UNAUTHENTICATED', 'INVALID_CREDENTIALS');
      const b = expectError(unknownEmail, 'UNAUTHENTICATED', 'INVALID_CREDENTIALS');
      expect(a.message).toBe(b.message);
      expect(a.extensions).toEqual(b.extensions);
    });

    it('does the same work for a wrong password and an unknown email: one argon2 check, one failure counted', async () => {
      const hasher = app.api.get(PasswordHasher, { strict: false });
      const failures = async (email: string) =>
        Number(
          (
            await app.sql<{ n: number }>(
              'SELECT COUNT(*) AS n FROM login_failures WHERE email = ? AND pending = 0',
              [email],
            )
          )[0].n,
        );
      const work = async (email: string) => {
        const before = await failures(email);
        const spy = jest.spyOn(hasher, 'verify');
        try {
          await app.gql(LOGIN, { e: email, p: 'not-the-password' });
          return { checks: spy.mock.calls.length, counted: (await failures(email)) - before };
        } finally {
          spy.mockRestore();
        }
      };
      expect(await work(app.config.adminEmail)).toEqual({ checks: 1, counted: 1 });
      expect(await work('nobody-at-all@example.com')).toEqual({ checks: 1, counted: 1 });
    });
  });

  describe('tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

    /** name, Authorization header value, reason */
    const badTokens: Array<[string, () => string, string]> = [
      [
        'forged (another secret)',
        () =>
          `Bearer ${jwt.sign({ sub: adminId, tv: 0 }, 'another-secret-0123456789abcdefghijklmnop', { expiresIn: 3600 })}`,
        'INVALID_TOKEN',
      ],
      [
        'tampered signature',
        () => {
          const token = jwt.sign({ sub: adminId, tv: 0 }, app.config.jwtSecret!, {
            expiresIn: 3600,
          });
          const [h, p, s] = token.split('.');
          const i = Math.floor(s.length / 2);
          return `Bearer ${h}.${p}.${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
        },
        'INVALID_TOKEN',
      ],
      [
        'tampered payload (another user, same signature)',
        () => {
          const token = jwt.sign({ sub: randomUUID(), tv: 0 }, app.config.jwtSecret!, {
            expiresIn: 3600,
          });
          const [h, , s] = token.split('.');
          return `Bearer ${h}.${b64({ sub: adminId, tv: 0, iat: now(), exp: now() + 3600 })}.${s}`;
        },
        'INVALID_TOKEN',
      ],
      [
        'unsigned (alg none)',
        () =>
          `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: adminId, tv: 0, exp: now() + 3600 })}.`,
        'INVALID_TOKEN',
      ],
      [
        'signed with HS512 (the right secret, another algorithm)',
        () =>
          `Bearer ${jwt.sign({ sub: adminId, tv: 0 }, app.config.jwtSecret!, { algorithm: 'HS512', expiresIn: 3600 })}`,
        'INVALID_TOKEN',
      ],
      ['garbage', () => 'Bearer not.a.jwt-at-all', 'INVALID_TOKEN'],
      ['"Bearer" with no token', () => 'Bearer', 'INVALID_TOKEN'],
      [
        'not a Bearer header',
        () => `Basic ${Buffer.from('admin:admin').toString('base64')}`,
        'INVALID_TOKEN',
      ],
      [
        'a bare token without "Bearer"',
        () => jwt.sign({ sub: adminId, tv: 0 }, app.config.jwtSecret!, { expiresIn: 3600 }),
        'INVALID_TOKEN',
      ],
      [
        'claims of another shape',
        () =>
          `Bearer ${jwt.sign({ sub: adminId, tv: 'zero' }, app.config.jwtSecret!, { expiresIn: 3600 })}`,
        'INVALID_TOKEN',
      ],
      [
        'rightly signed but without an expiry',
        () =>
          `Bearer ${jwt.sign({ sub: adminId, tv: 0, jti: randomUUID() }, app.config.jwtSecret!)}`,
        'INVALID_TOKEN',
      ],
      [
        'expired',
        () =>
          `Bearer ${jwt.sign({ sub: adminId, tv: 0, iat: now() - 7200, exp: now() - 60 }, app.config.jwtSecret!)}`,
        'TOKEN_EXPIRED',
      ],
      [
        'for a user that does not exist',
        () =>
          `Bearer ${jwt.sign({ sub: randomUUID(), tv: 0 }, app.config.jwtSecret!, { expiresIn: 3600 })}`,
        'TOKEN_REVOKED',
      ],
    ];

    const operations: Array<[string, string, () => Record<string, unknown>]> = [
      ['users (protected)', USERS, () => ({})],
      ['regions (public)', REGIONS, () => ({})],
      ['me (public)', ME, () => ({})],
      [
        'login (public, right password)',
        LOGIN,
        () => ({ e: app.config.adminEmail, p: app.config.adminPassword }),
      ],
    ];

    describe.each(badTokens)('a token that is %s', (_name, header, reason) => {
      it.each(operations)('is UNAUTHENTICATED on %s', async (_op, query, variables) => {
        const res = await app.gql(query, variables(), undefined, { authorization: header() });
        expectError(res, 'UNAUTHENTICATED', reason);
      });
    });

    it('the well-formed control token works (so the bad ones fail for their flaw only)', async () => {
      const token = jwt.sign({ sub: adminId, tv: 0 }, app.config.jwtSecret!, { expiresIn: 3600 });
      expect(expectOk(await app.gql(ME, {}, token)).me.id).toBe(adminId);
      expect(expectOk(await app.gql(USERS, {}, token)).users.length).toBeGreaterThan(0);
    });

    it('a token accepted before is refused once it expires (its checked signature is remembered, its expiry is not)', async () => {
      const token = jwt.sign({ sub: adminId, tv: 0, exp: now() + 1 }, app.config.jwtSecret!);
      expect(expectOk(await app.gql(ME, {}, token)).me.id).toBe(adminId);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      expectError(await app.gql(ME, {}, token), 'UNAUTHENTICATED', 'TOKEN_EXPIRED');
    });

    it('no token is fine on public operations: me is null, regions lists', async () => {
      expect(expectOk(await app.gql(ME)).me).toBeNull();
      const { regions } = expectOk(await app.gql(REGIONS));
      expect(regions.map((r: { code: string }) => r.code)).toEqual(
        expect.arrayContaining(GUANGXI_CITIES.map((c) => c.code)),
      );
    });

    it('no token on users is UNAUTHENTICATED / AUTHENTICATION_REQUIRED', async () => {
      expectError(await app.gql(USERS), 'UNAUTHENTICATED', 'AUTHENTICATION_REQUIRED');
    });
  });

  describe('createUser', () => {
    it.each(['ADMIN', 'ORGANISER', 'JUDGE', 'COORDINATOR'])(
      'an ADMIN creates a %s, who can sign in',
      async (role) => {
        const address = email(`made-${role.toLowerCase()}`);
        const res = await createUser(admin, {
          email: address,
          password: PASSWORD,
          name: `A ${role}`,
          role,
          regionCode: role === 'COORDINATOR' ? '450300' : null,
        });
        const user = expectOk(res).createUser;
        expect(user).toMatchObject({
          email: address,
          name: `A ${role}`,
          role,
          regionCode: role === 'COORDINATOR' ? '450300' : null,
          affiliationEntrantId: null,
        });
        const token = await app.login(address, PASSWORD);
        expect(expectOk(await app.gql(ME, {}, token)).me).toMatchObject({
          id: user.id,
          role,
          entrant: null,
        });
      },
    );

    it.each(['JUDGE', 'COORDINATOR'])(
      'an ORGANISER creates a %s, who can sign in',
      async (role) => {
        const address = email(`org-made-${role.toLowerCase()}`);
        const res = await createUser(organiser, {
          email: address,
          password: PASSWORD,
          name: `A ${role}`,
          role,
          regionCode: role === 'COORDINATOR' ? '450400' : undefined,
        });
        expect(expectOk(res).createUser).toMatchObject({ email: address, role });
        const token = await app.login(address, PASSWORD);
        expect(expectOk(await app.gql(ME, {}, token)).me.role).toBe(role);
      },
    );

    it.each(['ADMIN', 'ORGANISER', 'ENTRANT'])(
      'an ORGANISER may not create a %s: FORBIDDEN / ROLE_NOT_ALLOWED',
      async (role) => {
        const address = email('org-refused');
        const res = await createUser(organiser, {
          email: address,
          password: PASSWORD,
          name: 'Nope',
          role,
          affiliationEntrantId: role === 'ENTRANT' ? entrantId : undefined,
        });
        expectError(res, 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
        expect(await count('users', 'email = ?', [address])).toBe(0);
      },
    );

    it.each([
      ['JUDGE', () => judge],
      ['COORDINATOR', () => coordinator],
      ['ENTRANT', () => entrant],
    ])('a %s may not create users: FORBIDDEN', async (_role, token) => {
      const address = email('refused');
      const res = await createUser(token(), {
        email: address,
        password: PASSWORD,
        name: 'Nope',
        role: 'JUDGE',
      });
      expectError(res, 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
      expect(await count('users', 'email = ?', [address])).toBe(0);
    });

    it('anonymous may not create users: UNAUTHENTICATED', async () => {
      const res = await createUser(undefined, {
        email: email('anon'),
        password: PASSWORD,
        name: 'Nope',
        role: 'JUDGE',
      });
      expectError(res, 'UNAUTHENTICATED', 'AUTHENTICATION_REQUIRED');
    });

    it.each([
      ['no regionCode', undefined],
      ['a null regionCode', null],
      ['a blank regionCode', '  '],
    ])('a COORDINATOR with %s is BAD_USER_INPUT / REGION_REQUIRED', async (_name, regionCode) => {
      const address = email('coord-noregion');
      const res = await createUser(admin, {
        email: address,
        password: PASSWORD,
        name: 'C',
        role: 'COORDINATOR',
        regionCode,
      });
      expectError(res, 'BAD_USER_INPUT', 'REGION_REQUIRED');
      expect(await count('users', 'email = ?', [address])).toBe(0);
    });

    it('an unknown (well-formed) region is BAD_USER_INPUT / UNKNOWN_REGION', async () => {
      const res = await createUser(admin, {
        email: email('c'),
        password: PASSWORD,
        name: 'C',
        role: 'COORDINATOR',
        regionCode: '110000',
      });
      expectError(res, 'BAD_USER_INPUT', 'UNKNOWN_REGION');
    });

    it.each(['4501', '45010A', '990100', '000000'])(
      'a malformed region %s is BAD_USER_INPUT / INVALID_REGION_CODE',
      async (regionCode) => {
        const res = await createUser(admin, {
          email: email('c'),
          password: PASSWORD,
          name: 'C',
          role: 'COORDINATOR',
          regionCode,
        });
        expectError(res, 'BAD_USER_INPUT', 'INVALID_REGION_CODE');
      },
    );

    it('a taken email, in other case and with spaces, is CONFLICT / EMAIL_TAKEN', async () => {
      const address = email('dup');
      expectOk(
        await createUser(admin, {
          email: address,
          password: PASSWORD,
          name: 'First',
          role: 'JUDGE',
        }),
      );
      const res = await createUser(admin, {
        email: `  ${address.toUpperCase()}  `,
        password: PASSWORD,
        name: 'Second',
        role: 'JUDGE',
      });
      expectError(res, 'CONFLICT', 'EMAIL_TAKEN');
      const rows = await app.sql<{ name: string }>('SELECT name FROM users WHERE email = ?', [
        address,
      ]);
      expect(rows).toEqual([{ name: 'First' }]);
    });

    it('stores the email trimmed and lower-cased', async () => {
      const address = email('mixed');
      const res = await createUser(admin, {
        email: ` ${address.toUpperCase()} `,
        password: PASSWORD,
        name: 'M',
        role: 'JUDGE',
      });
      expect(expectOk(res).createUser.email).toBe(address);
      await app.login(address, PASSWORD);
    });

    it.each(['not-an-email', 'two@@example.com', 'no-domain@', 'spa ce@example.com', ''])(
      'a bad email %j is BAD_USER_INPUT / INVALID_EMAIL',
      async (address) => {
        const res = await createUser(admin, {
          email: address,
          password: PASSWORD,
          name: 'E',
          role: 'JUDGE',
        });
        expectError(res, 'BAD_USER_INPUT', 'INVALID_EMAIL');
      },
    );

    it.each(['short', '1234567', 'x'.repeat(129)])(
      'a weak password is BAD_USER_INPUT / WEAK_PASSWORD (%#)',
      async (password) => {
        const address = email('weak');
        const res = await createUser(admin, { email: address, password, name: 'W', role: 'JUDGE' });
        expectError(res, 'BAD_USER_INPUT', 'WEAK_PASSWORD');
        expect(await count('users', 'email = ?', [address])).toBe(0);
      },
    );

    it('a blank name is BAD_USER_INPUT / INVALID_NAME', async () => {
      const res = await createUser(admin, {
        email: email('noname'),
        password: PASSWORD,
        name: '   ',
        role: 'JUDGE',
      });
      expectError(res, 'BAD_USER_INPUT', 'INVALID_NAME');
    });

    it('a JUDGE affiliated with an existing entrant shows affiliationEntrantId, and acts for no entrant', async () => {
      const address = email('affiliated-judge');
      const res = await createUser(organiser, {
        email: address,
        password: PASSWORD,
        name: 'J',
        role: 'JUDGE',
        affiliationEntrantId: entrantId,
      });
      expect(expectOk(res).createUser).toMatchObject({
        role: 'JUDGE',
        affiliationEntrantId: entrantId,
      });
      const me = expectOk(await app.gql(ME, {}, await app.login(address, PASSWORD))).me;
      expect(me).toMatchObject({ role: 'JUDGE', affiliationEntrantId: entrantId, entrant: null });
    });

    it.each([
      ['a random uuid', () => randomUUID()],
      ['not a uuid', () => 'entrant-42'],
    ])(
      'an unknown affiliationEntrantId (%s) is BAD_USER_INPUT / UNKNOWN_ENTRANT',
      async (_name, id) => {
        const address = email('j');
        const res = await createUser(admin, {
          email: address,
          password: PASSWORD,
          name: 'J',
          role: 'JUDGE',
          affiliationEntrantId: id(),
        });
        expectError(res, 'BAD_USER_INPUT', 'UNKNOWN_ENTRANT');
        expect(await count('users', 'email = ?', [address])).toBe(0);
      },
    );

    it('an ADMIN creates a second ENTRANT sign-in that acts for the given entrant', async () => {
      const address = email('second-entrant');
      const res = await createUser(admin, {
        email: address,
        password: PASSWORD,
        name: '第二联系人',
        role: 'ENTRANT',
        affiliationEntrantId: entrantId,
      });
      expect(expectOk(res).createUser).toMatchObject({
        role: 'ENTRANT',
        affiliationEntrantId: entrantId,
      });
      const me = expectOk(await app.gql(ME, {}, await app.login(address, PASSWORD))).me;
      expect(me.role).toBe('ENTRANT');
      expect(me.entrant).toMatchObject({
        id: entrantId,
        name: '南宁工艺美术有限公司',
        region: { code: '450100', name: '南宁市' },
      });
    });

    it('an ENTRANT user without affiliationEntrantId is BAD_USER_INPUT / ENTRANT_REQUIRED', async () => {
      const res = await createUser(admin, {
        email: email('lone-entrant'),
        password: PASSWORD,
        name: 'E',
        role: 'ENTRANT',
      });
      expectError(res, 'BAD_USER_INPUT', 'ENTRANT_REQUIRED');
    });
  });

  describe('registerEntrant', () => {
    const base = (overrides: Record<string, unknown> = {}) => ({
      email: email('reg'),
      password: PASSWORD,
      name: '柳州螺蛳粉工艺厂',
      type: 'ENTERPRISE',
      regionCode: '450200',
      ...overrides,
    });
    const counts = async () => ({ entrants: await count('entrants'), users: await count('users') });

    it('registers an ENTERPRISE with a valid credit code and signs it in', async () => {
      const input = base({
        creditCode: creditCode(1),
        contactName: '李工',
        phone: '+86 771 1234567',
      });
      const { registerEntrant } = expectOk(await register(input));
      expect(registerEntrant.user).toMatchObject({
        email: input.email,
        role: 'ENTRANT',
        entrant: {
          name: '柳州螺蛳粉工艺厂',
          creditCode: creditCode(1),
          regionCode: '450200',
          region: { code: '450200', name: '柳州市' },
        },
      });
      const me = expectOk(await app.gql(ME, {}, registerEntrant.token)).me;
      expect(me).toMatchObject({
        id: registerEntrant.user.id,
        role: 'ENTRANT',
        name: '李工',
        entrant: { id: registerEntrant.user.entrant.id, type: 'ENTERPRISE' },
      });
      const token = await app.login(input.email, PASSWORD);
      expect(expectOk(await app.gql(ME, {}, token)).me.id).toBe(registerEntrant.user.id);
    });

    it('normalises a lower-case, space-padded credit code', async () => {
      const res = await register(base({ creditCode: `  ${creditCode(2).toLowerCase()} ` }));
      expect(expectOk(res).registerEntrant.user.entrant.creditCode).toBe(creditCode(2));
      const rows = await app.sql<{ credit_code: string }>(
        'SELECT credit_code FROM entrants WHERE credit_code = ?',
        [creditCode(2)],
      );
      expect(rows).toHaveLength(1);
    });

    it.each([
      ['INSTITUTION', undefined],
      ['INSTITUTION', null],
      ['ENTERPRISE', '   '],
    ])(
      'an %s without a credit code (%j) is BAD_USER_INPUT / CREDIT_CODE_REQUIRED, nothing written',
      async (type, code) => {
        const before = await counts();
        expectError(
          await register(base({ type, creditCode: code })),
          'BAD_USER_INPUT',
          'CREDIT_CODE_REQUIRED',
        );
        expect(await counts()).toEqual(before);
      },
    );

    it('a credit code with a wrong check character is BAD_USER_INPUT / INVALID_CREDIT_CODE, nothing written', async () => {
      const good = creditCode(3);
      const wrong = good.slice(0, 17) + [...CREDIT_CODE_ALPHABET].find((c) => c !== good[17]);
      const before = await counts();
      const error = expectError(
        await register(base({ creditCode: wrong })),
        'BAD_USER_INPUT',
        'INVALID_CREDIT_CODE',
      );
      expect(error.extensions.problem).toBe('CHECK_CHARACTER');
      expect(await counts()).toEqual(before);
    });

    it.each(['91450100MA0000', '91450100MA00000I1X', 'ZZ450100MA0000012X'])(
      'a malformed credit code %s is INVALID_CREDIT_CODE',
      async (code) => {
        const before = await counts();
        expectError(
          await register(base({ creditCode: code })),
          'BAD_USER_INPUT',
          'INVALID_CREDIT_CODE',
        );
        expect(await counts()).toEqual(before);
      },
    );

    it('a taken credit code is CONFLICT / CREDIT_CODE_TAKEN, and no user is left behind', async () => {
      expectOk(await register(base({ creditCode: creditCode(4) })));
      const before = await counts();
      const input = base({ creditCode: creditCode(4).toLowerCase() });
      expectError(await register(input), 'CONFLICT', 'CREDIT_CODE_TAKEN');
      expect(await count('users', 'email = ?', [input.email])).toBe(0);
      expect(await counts()).toEqual(before);
    });

    it('a taken email is CONFLICT / EMAIL_TAKEN, and the entrant is rolled back', async () => {
      const first = base({ creditCode: creditCode(5) });
      expectOk(await register(first));
      const before = await counts();
      const res = await register(
        base({ email: ` ${first.email.toUpperCase()} `, creditCode: creditCode(6) }),
      );
      expectError(res, 'CONFLICT', 'EMAIL_TAKEN');
      expect(await count('entrants', 'credit_code = ?', [creditCode(6)])).toBe(0);
      expect(await counts()).toEqual(before);
      // the credit code is still free: the rolled-back row did not keep it
      expectOk(await register(base({ creditCode: creditCode(6) })));
    });

    it('an INDIVIDUAL registers without a credit code', async () => {
      const res = await register(
        base({ type: 'INDIVIDUAL', name: '黄师傅', creditCode: null, regionCode: '450300' }),
      );
      expect(expectOk(res).registerEntrant.user.entrant).toMatchObject({
        name: '黄师傅',
        creditCode: null,
        region: { code: '450300', name: '桂林市' },
      });
    });

    it('several INDIVIDUALs without a credit code do not collide', async () => {
      expectOk(await register(base({ type: 'INDIVIDUAL', name: '甲' })));
      expectOk(await register(base({ type: 'INDIVIDUAL', name: '乙', creditCode: '' })));
    });

    it('an unknown region is BAD_USER_INPUT / UNKNOWN_REGION, nothing written', async () => {
      const before = await counts();
      expectError(
        await register(base({ creditCode: creditCode(7), regionCode: '110000' })),
        'BAD_USER_INPUT',
        'UNKNOWN_REGION',
      );
      expect(await counts()).toEqual(before);
    });

    it('a malformed region is BAD_USER_INPUT / INVALID_REGION_CODE', async () => {
      expectError(
        await register(base({ creditCode: creditCode(8), regionCode: '45O100' })),
        'BAD_USER_INPUT',
        'INVALID_REGION_CODE',
      );
    });

    it('a name with 𠮷 (outside the BMP) round-trips unchanged', async () => {
      const name = '𠮷祥𠀀工艺 坊';
      const { registerEntrant } = expectOk(
        await register(base({ name, creditCode: creditCode(9) })),
      );
      expect(registerEntrant.user.entrant.name).toBe(name);
      expect(expectOk(await app.gql(ME, {}, registerEntrant.token)).me.entrant.name).toBe(name);
      const [row] = await app.sql<{ hex: string }>(
        'SELECT HEX(name) AS hex FROM entrants WHERE id = ?',
        [registerEntrant.user.entrant.id],
      );
      expect(row.hex).toBe(Buffer.from(name, 'utf8').toString('hex').toUpperCase());
    });

    it.each(['', '   ', 'tab\there'])(
      'a name %j is BAD_USER_INPUT / INVALID_NAME, nothing written',
      async (name) => {
        const before = await counts();
        expectError(
          await register(base({ name, creditCode: creditCode(10) })),
          'BAD_USER_INPUT',
          'INVALID_NAME',
        );
        expect(await counts()).toEqual(before);
      },
    );

    it('a malformed phone is BAD_USER_INPUT / INVALID_PHONE, nothing written', async () => {
      const before = await counts();
      expectError(
        await register(base({ creditCode: creditCode(13), phone: 'call me maybe' })),
        'BAD_USER_INPUT',
        'INVALID_PHONE',
      );
      expect(await counts()).toEqual(before);
    });

    it('a bad email or weak password is refused before anything is written', async () => {
      const before = await counts();
      expectError(
        await register(base({ email: 'nope', creditCode: creditCode(11) })),
        'BAD_USER_INPUT',
        'INVALID_EMAIL',
      );
      expectError(
        await register(base({ password: 'short', creditCode: creditCode(11) })),
        'BAD_USER_INPUT',
        'WEAK_PASSWORD',
      );
      expect(await counts()).toEqual(before);
    });

    it('a signed-in user cannot register with a bad token either', async () => {
      const res = await app.gql(
        REGISTER_ENTRANT,
        { input: base({ creditCode: creditCode(12) }) },
        'garbage',
      );
      expectError(res, 'UNAUTHENTICATED', 'INVALID_TOKEN');
    });
  });

  describe('upsertRegions and regions', () => {
    const upsert = (input: Array<{ code: string; name: string }>, token?: string) =>
      app.gql(UPSERT_REGIONS, { input }, token);

    it.each([
      ['JUDGE', () => judge],
      ['COORDINATOR', () => coordinator],
      ['ENTRANT', () => entrant],
    ])('a %s may not upsert regions: FORBIDDEN', async (_role, token) => {
      expectError(
        await upsert([{ code: '460100', name: '海口市' }], token()),
        'FORBIDDEN',
        'ROLE_NOT_ALLOWED',
      );
      expect(await count('regions', 'code = ?', ['460100'])).toBe(0);
    });

    it('anonymous may not upsert regions: UNAUTHENTICATED', async () => {
      expectError(
        await upsert([{ code: '460100', name: '海口市' }]),
        'UNAUTHENTICATED',
        'AUTHENTICATION_REQUIRED',
      );
      expect(await count('regions', 'code = ?', ['460100'])).toBe(0);
    });

    it.each(['45010', '990100', '000000', '45O100', '4501000', '４５０１００'])(
      'an invalid code %s is BAD_USER_INPUT / INVALID_REGION_CODE, and nothing of the call is written',
      async (code) => {
        const before = await count('regions');
        const error = expectError(
          await upsert(
            [
              { code: '460100', name: '海口市' },
              { code, name: '无效' },
            ],
            admin,
          ),
          'BAD_USER_INPUT',
          'INVALID_REGION_CODE',
        );
        expect(error.extensions.field).toBe('input[1].code');
        expect(await count('regions')).toBe(before);
      },
    );

    it('a code listed twice in one call is BAD_USER_INPUT / DUPLICATE_REGION_CODE, nothing written', async () => {
      const before = await count('regions');
      const res = await upsert(
        [
          { code: '460100', name: '海口市' },
          { code: '460200', name: '三亚市' },
          { code: ' 460100 ', name: '海口' },
        ],
        admin,
      );
      expectError(res, 'BAD_USER_INPUT', 'DUPLICATE_REGION_CODE');
      expect(await count('regions')).toBe(before);
    });

    it('a blank name is BAD_USER_INPUT / INVALID_NAME', async () => {
      expectError(
        await upsert([{ code: '460100', name: ' ' }], admin),
        'BAD_USER_INPUT',
        'INVALID_NAME',
      );
    });

    it('an ORGANISER adds regions, answered in code order; regions is public and sorted by code', async () => {
      const res = await upsert(
        [
          { code: '460200', name: '三亚市' },
          { code: ' 460100 ', name: '海口市' },
        ],
        organiser,
      );
      expect(expectOk(res).upsertRegions).toEqual([
        { code: '460100', name: '海口市' },
        { code: '460200', name: '三亚市' },
      ]);
      const { regions } = expectOk(await app.gql(REGIONS));
      const expected = [
        ...GUANGXI_CITIES.map((c) => ({ code: c.code, name: c.name })),
        { code: '460100', name: '海口市' },
        { code: '460200', name: '三亚市' },
      ];
      expect(regions).toEqual(expected);
      const codes = regions.map((r: { code: string }) => r.code);
      expect(codes).toEqual([...codes].sort());
    });

    it('renames an existing region, and entrants show the new name', async () => {
      const renamed = expectOk(
        await upsert([{ code: '450100', name: '南宁' }], admin),
      ).upsertRegions;
      expect(renamed).toEqual([{ code: '450100', name: '南宁' }]);
      const { regions } = expectOk(await app.gql(REGIONS, {}, judge));
      expect(regions.find((r: { code: string }) => r.code === '450100')).toEqual({
        code: '450100',
        name: '南宁',
      });
      expect(await count('regions', 'code = ?', ['450100'])).toBe(1);
      expect(expectOk(await app.gql(ME, {}, entrant)).me.entrant.region).toEqual({
        code: '450100',
        name: '南宁',
      });
      expectOk(await upsert([{ code: '450100', name: '南宁市' }], admin));
      expect(expectOk(await app.gql(ME, {}, entrant)).me.entrant.region).toEqual({
        code: '450100',
        name: '南宁市',
      });
    });
  });

  describe('changePassword', () => {
    it("a password changed by another process revokes this one's tokens within a second", async () => {
      const person = await signedIn('JUDGE');
      expect(expectOk(await app.gql(ME, {}, person.token)).me.id).toBe(person.id);
      // as another API process would: the row changes, this process still keeps the old facts
      await app.sql('UPDATE users SET token_version = token_version + 1 WHERE id = ?', [person.id]);
      await new Promise((resolve) => setTimeout(resolve, AUTH_FACTS_TTL_MS + 50));
      expectError(await app.gql(ME, {}, person.token), 'UNAUTHENTICATED', 'TOKEN_REVOKED');
    });

    it('refuses a wrong old password, a weak new one, then changes it and revokes older tokens', async () => {
      const person = await signedIn('JUDGE');
      const wrongOld = await app.gql(
        CHANGE_PASSWORD,
        { o: 'not my password', n: 'a brand new password' },
        person.token,
      );
      expectError(wrongOld, 'UNAUTHENTICATED', 'INVALID_CREDENTIALS');
      const weak = await app.gql(CHANGE_PASSWORD, { o: PASSWORD, n: 'short' }, person.token);
      expectError(weak, 'BAD_USER_INPUT', 'WEAK_PASSWORD');
      // neither failure changed anything
      expect(expectOk(await app.gql(ME, {}, person.token)).me.id).toBe(person.id);
      await app.login(person.email, PASSWORD);

      const ok = await app.gql(
        CHANGE_PASSWORD,
        { o: PASSWORD, n: 'a brand new password' },
        person.token,
      );
      expect(expectOk(ok).changePassword).toBe(true);

      expectError(await app.gql(ME, {}, person.token), 'UNAUTHENTICATED', 'TOKEN_REVOKED');
      expectError(await app.gql(REGIONS, {}, person.token), 'UNAUTHENTICATED', 'TOKEN_REVOKED');
      expectError(
        await app.gql(
          CHANGE_PASSWORD,
          { o: 'a brand new password', n: 'another new password' },
          person.token,
        ),
        'UNAUTHENTICATED',
        'TOKEN_REVOKED',
      );

      const newToken = await app.login(person.email, 'a brand new password');
      expect(expectOk(await app.gql(ME, {}, newToken)).me.id).toBe(person.id);
      expectError(
        await app.gql(LOGIN, { e: person.email, p: PASSWORD }),
        'UNAUTHENTICATED',
        'INVALID_CREDENTIALS',
      );
    });

    it('anonymous is UNAUTHENTICATED / AUTHENTICATION_REQUIRED', async () => {
      expectError(
        await app.gql(CHANGE_PASSWORD, { o: PASSWORD, n: 'a brand new password' }),
        'UNAUTHENTICATED',
        'AUTHENTICATION_REQUIRED',
      );
    });
  });

  describe('users', () => {
    it.each([
      ['ADMIN', () => admin],
      ['ORGANISER', () => organiser],
    ])('an %s sees every user, and can filter by role', async (_role, token) => {
      const all = expectOk(await app.gql(USERS, {}, token())).users as Array<{
        id: string;
        role: string;
      }>;
      const expected = await app.sql<{ id: string; role: string }>('SELECT id, role FROM users');
      expect(all.map((u) => u.id).sort()).toEqual(expected.map((u) => u.id).sort());
      expect(new Set(all.map((u) => u.role))).toEqual(
        new Set(['ADMIN', 'ORGANISER', 'JUDGE', 'COORDINATOR', 'ENTRANT']),
      );
      expect(all.some((u) => u.id === adminId)).toBe(true);

      for (const role of ['ADMIN', 'ORGANISER', 'JUDGE', 'COORDINATOR', 'ENTRANT']) {
        const some = expectOk(await app.gql(USERS, { role }, token())).users as Array<{
          id: string;
          role: string;
        }>;
        expect(some.length).toBeGreaterThan(0);
        expect(some.every((u) => u.role === role)).toBe(true);
        expect(some.map((u) => u.id).sort()).toEqual(
          expected
            .filter((u) => u.role === role)
            .map((u) => u.id)
            .sort(),
        );
      }
    });

    it.each([
      ['JUDGE', () => judge],
      ['COORDINATOR', () => coordinator],
      ['ENTRANT', () => entrant],
    ])('a %s is FORBIDDEN', async (_role, token) => {
      expectError(await app.gql(USERS, {}, token()), 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
      expectError(
        await app.gql(USERS, { role: 'JUDGE' }, token()),
        'FORBIDDEN',
        'ROLE_NOT_ALLOWED',
      );
    });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { craftsEvent, seedRegions, startTestApp, TestApp, UPSERT_REGIONS } from '@app/testing';
import { MAX_QUERY_TOKENS, MAX_ROOT_FIELDS } from '../src/graphql/hardening';

/**
 * The GraphQL layer's own refusals (docs/errors.md): depth, cost, batching, size,
 * CSRF, syntax, validation, variables, introspection and the IDE. None of them runs a resolver.
 *
 * Depth beyond MAX_QUERY_DEPTH cannot be reached with today's schema (its deepest path is
 * registerEntrant › user › entrant › region › name, 5 levels, with no cycle), so the depth rule
 * itself is tested in src/graphql/hardening.spec.ts on a hand-built schema inside a real
 * Apollo Server; here the deepest legal query must run.
 */

const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  JWT_SECRET: 'production-secret-0123456789abcdefghijklmnop',
  ADMIN_PASSWORD: 'a-strong-password-123',
};

function aliases(count: number, selection: string): string {
  return Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ');
}

async function regionCount(app: TestApp, code?: string): Promise<number> {
  const [row] = code
    ? await app.sql<{ n: number }>('SELECT COUNT(*) AS n FROM regions WHERE code = ?', [code])
    : await app.sql<{ n: number }>('SELECT COUNT(*) AS n FROM regions');
  return Number(row.n);
}

describe('GraphQL hardening (development)', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
  });
  afterAll(() => app.close());

  describe('depth', () => {
    it('runs the deepest query the schema allows, through named and inline fragments', async () => {
      await seedRegions(app);
      const res = await app.gql(
        `mutation($input: RegisterEntrantInput!) {
           registerEntrant(input: $input) { token user { ...U } }
         }
         fragment U on User { email ... on User { entrant { ... { region { ...R } } } } }
         fragment R on Region { code name __typename }`,
        {
          input: {
            email: 'deep@example.com',
            password: 'long-enough-1',
            name: 'Deep Works',
            type: 'INDIVIDUAL',
            regionCode: '450100',
          },
        },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.registerEntrant.user).toEqual({
        email: 'deep@example.com',
        entrant: { region: { code: '450100', name: expect.any(String), __typename: 'Region' } },
      });
    });
  });

  describe('root fields and cost', () => {
    it(`runs ${MAX_ROOT_FIELDS} aliases of regions{code} (the cap on root fields)`, async () => {
      const res = await app.gql(`{ ${aliases(MAX_ROOT_FIELDS, 'regions { code }')} }`);
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(Object.keys(res.data ?? {})).toHaveLength(MAX_ROOT_FIELDS);
    });

    it(`refuses ${MAX_ROOT_FIELDS + 1} root fields as BAD_USER_INPUT / TOO_MANY_ROOT_FIELDS with HTTP 400`, async () => {
      const res = await app.gql(`{ ${aliases(MAX_ROOT_FIELDS, 'regions { code }')} me { id } }`);
      expect(res.status).toBe(400);
      expect(res.data).toBeUndefined();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'TOO_MANY_ROOT_FIELDS',
      });
      expect(res.errors![0].message).toMatch(/101 root fields.*at most 100/);
    });

    it('refuses too many aliases of a mutation before any resolver runs: no row is written', async () => {
      const input = [{ code: '459900', name: '测试市' }];
      expect(await regionCount(app, '459900')).toBe(0);
      for (const [count, reason] of [
        [MAX_ROOT_FIELDS + 1, 'TOO_MANY_ROOT_FIELDS'],
        // each answer is a list of regions: costed as a full one (LIST_SIZES)
        [MAX_ROOT_FIELDS, 'QUERY_TOO_COMPLEX'],
      ] as const) {
        const res = await app.gql(
          `mutation($input: [RegionInput!]!) { ${aliases(count, 'upsertRegions(input: $input) { code name }')} }`,
          { input },
          admin,
        );
        expect(res.status).toBe(400);
        expect(res.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason });
        expect(await regionCount(app, '459900')).toBe(0);
      }
      // the same mutation once does write (so the check above can see a write)
      const once = await app.gql(UPSERT_REGIONS, { input }, admin);
      expect(once.errors).toBeUndefined();
      expect(await regionCount(app, '459900')).toBe(1);
    });

    it('costs a page of entries by its size: a full page runs, many aliases of it do not', async () => {
      const event = await craftsEvent(app, 'hardening-pages');
      const page = (n: number) =>
        `query($e: ID!, $n: Int) { ${aliases(n, 'entries(eventId: $e, first: $n) { totalCount edges { node { code images { renditions { url } } } } }')} }`;
      const full = await app.gql(page(1), { e: event.eventId, n: 100 }, admin);
      expect(full.errors).toBeUndefined();
      const tooMany = await app.gql(page(20), { e: event.eventId, n: 100 }, admin);
      expect(tooMany.status).toBe(400);
      expect(tooMany.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'QUERY_TOO_COMPLEX',
      });
      // the same document with small pages: its cost follows the variable
      const small = await app.gql(page(20), { e: event.eventId, n: 5 }, admin);
      expect(small.errors).toBeUndefined();
    });

    it(`refuses a query text of more than ${MAX_QUERY_TOKENS} tokens as BAD_USER_INPUT / TOO_MANY_TOKENS, HTTP 400`, async () => {
      // `aN: me { id }` is 6 tokens: 900 of them are 5,402 with the braces
      const res = await app.gql(`{ ${aliases(900, 'me { id }')} }`);
      expect(res.status).toBe(400);
      expect(res.data).toBeUndefined();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'TOO_MANY_TOKENS',
      });
      expect(res.errors![0].message).toMatch(/5000 tokens/);
      // comments are not tokens: a long one is only the body limit's business
      const commented = await app.gql(`{ regions { code } } # ${'x '.repeat(20_000)}`);
      expect(commented.errors).toBeUndefined();
    });

    it("runs the public results page's own query, anonymous (its whole list costed)", async () => {
      const source = readFileSync(join(__dirname, '../../web/src/public/public.graphql'), 'utf8');
      const res = await app
        .http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: source, variables: { s: 'no-such-fair' }, operationName: 'PublicResults' });
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.publishedResults).toEqual([]);
    });

    it('refuses a fragment fan-out (each fragment spreading the next twice) as QUERY_TOO_COMPLEX, quickly', async () => {
      const n = 20;
      let query = `query { regions { ...F${n} } } fragment F0 on Region { code }`;
      for (let i = 1; i <= n; i++)
        query += ` fragment F${i} on Region { ...F${i - 1} ...F${i - 1} }`;
      const started = Date.now();
      const res = await app.gql(query);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'QUERY_TOO_COMPLEX',
      });
    });
  });

  describe('request body', () => {
    it('refuses a batch (a JSON array) with 400 BAD_USER_INPUT / BATCHING_DISABLED, running none of it', async () => {
      const res = await app
        .http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${admin}`)
        .send([
          { query: '{ regions { code } }' },
          { query: UPSERT_REGIONS, variables: { input: [{ code: '440300', name: '深圳市' }] } },
        ]);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        errors: [
          {
            message: expect.any(String),
            extensions: { code: 'BAD_USER_INPUT', reason: 'BATCHING_DISABLED' },
          },
        ],
      });
      expect(await regionCount(app, '440300')).toBe(0);
    });

    it('refuses a body over 256kb with 413 BAD_USER_INPUT / REQUEST_TOO_LARGE', async () => {
      const res = await app
        .http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({
          query: 'query($x: String) { regions { code } }',
          variables: { x: 'x'.repeat(256 * 1024) },
        });
      expect(res.status).toBe(413);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'REQUEST_TOO_LARGE',
      });
    });

    it('accepts a body a little under the limit (the limit is 256kb, not a smaller default)', async () => {
      const res = await app
        .http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: '{ regions { code } }', extensions: { padding: 'x'.repeat(250 * 1024) } });
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.regions).toEqual(expect.any(Array));
    });

    it('answers a body that is not JSON with 400 BAD_USER_INPUT / INVALID_JSON', async () => {
      const res = await app
        .http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .send('{"query": "{ regions { code } }"');
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_JSON',
      });
    });

    it('answers a body that cannot be read (corrupt gzip) with 400 BAD_USER_INPUT, not a 500', async () => {
      const res = await app
        .http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('content-encoding', 'gzip')
        .send(Buffer.from('this is not a gzip stream'));
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_JSON',
      });
    });
  });

  describe('CSRF prevention', () => {
    const GET_REGIONS = `/graphql?query=${encodeURIComponent('{ regions { code } }')}`;

    it('refuses a simple GET (no preflight header, no JSON content-type) with 400', async () => {
      const res = await app.http().get(GET_REGIONS);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(/Cross-Site Request Forgery/);
      expect(res.body.data).toBeUndefined();
    });

    it('answers the same GET with an apollo-require-preflight header', async () => {
      const res = await app.http().get(GET_REGIONS).set('apollo-require-preflight', 'true');
      expect(res.status).toBe(200);
      expect(res.body.data.regions).toEqual(expect.any(Array));
    });

    it('never runs a mutation over GET, preflight header or not', async () => {
      const query = encodeURIComponent(
        'mutation { upsertRegions(input: [{ code: "440400", name: "珠海市" }]) { code } }',
      );
      const res = await app
        .http()
        .get(`/graphql?query=${query}`)
        .set('apollo-require-preflight', 'true')
        .set('authorization', `Bearer ${admin}`);
      expect(res.status).toBe(405);
      expect(await regionCount(app, '440400')).toBe(0);
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded'])(
      'refuses a POST sent as %s, running nothing',
      async (type) => {
        const res = await app
          .http()
          .post('/graphql')
          .set('content-type', type)
          .set('authorization', `Bearer ${admin}`)
          .send(
            JSON.stringify({
              query:
                'mutation { upsertRegions(input: [{ code: "440500", name: "汕头市" }]) { code } }',
            }),
          );
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body)).toMatch(/Cross-Site Request Forgery/);
        expect(await regionCount(app, '440500')).toBe(0);
      },
    );

    it('answers a normal JSON POST', async () => {
      const res = await app.gql('{ regions { code } }');
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(res.data?.regions).toEqual(expect.any(Array));
    });
  });

  describe('syntax, validation and variables', () => {
    it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
      const res = await app.gql('{ regions { code }');
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    });

    it('answers an unknown field with 400 GRAPHQL_VALIDATION_FAILED (with suggestions outside production)', async () => {
      const res = await app.gql('{ regions { nope } }');
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0].message).toMatch(/Did you mean/);
    });

    it.each([
      ['a number for an enum', 'query($r: Role) { users(role: $r) { id } }', { r: 5 }],
      ['an unknown enum value', 'query($r: Role) { users(role: $r) { id } }', { r: 'KING' }],
      [
        'a missing required variable',
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        { e: 'a@b.cn' },
      ],
      [
        'an object for a string',
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        { e: { x: 1 }, p: 'x' },
      ],
    ])(
      'answers a variable of the wrong type (%s) with 400 BAD_USER_INPUT, not an internal error',
      async (_what, query, variables) => {
        const res = await app.gql(query, variables, admin);
        expect(res.status).toBe(400);
        expect(res.data).toBeUndefined();
        expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      },
    );
  });

  describe('introspection and the IDE outside production', () => {
    it('answers introspection', async () => {
      const res = await app.gql('{ __schema { queryType { name } } }');
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    });

    it('serves the GraphiQL page to a browser at GET /graphql', async () => {
      const res = await app.http().get('/graphql').set('accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<title>GraphiQL</title>');
    });
  });
});

describe('GraphQL hardening (production)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: PRODUCTION_ENV });
  });
  afterAll(() => app.close());

  it('answers ordinary queries, __typename included', async () => {
    const res = await app.gql('{ __typename regions { code } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ __typename: 'Query', regions: [] });
  });

  it.each([
    '{ __schema { queryType { name } } }',
    '{ __type(name: "User") { fields { name } } }',
    '{ regions { code } a: __schema { types { name } } }',
  ])('refuses introspection: %s', async (query) => {
    const res = await app.gql(query);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      validationErrorCode: 'INTROSPECTION_DISABLED',
    });
    expect(JSON.stringify(res.body)).not.toContain('"Query"');
  });

  it('does not spell out the schema in "Did you mean" suggestions', async () => {
    const res = await app.gql('{ regions { cod } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).not.toMatch(/Did you mean/);
    expect(JSON.stringify(res.body)).not.toContain('"code\\"');
  });

  it('serves no IDE page to a browser at GET /graphql', async () => {
    for (const headers of [
      { accept: 'text/html' },
      { accept: 'text/html', 'apollo-require-preflight': 'true' },
    ]) {
      const res = await app.http().get('/graphql').set(headers);
      expect(res.status).not.toBe(200);
      expect(res.headers['content-type']).not.toMatch(/html/);
      expect(res.text).not.toMatch(/<html|GraphiQL|sandbox|playground/i);
    }
  });
});

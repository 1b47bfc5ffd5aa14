import {
  craftsEvent,
  registerEnterprise,
  seedRegions,
  startTestApp,
  TestApp,
  UPSERT_REGIONS,
} from '@app/testing';
import { inDays, PUBLISH, tabulatedRound } from '../../libs/publication/test/publication-fixtures';
import {
  gqlAnswer,
  gqlRefusal,
  HostileCase,
  describeHostile,
  httpAnswer,
  httpRefusal,
} from './hostile';

/** Abuse of the GraphQL layer: depth, aliases, batching, huge pages and huge variables. */

interface World {
  app: TestApp;
  admin: string;
  entrant: string;
  eventId: string;
  /** an event with a published result list */
  publishedSlug: string;
}

const aliases = (count: number, selection: string) =>
  Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ');

/** `categories { children { children { … code } } }`, `levels` deep in all. */
const nestedCategories = (levels: number) =>
  `{ events { ${'categories { children { '.repeat(1)}${'children { '.repeat(levels - 3)}code${' }'.repeat(levels - 1)} } }`;

const postJson = (w: World, body: unknown, token = w.admin) =>
  w.app
    .http()
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${token}`)
    .send(body as object);

/** What the public results page asks of each publication (apps/web/src/public/public.graphql). */
const PUBLIC_PUBLICATION = `id roundId version status publishedAt noticeEndsAt hash
  items { entryCode title entrantName regionName categoryName award { key name rank } rank thumbnailUrl }`;

/** Sizes of the answers to abusive requests, printed after the group for the record. */
const measured: string[] = [];
afterAll(() => {
  if (measured.length) process.stdout.write(`hostile graphql-abuse: ${measured.join('; ')}\n`);
});

const ENTRIES_PAGE =
  'query($e:ID!,$n:Int,$a:String){entries(eventId:$e,first:$n,after:$a){totalCount}}';

const CASES: Array<HostileCase<World>> = [
  {
    name: 'categories nested 12 deep',
    send: async (w) => gqlAnswer(await w.app.gql(nestedCategories(12), {}, w.admin)),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'QUERY_TOO_DEEP'),
  },
  {
    name: 'depth hidden in a chain of fragments',
    send: async (w) => {
      let query = '{ events { categories { ...F0 } } } fragment F9 on Category { code }';
      for (let i = 8; i >= 0; i--)
        query += ` fragment F${i} on Category { children { ...F${i + 1} } }`;
      return gqlAnswer(await w.app.gql(query, {}, w.admin));
    },
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'QUERY_TOO_DEEP'),
  },
  {
    name: '1,000 aliases of me { id email role }',
    send: async (w) =>
      gqlAnswer(await w.app.gql(`{ ${aliases(1_000, 'me { id email role }')} }`, {}, w.admin)),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'TOO_MANY_TOKENS'),
  },
  {
    name: '1,000 aliases of a mutation (upsertRegions)',
    send: async (w) =>
      gqlAnswer(
        await w.app.gql(
          `mutation($input:[RegionInput!]!){ ${aliases(1_000, 'upsertRegions(input:$input){ code name }')} }`,
          { input: [{ code: '459901', name: '别名市' }] },
          w.admin,
        ),
      ),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'TOO_MANY_TOKENS'),
  },
  {
    name: '1,000 aliases of login (a password guess each)',
    send: async (w) =>
      gqlAnswer(
        await w.app.gql(
          `mutation{ ${aliases(1_000, 'login(email:"admin@example.com",password:"guess"){ token user { id } }')} }`,
        ),
      ),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'TOO_MANY_TOKENS'),
  },
  {
    name: 'a 250 kB query of aliases (about 60,000 tokens), refused while parsing, quickly',
    send: async (w) => {
      const query = `{ ${aliases(19_000, 'me { id }')} }`.slice(0, 250 * 1024) + ' }';
      const started = Date.now();
      const answer = gqlAnswer(await w.app.gql(query));
      measured.push(`a 250 kB query of aliases refused in ${Date.now() - started} ms`);
      return answer;
    },
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'TOO_MANY_TOKENS'),
  },
  {
    name: '1,000 aliases of __typename (3,000 tokens: under the token cap, over the root field cap)',
    send: async (w) => gqlAnswer(await w.app.gql(`{ ${aliases(1_000, '__typename')} }`)),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'TOO_MANY_ROOT_FIELDS'),
  },
  {
    name: '101 aliases of regions { code } (one over the cap on root fields)',
    send: async (w) => gqlAnswer(await w.app.gql(`{ ${aliases(101, 'regions { code }')} }`)),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'TOO_MANY_ROOT_FIELDS'),
  },
  {
    name: '101 aliases of __typename (fields that cost nothing still count)',
    send: async (w) => gqlAnswer(await w.app.gql(`{ ${aliases(101, '__typename')} }`)),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'TOO_MANY_ROOT_FIELDS'),
  },
  {
    name: '101 root fields hidden in fragments and an inline fragment',
    send: async (w) =>
      gqlAnswer(
        await w.app.gql(
          `query { ...A ...B ... on Query { last: me { id } } }
           fragment A on Query { ${aliases(50, 'regions { code }').replace(/a(\d+):/g, 'x$1:')} }
           fragment B on Query { ${aliases(50, 'me { id }')} }`,
        ),
      ),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'TOO_MANY_ROOT_FIELDS'),
  },
  {
    name: '100 aliases of publishedResults with their items, anonymous',
    send: async (w) => {
      const query = `{ ${aliases(100, `publishedResults(eventSlug: "${w.publishedSlug}") { ${PUBLIC_PUBLICATION} }`)} }`;
      const res = await w.app.gql(query);
      measured.push(
        `100 aliases of publishedResults: ${Buffer.byteLength(JSON.stringify({ query }))} bytes in, ` +
          `${Buffer.byteLength(JSON.stringify(res.body))} bytes out, HTTP ${res.status}`,
      );
      return gqlAnswer(res);
    },
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'QUERY_TOO_COMPLEX'),
  },
  {
    name: '20 aliases of a full page of entries (first: 100) with their photos',
    send: async (w) =>
      gqlAnswer(
        await w.app.gql(
          `query($e: ID!) { ${aliases(20, 'entries(eventId: $e, first: 100) { edges { node { code images { renditions { url } } } } }')} }`,
          { e: w.eventId },
          w.admin,
        ),
      ),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'QUERY_TOO_COMPLEX'),
  },
  {
    name: '20 aliases of auditLog(first: 1000), the page size a variable',
    send: async (w) =>
      gqlAnswer(
        await w.app.gql(
          `query($e: ID!, $n: Int) { ${aliases(20, 'auditLog(eventId: $e, first: $n) { id at action subjectType subjectId detail }')} }`,
          { e: w.eventId, n: 1000 },
          w.admin,
        ),
      ),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'QUERY_TOO_COMPLEX'),
  },
  {
    name: "10 aliases of every event's whole category tree",
    send: async (w) =>
      gqlAnswer(
        await w.app.gql(
          `{ ${aliases(10, 'events { categories { code children { code children { code name } } } }')} }`,
          {},
          w.admin,
        ),
      ),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'QUERY_TOO_COMPLEX'),
  },
  {
    name: 'a fragment fan-out (each fragment spreading the next twice, 24 levels)',
    send: async (w) => {
      let query = 'query { regions { ...F24 } } fragment F0 on Region { code }';
      for (let i = 1; i <= 24; i++)
        query += ` fragment F${i} on Region { ...F${i - 1} ...F${i - 1} }`;
      return gqlAnswer(await w.app.gql(query, {}, w.admin));
    },
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'QUERY_TOO_COMPLEX'),
  },
  {
    name: 'a batch: an array of two operations, a mutation among them',
    send: async (w) =>
      httpAnswer(
        await postJson(w, [
          { query: '{ regions { code } }' },
          { query: UPSERT_REGIONS, variables: { input: [{ code: '459902', name: '批量市' }] } },
        ]),
      ),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'BATCHING_DISABLED'),
  },
  {
    name: 'a batch of one',
    send: async (w) =>
      httpAnswer(
        await postJson(w, [
          { query: UPSERT_REGIONS, variables: { input: [{ code: '459903', name: '单批市' }] } },
        ]),
      ),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'BATCHING_DISABLED'),
  },
  {
    name: 'entries(first: 100000)',
    send: async (w) =>
      gqlAnswer(await w.app.gql(ENTRIES_PAGE, { e: w.eventId, n: 100_000 }, w.admin)),
    expect: gqlRefusal('BAD_USER_INPUT', 'INVALID_PAGE_SIZE'),
  },
  {
    name: 'entries(first: -1)',
    send: async (w) => gqlAnswer(await w.app.gql(ENTRIES_PAGE, { e: w.eventId, n: -1 }, w.admin)),
    expect: gqlRefusal('BAD_USER_INPUT', 'INVALID_PAGE_SIZE'),
  },
  {
    name: 'entries(first: 2^40), past GraphQL Int',
    send: async (w) =>
      gqlAnswer(await w.app.gql(ENTRIES_PAGE, { e: w.eventId, n: 2 ** 40 }, w.admin)),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'INVALID_INPUT'),
  },
  {
    name: 'entries(after: a forged cursor)',
    send: async (w) =>
      gqlAnswer(
        await w.app.gql(
          ENTRIES_PAGE,
          { e: w.eventId, n: 5, a: "'; DROP TABLE entries; --" },
          w.admin,
        ),
      ),
    expect: gqlRefusal('BAD_USER_INPUT', 'INVALID_CURSOR'),
  },
  {
    name: 'auditLog(first: 100000)',
    send: async (w) =>
      gqlAnswer(
        await w.app.gql(
          'query($e:ID!){auditLog(eventId:$e,first:100000){id}}',
          { e: w.eventId },
          w.admin,
        ),
      ),
    expect: gqlRefusal('BAD_USER_INPUT', 'INVALID_PAGE_SIZE'),
  },
  {
    name: 'a 5 MB variable',
    send: async (w) =>
      httpAnswer(
        await postJson(w, {
          query: UPSERT_REGIONS,
          variables: { input: [{ code: '459904', name: '大'.repeat((5 * 1024 * 1024) / 3) }] },
        }),
      ),
    expect: httpRefusal(413, 'BAD_USER_INPUT', 'REQUEST_TOO_LARGE'),
  },
  {
    name: 'a 5 MB query text',
    send: async (w) =>
      httpAnswer(
        await postJson(w, { query: `{ regions { code } } #${'x'.repeat(5 * 1024 * 1024)}` }),
      ),
    expect: httpRefusal(413, 'BAD_USER_INPUT', 'REQUEST_TOO_LARGE'),
  },
  {
    name: 'a 200 kB entrant name, under the body limit',
    send: async (w) =>
      gqlAnswer(
        await w.app.gql(
          'mutation($input:RegisterEntrantInput!){registerEntrant(input:$input){token}}',
          {
            input: {
              email: 'huge-name@example.com',
              password: 'correct horse battery',
              name: '名'.repeat(200_000 / 3),
              type: 'INDIVIDUAL',
              regionCode: '450100',
            },
          },
        ),
      ),
    expect: gqlRefusal('BAD_USER_INPUT', 'INVALID_NAME'),
  },
  {
    name: 'a variable nested 50,000 arrays deep',
    send: async (w) =>
      httpAnswer(
        await w.app
          .http()
          .post('/graphql')
          .set('content-type', 'application/json')
          .send(
            `{"query":"query($r:Role){users(role:$r){id}}","variables":{"r":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`,
          ),
      ),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'INVALID_INPUT'),
  },
  {
    name: 'a body that is not JSON',
    send: async (w) =>
      httpAnswer(
        await w.app
          .http()
          .post('/graphql')
          .set('content-type', 'application/json')
          .send('{"query": "{ regions { code } }"'),
      ),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'INVALID_JSON'),
  },
  {
    name: 'a mutation over GET',
    send: async (w) =>
      httpAnswer(
        await w.app
          .http()
          .get(
            `/graphql?query=${encodeURIComponent('mutation { upsertRegions(input: [{ code: "459905", name: "取市" }]) { code } }')}`,
          )
          .set('apollo-require-preflight', 'true')
          .set('authorization', `Bearer ${w.admin}`),
      ),
    // Apollo's own code for a request it will not run (contract: the layer may keep its codes).
    expect: httpRefusal(405, 'BAD_REQUEST', 'INVALID_INPUT'),
  },
  {
    name: 'a mutation POSTed as text/plain (a cross-site form)',
    send: async (w) =>
      httpAnswer(
        await w.app
          .http()
          .post('/graphql')
          .set('content-type', 'text/plain')
          .set('authorization', `Bearer ${w.admin}`)
          .send(
            JSON.stringify({
              query: UPSERT_REGIONS,
              variables: { input: [{ code: '459906', name: '跨站市' }] },
            }),
          ),
      ),
    expect: httpRefusal(400, 'BAD_REQUEST', 'INVALID_INPUT'),
  },
  {
    name: 'a query that does not parse',
    send: async (w) => gqlAnswer(await w.app.gql('{ regions { code }', {}, w.admin)),
    expect: httpRefusal(400, 'GRAPHQL_PARSE_FAILED', 'INVALID_INPUT'),
  },
];

const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  JWT_SECRET: 'production-secret-hostile-0123456789abcdefghij',
  ADMIN_PASSWORD: 'a-strong-password-hostile-123',
};

/** Introspection is refused only in production: these run against an app started so. */
const PRODUCTION_CASES: Array<HostileCase<World>> = [
  {
    name: 'introspection of the whole schema',
    send: async (w) =>
      gqlAnswer(await w.app.gql('{ __schema { types { name fields { name } } } }')),
    expect: httpRefusal(400, 'GRAPHQL_VALIDATION_FAILED', 'INTROSPECTION_DISABLED'),
  },
  {
    name: 'introspection of one type, by an admin',
    send: async (w) =>
      gqlAnswer(await w.app.gql('{ __type(name: "User") { fields { name } } }', {}, w.admin)),
    expect: httpRefusal(400, 'GRAPHQL_VALIDATION_FAILED', 'INTROSPECTION_DISABLED'),
  },
  {
    name: 'introspection hidden behind an alias beside a real field',
    send: async (w) =>
      gqlAnswer(await w.app.gql('{ regions { code } s: __schema { queryType { name } } }')),
    expect: httpRefusal(400, 'GRAPHQL_VALIDATION_FAILED', 'INTROSPECTION_DISABLED'),
  },
];

describeHostile(
  'hostile input: GraphQL abuse',
  'graphql-abuse',
  async (): Promise<World> => {
    const app = await startTestApp();
    await seedRegions(app);
    const admin = await app.adminToken();
    const event = await craftsEvent(app, 'hostile-graphql');
    const judged = await tabulatedRound(app, admin, 40);
    const published = await app.gql(PUBLISH, { r: judged.roundId, n: inDays(7) }, admin);
    if (published.errors) throw new Error(JSON.stringify(published.errors));
    return {
      app,
      admin,
      entrant: (await registerEnterprise(app)).token,
      eventId: event.eventId,
      publishedSlug: judged.slug,
    };
  },
  CASES,
);

describeHostile(
  'hostile input: GraphQL abuse in production mode',
  'graphql-abuse (production)',
  async (): Promise<World> => {
    const app = await startTestApp({ env: PRODUCTION_ENV });
    return { app, admin: await app.adminToken(), entrant: '', eventId: '', publishedSlug: '' };
  },
  PRODUCTION_CASES,
);

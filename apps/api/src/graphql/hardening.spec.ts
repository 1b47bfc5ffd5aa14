import { ApolloServer } from '@apollo/server';
import { Logger } from '@nestjs/common';
import {
  buildSchema,
  FragmentDefinitionNode,
  GraphQLInt,
  GraphQLList,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  OperationDefinitionNode,
  parse,
} from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { Unauthenticated } from '@app/core';
import { formatGraphqlError } from './format-error';
import {
  errorLoggingPlugin,
  MAX_QUERY_COST,
  MAX_QUERY_DEPTH,
  MAX_QUERY_NODES,
  queryDepth,
  queryLimitsPlugin,
} from './hardening';

// The real getComplexity, counted: an operation is measured once when it can be.
jest.mock('graphql-query-complexity', () => {
  const actual = jest.requireActual('graphql-query-complexity');
  return { ...actual, getComplexity: jest.fn(actual.getComplexity) };
});
const measured = getComplexity as jest.MockedFunction<typeof getComplexity>;

/** The depth of the (first) operation of `source`, as the plugin measures it. */
function depthOf(source: string, fragments?: Record<string, FragmentDefinitionNode>): number {
  const document = parse(source);
  const all: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) all[d.name.value] = d;
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  return queryDepth(operation.selectionSet, fragments ?? all);
}

describe('queryDepth', () => {
  it('counts fields, not the operation itself', () => {
    expect(depthOf('{ a }')).toBe(1);
    expect(depthOf('{ a { b { c } } d }')).toBe(3);
    expect(depthOf('query Q { a { b } c { d { e { f } } } }')).toBe(4);
  });

  it('does not count __typename and other meta fields', () => {
    expect(depthOf('{ __typename }')).toBe(0);
    expect(depthOf('{ a { b { __typename } } }')).toBe(2);
  });

  it('inline fragments add no depth, their fields do', () => {
    expect(depthOf('{ a { ... on A { b { ... { c { d } } } } } }')).toBe(4);
    expect(depthOf('{ ... { ... { ... { a } } } }')).toBe(1);
  });

  it('follows named fragments, nested ones too, at the depth where they are spread', () => {
    const source = `
      query { a { ...F } }
      fragment F on A { b { ...G } }
      fragment G on B { c { d } }`;
    expect(depthOf(source)).toBe(4);
    // a fragment spread at two depths counts at the deeper one
    expect(depthOf('query { x { ...G } y { z { ...G } } } fragment G on B { c { d } }')).toBe(4);
  });

  it('ignores a spread of an unknown fragment (validation reports it)', () => {
    expect(depthOf('{ a { ...Missing } }')).toBe(1);
  });

  it('terminates on fragment cycles (self and mutual), counting each fragment once on a path', () => {
    expect(depthOf('query { a { ...F } } fragment F on A { b { ...F } }')).toBe(2);
    expect(
      depthOf('query { a { ...F } } fragment F on A { b { ...G } } fragment G on B { c { ...F } }'),
    ).toBe(3);
  });

  it('walks each fragment once however often it is spread (a 2^n fan-out is not a CPU bomb)', () => {
    const n = 16;
    let source = `query { a { ...F${n} } } fragment F0 on A { b { c } }`;
    for (let i = 1; i <= n; i++) source += ` fragment F${i} on A { ...F${i - 1} ...F${i - 1} }`;
    const document = parse(source);
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of document.definitions)
      if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    let lookups = 0;
    const counting = new Proxy(fragments, {
      get(target, name) {
        lookups++;
        return target[name as string];
      },
    });
    expect(depthOf(source, counting)).toBe(3);
    // 2 spreads per fragment; without memoisation this is 2^(n+1) - 1 = 131071 lookups
    expect(lookups).toBeLessThanOrEqual(2 * n + 1);
  });
});

/**
 * A small schema whose types nest without end, so depths and costs the real (shallow) schema
 * cannot reach can be tried through the real plugin, in a real Apollo Server.
 */
const SCHEMA = buildSchema(`
  type Node { name: String child: Node nodes: [Node] }
  type Query { node: Node ping(note: String): String }
  type Mutation { touch: Int }
`);

describe('queryLimitsPlugin in Apollo Server', () => {
  let server: ApolloServer;
  let resolverCalls: number;

  beforeAll(async () => {
    const schema: GraphQLSchema = SCHEMA;
    const node = (): Record<string, unknown> => ({
      name: 'n',
      child: () => node(),
      nodes: () => [node()],
    });
    const touch = () => {
      resolverCalls++;
      return resolverCalls;
    };
    // graphql-js default resolvers: a root value with functions stands in for resolvers
    server = new ApolloServer({
      schema,
      rootValue: {
        node: () => {
          resolverCalls++;
          return node();
        },
        ping: () => {
          resolverCalls++;
          return 'pong';
        },
        touch,
      },
      plugins: [queryLimitsPlugin(() => schema)],
      formatError: (formatted, error) => formatGraphqlError(formatted, error, true),
    });
    await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    resolverCalls = 0;
  });

  it('the helper builds the depth it names', () => {
    expect(depthOf(deep(7))).toBe(7);
  });

  async function run(query: string, variables?: Record<string, unknown>) {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult;
    return {
      status: response.http.status ?? 200,
      data,
      errors: errors as Array<{ message: string; extensions: Record<string, unknown> }> | undefined,
    };
  }

  function deep(fields: number): string {
    // node, (fields - 2) × child, name: exactly `fields` levels
    return `{ node{ ${'child{'.repeat(fields - 2)}name${'}'.repeat(fields - 2)} } }`;
  }

  it(`runs a query exactly ${MAX_QUERY_DEPTH} levels deep`, async () => {
    const res = await run(deep(MAX_QUERY_DEPTH));
    expect(res.errors).toBeUndefined();
    expect(res.data).toHaveProperty('node');
    expect(resolverCalls).toBe(1);
  });

  it(`refuses ${MAX_QUERY_DEPTH + 1} levels as BAD_USER_INPUT / QUERY_TOO_DEEP, HTTP 400, before any resolver`, async () => {
    const res = await run(deep(MAX_QUERY_DEPTH + 1));
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_DEEP' });
    expect(res.errors![0].message).toMatch(/11 levels deep/);
    expect(resolverCalls).toBe(0);
  });

  it('measures depth through named fragments and inline fragments', async () => {
    // node child child (3) › F: child child (5) › G: nodes child child child child (10) › name (11)
    const query = `
      query { node { child { ... on Node { child { ...F } } } } }
      fragment F on Node { child { ... { child { ...G } } } }
      fragment G on Node { nodes { child { ... on Node { child { child { child { name } } } } } } }`;
    expect(depthOf(query)).toBe(MAX_QUERY_DEPTH + 1);
    const res = await run(query);
    expect(res.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_DEEP',
    });
    expect(resolverCalls).toBe(0);
  });

  it('does not let __typename make a legal query too deep', async () => {
    const query = `{ node{ ${'child{'.repeat(MAX_QUERY_DEPTH - 2)}__typename name${'}'.repeat(MAX_QUERY_DEPTH - 2)} } }`;
    expect(depthOf(query)).toBe(MAX_QUERY_DEPTH);
    const res = await run(query);
    expect(res.errors).toBeUndefined();
  });

  it(`runs a query costing exactly ${MAX_QUERY_COST}`, async () => {
    const query = `{ ${Array.from({ length: MAX_QUERY_COST }, (_, i) => `p${i}: ping`).join(' ')} }`;
    const res = await run(query);
    expect(res.errors).toBeUndefined();
    expect(resolverCalls).toBe(MAX_QUERY_COST);
  });

  it('refuses one alias more as BAD_USER_INPUT / QUERY_TOO_COMPLEX, HTTP 400, before any resolver', async () => {
    const query = `{ ${Array.from({ length: MAX_QUERY_COST + 1 }, (_, i) => `p${i}: ping`).join(' ')} }`;
    const res = await run(query);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
    expect(res.errors?.[0].message).toMatch(/costs 2001/);
    expect(resolverCalls).toBe(0);
  });

  it('counts mutations too, and refuses them before any resolver writes', async () => {
    const query = `mutation { ${Array.from({ length: MAX_QUERY_COST + 1 }, (_, i) => `t${i}: touch`).join(' ')} }`;
    const res = await run(query);
    expect(res.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
    expect(resolverCalls).toBe(0);
  });

  it('counts a fragment once per spread', async () => {
    // each alias costs 4 (node, and F's name, child, child's name): 600 of them cost 2400
    const spreads = Array.from({ length: 600 }, (_, i) => `a${i}: node { ...F }`).join(' ');
    const res = await run(`query { ${spreads} } fragment F on Node { name child { name } }`);
    expect(res.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
    expect(resolverCalls).toBe(0);
  });

  it('refuses a fragment fan-out past the node limit as QUERY_TOO_COMPLEX (not an internal error), quickly', async () => {
    // 2^21 selections once expanded; unmemoised depth walking took seconds here (2^30: half an hour)
    const n = 20;
    let query = `query { node { ...F${n} } } fragment F0 on Node { name }`;
    for (let i = 1; i <= n; i++) query += ` fragment F${i} on Node { ...F${i - 1} ...F${i - 1} }`;
    const started = Date.now();
    const res = await run(query);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
    expect(res.errors?.[0].message).toContain(String(MAX_QUERY_NODES));
    expect(resolverCalls).toBe(0);
  });

  it('refuses more selections than the node limit, even ones that cost nothing, as QUERY_TOO_COMPLEX', async () => {
    const query = `{ ${Array.from({ length: MAX_QUERY_NODES }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    const res = await run(query);
    expect(res.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
  });

  const aliasesOfPing = (n: number) => Array.from({ length: n }, (_, i) => `p${i}: ping`).join(' ');

  it('refuses a too costly operation each time it is sent, not only when first measured', async () => {
    const query = `{ ${aliasesOfPing(MAX_QUERY_COST + 1)} }`;
    for (let i = 0; i < 3; i++) {
      expect((await run(query)).errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'QUERY_TOO_COMPLEX',
      });
    }
    expect(resolverCalls).toBe(0);
  });

  it('measures an operation once when its cost cannot depend on its variables', async () => {
    const query =
      'query($s: String) { node { name child { name } } ping(note: $s) @skip(if: false) p: ping }';
    measured.mockClear();
    for (let i = 0; i < 3; i++) expect((await run(query, { s: `x${i}` })).errors).toBeUndefined();
    expect(measured).toHaveBeenCalledTimes(1);
  });

  it('measures again when a variable can change the cost (@include), whatever came before', async () => {
    measured.mockClear();
    const query = `query($all: Boolean!) { ping ... @include(if: $all) { ${aliasesOfPing(MAX_QUERY_COST)} } }`;
    expect((await run(query, { all: false })).errors).toBeUndefined();
    expect((await run(query, { all: true })).errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
    expect((await run(query, { all: false })).errors).toBeUndefined();
    expect(measured).toHaveBeenCalledTimes(3);
  });

  it('measures again when a field’s own complexity reads its arguments', async () => {
    const schemaWithCost = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          items: {
            type: new GraphQLList(GraphQLString),
            args: { first: { type: GraphQLInt } },
            extensions: { complexity: ({ args }: { args: { first: number } }) => args.first },
            resolve: (_: unknown, args: { first: number }) => Array(args.first).fill('x'),
          },
        },
      }),
    });
    const priced = new ApolloServer({
      schema: schemaWithCost,
      plugins: [queryLimitsPlugin(() => schemaWithCost)],
      formatError: (formatted, error) => formatGraphqlError(formatted, error, true),
    });
    await priced.start();
    try {
      const items = async (first: number) => {
        const response = await priced.executeOperation({
          query: 'query($n: Int!) { items(first: $n) }',
          variables: { n: first },
        });
        if (response.body.kind !== 'single') throw new Error('expected a single result');
        return response.body.singleResult.errors?.[0].extensions?.reason ?? 'ran';
      };
      expect(await items(10)).toBe('ran');
      expect(await items(MAX_QUERY_COST + 1)).toBe('QUERY_TOO_COMPLEX');
      expect(await items(10)).toBe('ran');
    } finally {
      await priced.stop();
    }
  });

  it('leaves variables of the wrong type to Apollo: BAD_USER_INPUT, not INTERNAL_SERVER_ERROR', async () => {
    const schemaWithArgs = buildSchema(
      'type Query { echo(colour: Colour!, n: Int): String } enum Colour { RED GREEN }',
    );
    let echoes = 0;
    const withArgs = new ApolloServer({
      schema: schemaWithArgs,
      rootValue: {
        echo: () => {
          echoes++;
          return 'x';
        },
      },
      plugins: [queryLimitsPlugin(() => schemaWithArgs)],
      formatError: (formatted, error) => formatGraphqlError(formatted, error, true),
    });
    await withArgs.start();
    try {
      for (const variables of [{ c: 5 }, { c: 'BLUE' }, {}, { c: 'RED', n: 'many' }]) {
        const response = await withArgs.executeOperation({
          query: 'query($c: Colour!, $n: Int) { echo(colour: $c, n: $n) }',
          variables,
        });
        if (response.body.kind !== 'single') throw new Error('expected a single result');
        expect(response.http.status).toBe(400);
        expect(response.body.singleResult.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      }
      const ok = await withArgs.executeOperation({
        query: 'query($c: Colour!) { echo(colour: $c) }',
        variables: { c: 'RED' },
      });
      expect(ok.body.kind === 'single' && ok.body.singleResult.errors).toBeUndefined();
      expect(echoes).toBe(1);
    } finally {
      await withArgs.stop();
    }
  });
});

describe('errorLoggingPlugin', () => {
  let server: ApolloServer<{ req?: { requestId?: string } }>;
  let logged: string[];
  let spy: jest.SpyInstance;

  beforeAll(async () => {
    const schema = buildSchema('type Query { boom: String denied: String }');
    server = new ApolloServer({
      schema,
      rootValue: {
        boom: () => {
          throw new Error('ER_NO_SUCH_TABLE: secret_table');
        },
        denied: () => {
          throw new Unauthenticated('AUTHENTICATION_REQUIRED', 'sign in first');
        },
      },
      plugins: [errorLoggingPlugin()],
      formatError: (formatted, error) => formatGraphqlError(formatted, error, true),
    });
    await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    logged = [];
    spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
      logged.push(String(message));
    });
  });
  afterEach(() => spy.mockRestore());

  it('logs an unexpected error with the request id and its details, and the client sees none of them', async () => {
    const response = await server.executeOperation(
      { query: '{ boom }' },
      { contextValue: { req: { requestId: 'req-42' } } },
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('[req-42] boom');
    expect(logged[0]).toContain('ER_NO_SUCH_TABLE: secret_table');
    const body = JSON.stringify(response.body);
    expect(body).toContain('INTERNAL_SERVER_ERROR');
    expect(body).not.toContain('secret_table');
  });

  it('does not log errors meant for the client (domain errors, validation)', async () => {
    await server.executeOperation(
      { query: '{ denied }' },
      { contextValue: { req: { requestId: 'r' } } },
    );
    await server.executeOperation(
      { query: '{ nope }' },
      { contextValue: { req: { requestId: 'r' } } },
    );
    expect(logged).toEqual([]);
  });
});

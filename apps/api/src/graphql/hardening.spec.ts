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
  MAX_ROOT_FIELDS,
  operationCost,
  queryDepth,
  queryLimitsPlugin,
  rootFieldCount,
} from './hardening';
import { DEFAULT_LIST_SIZE } from './list-cost';

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

/** The root field count of the (first) operation of `source`, as the plugin counts it. */
function rootFieldsOf(source: string): number {
  const document = parse(source);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  return rootFieldCount(operation.selectionSet, fragments);
}

describe('rootFieldCount', () => {
  it('counts response keys: fields and aliases, once each', () => {
    expect(rootFieldsOf('{ a b { c d } }')).toBe(2);
    expect(rootFieldsOf('{ a x: a y: a __typename }')).toBe(4);
    // the same key twice is one field of the answer (graphql merges them)
    expect(rootFieldsOf('{ x: a x: a a a }')).toBe(2);
  });

  it('reads through inline and named fragments, a fragment spread twice adding nothing', () => {
    const source = `
      query { a ...F ... on Query { b ...G } ...F }
      fragment F on Query { c d: c ...G }
      fragment G on Query { e }`;
    expect(rootFieldsOf(source)).toBe(5);
  });

  it('terminates on fragment cycles and ignores unknown fragments (validation reports both)', () => {
    expect(rootFieldsOf('query { ...F ...Missing } fragment F on Query { a ...F }')).toBe(1);
  });
});

/**
 * A small schema whose types nest without end, so depths and costs the real (shallow) schema
 * cannot reach can be tried through the real plugin, in a real Apollo Server. `auditLog` has the
 * name of a paged list of the real schema, so it is costed by its page size (list-cost.ts).
 */
const SCHEMA = buildSchema(`
  type Node { name: String child: Node nodes: [Node] }
  type Query { node: Node ping(note: String): String auditLog(first: Int): [Node] }
  type Mutation { touch: Node }
`);

const aliases = (n: number, selection: string, prefix = 'a') =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}: ${selection}`).join(' ');

/**
 * An operation of SCHEMA costing exactly `cost`: `node { nodes { k names } }` costs 2 + 10·k,
 * and up to 99 pings beside it make up the rest (staying under the root field cap).
 */
function costing(cost: number): string {
  const names = Math.floor((cost - 2) / DEFAULT_LIST_SIZE);
  const pings = cost - 2 - DEFAULT_LIST_SIZE * names;
  return `{ node { nodes { ${aliases(names, 'name', 'n')} } } ${aliases(pings, 'ping', 'p')} }`;
}

describe('operationCost', () => {
  it('counts each field 1 plus its selection, a list its selection once per item', () => {
    const cost = (source: string) => operationCost(SCHEMA, parse(source));
    expect(cost('{ ping }')).toBe(1);
    expect(cost('{ node { name child { name } } }')).toBe(4);
    // a list nobody sized counts DEFAULT_LIST_SIZE items
    expect(cost('{ node { nodes { name } } }')).toBe(2 + DEFAULT_LIST_SIZE);
    expect(cost('{ node { nodes { nodes { name } } } }')).toBe(
      2 + DEFAULT_LIST_SIZE * (1 + DEFAULT_LIST_SIZE),
    );
    // a paged list counts its page
    expect(cost('{ auditLog(first: 7) { name child { name } } }')).toBe(1 + 7 * 3);
    expect(cost(costing(MAX_QUERY_COST))).toBe(MAX_QUERY_COST);
  });
});

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
      return node();
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

  it(`runs ${MAX_ROOT_FIELDS} root fields`, async () => {
    const res = await run(`{ ${aliases(MAX_ROOT_FIELDS, 'ping')} }`);
    expect(res.errors).toBeUndefined();
    expect(resolverCalls).toBe(MAX_ROOT_FIELDS);
  });

  it('refuses one root field more as BAD_USER_INPUT / TOO_MANY_ROOT_FIELDS, HTTP 400, before any resolver', async () => {
    const res = await run(`{ ${aliases(MAX_ROOT_FIELDS, 'ping')} __typename }`);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'TOO_MANY_ROOT_FIELDS',
    });
    expect(res.errors![0].message).toMatch(/101 root fields/);
    expect(resolverCalls).toBe(0);
  });

  it('counts root fields through fragments, and mutations too, before any resolver writes', async () => {
    const res = await run(
      `mutation { ...A ... on Mutation { last: touch { name } } } fragment A on Mutation { ${aliases(MAX_ROOT_FIELDS, 'touch { name }')} }`,
    );
    expect(res.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'TOO_MANY_ROOT_FIELDS',
    });
    expect(resolverCalls).toBe(0);
  });

  it(`runs a query costing exactly ${MAX_QUERY_COST}`, async () => {
    const res = await run(costing(MAX_QUERY_COST));
    expect(res.errors).toBeUndefined();
    expect(res.data).toHaveProperty('node.nodes');
  });

  it('refuses one more as BAD_USER_INPUT / QUERY_TOO_COMPLEX, HTTP 400, before any resolver', async () => {
    const res = await run(costing(MAX_QUERY_COST + 1));
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
    expect(res.errors?.[0].message).toMatch(new RegExp(`costs ${MAX_QUERY_COST + 1}`));
    expect(resolverCalls).toBe(0);
  });

  it('counts mutations too, and refuses them before any resolver writes', async () => {
    const names = aliases(Math.ceil(MAX_QUERY_COST / DEFAULT_LIST_SIZE), 'name');
    const res = await run(`mutation { touch { nodes { ${names} } } }`);
    expect(res.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
    expect(resolverCalls).toBe(0);
  });

  it('costs a list by its page size, a variable page size read each time', async () => {
    measured.mockClear();
    const query = `query($n: Int) { auditLog(first: $n) { ${aliases(60, 'name')} } }`;
    expect((await run(query, { n: 10 })).errors).toBeUndefined();
    // 1 + 1000 × 60
    expect((await run(query, { n: 1000 })).errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
    expect((await run(query, { n: 10 })).errors).toBeUndefined();
    expect(measured).toHaveBeenCalledTimes(3);
  });

  it('counts a fragment once per spread', async () => {
    // each alias costs 4 (child, and F's name, child, child's name): 1,300 of them, in a list
    // of DEFAULT_LIST_SIZE items, cost 2 + 5,200 × DEFAULT_LIST_SIZE
    const spreads = aliases(1_300, 'child { ...F }');
    const res = await run(
      `query { node { nodes { ${spreads} } } } fragment F on Node { name child { name } }`,
    );
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
    const query = `{ node { ${aliases(MAX_QUERY_NODES, '__typename', 't')} } }`;
    const res = await run(query);
    expect(res.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
  });

  it('refuses a too costly operation each time it is sent, not only when first measured', async () => {
    const query = costing(MAX_QUERY_COST + 1);
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
    const names = aliases(MAX_QUERY_COST / DEFAULT_LIST_SIZE, 'name');
    const query = `query($all: Boolean!) { ping node { nodes { ... @include(if: $all) { ${names} } } } }`;
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

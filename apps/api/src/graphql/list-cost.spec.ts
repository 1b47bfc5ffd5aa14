import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  DefinitionNode,
  DocumentNode,
  FragmentDefinitionNode,
  getNullableType,
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  parse,
  typeFromAST,
} from 'graphql';
import { MAX_QUERY_COST, operationCost } from './hardening';
import { LIST_SIZES, PAGE_SIZE_ARGUMENT, PAGED_LISTS } from './list-cost';

/**
 * The list sizes of the cost (list-cost.ts) against the schema (apps/api/schema.gql) and the
 * operations the web app really sends (apps/web/src/graphql/*.graphql, src/public/*.graphql):
 * each of them must fit under MAX_QUERY_COST at the largest page it may ask for, with room to
 * spare, while a pile of aliases of a long list must not.
 */

const ROOT = join(__dirname, '../../../..');
const schema = buildSchema(readFileSync(join(ROOT, 'apps/api/schema.gql'), 'utf8'));

function fieldOf(key: string) {
  const [typeName, fieldName] = key.split('.');
  const type = schema.getType(typeName);
  return isObjectType(type) ? type.getFields()[fieldName] : undefined;
}

/** A value of the type, as small as it gets: only what is required. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields()))
      if (isNonNullType(field.type)) value[field.name] = sample(field.type);
    return value;
  }
  return (
    ({ ID: 'x', String: 'x', Int: 1, Float: 1, Boolean: true } as Record<string, unknown>)[
      type.name
    ] ?? '2030-01-01T00:00:00.000Z'
  );
}

interface WebOperation {
  name: string;
  document: DocumentNode;
  variables: Record<string, unknown>;
}

/** Every operation of the web app, with its required variables and every page at its largest. */
function webOperations(): WebOperation[] {
  const files = ['apps/web/src/graphql', 'apps/web/src/public'].flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((name) => name.endsWith('.graphql'))
      .map((name) => join(ROOT, dir, name)),
  );
  const operations: WebOperation[] = [];
  for (const file of files) {
    const definitions = parse(readFileSync(file, 'utf8')).definitions;
    const fragments = definitions.filter(
      (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
    );
    for (const operation of definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )) {
      const variables: Record<string, unknown> = {};
      for (const definition of operation.variableDefinitions ?? []) {
        const type = typeFromAST(schema, definition.type) as GraphQLInputType;
        if (isNonNullType(type)) variables[definition.variable.name.value] = sample(type);
        // a page size: the largest the API takes
        if (definition.variable.name.value === PAGE_SIZE_ARGUMENT)
          variables[PAGE_SIZE_ARGUMENT] = Math.max(...Object.values(PAGED_LISTS).map((p) => p.max));
      }
      operations.push({
        name: operation.name?.value ?? '(anonymous)',
        document: {
          kind: Kind.DOCUMENT,
          definitions: [operation, ...fragments] as DefinitionNode[],
        },
        variables,
      });
    }
  }
  return operations;
}

describe('list sizes of the GraphQL cost', () => {
  it('name list fields of the schema; paged ones take `first`', () => {
    for (const key of Object.keys(LIST_SIZES)) {
      const field = fieldOf(key);
      expect({ key, list: field && isListType(getNullableType(field.type)) }).toEqual({
        key,
        list: true,
      });
    }
    for (const key of Object.keys(PAGED_LISTS)) {
      expect({ key, first: fieldOf(key)?.args.some((a) => a.name === PAGE_SIZE_ARGUMENT) }).toEqual(
        {
          key,
          first: true,
        },
      );
    }
  });

  it('every operation of the web app costs at most half the limit, every page at its largest', () => {
    const costs = webOperations().map((op) => ({
      name: op.name,
      cost: operationCost(schema, op.document, op.name, op.variables),
    }));
    expect(costs.length).toBeGreaterThan(40);
    costs.sort((a, b) => b.cost - a.cost);
    process.stdout.write(
      `web app operations by cost (limit ${MAX_QUERY_COST}): ${costs
        .slice(0, 8)
        .map((c) => `${c.name} ${c.cost}`)
        .join(', ')}\n`,
    );
    expect(costs.filter((c) => c.cost > MAX_QUERY_COST / 2)).toEqual([]);
  });

  it('costs a page by `first`, clamped to the page sizes the field takes', () => {
    const cost = (first: unknown) =>
      operationCost(
        schema,
        parse('query($n: Int) { auditLog(eventId: "e", first: $n) { id action } }'),
        undefined,
        { n: first },
      );
    expect(cost(10)).toBe(1 + 10 * 2);
    expect(cost(null)).toBe(1 + PAGED_LISTS['Query.auditLog'].default * 2);
    // out of range: the resolver refuses it (INVALID_PAGE_SIZE); the cost takes the nearest size
    expect(cost(1_000_000)).toBe(1 + PAGED_LISTS['Query.auditLog'].max * 2);
    expect(cost(-5)).toBe(1 + 1 * 2);
  });

  it('makes 100 aliases of the public results list cost more than the limit, one of them far less', () => {
    const selection =
      'publishedResults(eventSlug: "x") { id hash items { entryCode title entrantName award { name } } }';
    const one = operationCost(schema, parse(`{ ${selection} }`));
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: ${selection}`).join(' ');
    expect(one).toBeLessThan(MAX_QUERY_COST / 4);
    expect(operationCost(schema, parse(`{ ${aliases} }`))).toBeGreaterThan(MAX_QUERY_COST);
  });
});

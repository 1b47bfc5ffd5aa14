import { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import {
  BREAK,
  DocumentNode,
  FragmentDefinitionNode,
  getVariableValues,
  GraphQLError,
  GraphQLSchema,
  isInterfaceType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
  visit,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { isExpectedError } from './format-error';
import { listCostEstimator, PAGE_SIZE_ARGUMENT } from './list-cost';

/**
 * Tokens (names, punctuation, values; comments do not count) a query text may hold: parsing
 * stops there, before validation. The web app's whole portal.graphql, every operation and
 * fragment together, is about 1,400; a 256 kB body of aliases is 60,000, and parsing and
 * validating it cost a second of CPU before any other limit could refuse it.
 */
export const MAX_QUERY_TOKENS = 5_000;
export const MAX_QUERY_DEPTH = 10;
/**
 * Fields (the response keys: aliases count, each once) an operation may ask for at its root. A
 * screen of the web app asks for one to three; a hundred aliases of one field are a way to send
 * a hundred requests as one past every per-request limit.
 */
export const MAX_ROOT_FIELDS = 100;
/**
 * Every field costs 1 (aliases each count again) plus its selection; a list's selection counts
 * once per item it is costed at (list-cost.ts), so the cost estimates the values an answer can
 * hold. The web app's largest operation costs about 20,000 at those sizes (list-cost.spec.ts).
 */
export const MAX_QUERY_COST = 50_000;
/** Selections (fragments counted each time they are spread) the cost walk evaluates before giving up. */
export const MAX_QUERY_NODES = 10_000;

function refusal(reason: string, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', reason, http: { status: 400 } },
  });
}

/**
 * Depth of the selection, fragments followed (a cycle is a validation error anyway; guarded).
 * Each fragment's depth is worked out once (`memo`): a fragment spread twice by a fragment spread
 * twice by … would otherwise be walked 2^n times, a CPU bomb in a few hundred bytes.
 */
export function queryDepth(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
  memo = new Map<string, number>(),
): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const below = selection.selectionSet
        ? queryDepth(selection.selectionSet, fragments, seen, memo)
        : 0;
      // __typename and other introspection meta fields are not data depth
      deepest = Math.max(deepest, selection.name.value.startsWith('__') ? 0 : 1 + below);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, queryDepth(selection.selectionSet, fragments, seen, memo));
    } else {
      const name = selection.name.value;
      const fragment = fragments[name];
      if (!fragment || seen.has(name)) continue;
      let depth = memo.get(name);
      if (depth === undefined) {
        depth = queryDepth(fragment.selectionSet, fragments, new Set(seen).add(name), memo);
        memo.set(name, depth);
      }
      deepest = Math.max(deepest, depth);
    }
  }
  return deepest;
}

/**
 * The distinct response keys of the operation's root selection, through fragments and inline
 * fragments (each fragment read once: spreading it again adds no key).
 */
export function rootFieldCount(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
): number {
  const keys = new Set<string>();
  const read = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        keys.add(selection.alias?.value ?? selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else if (!read.has(selection.name.value)) {
        read.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(selectionSet);
  return keys.size;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/**
 * Whether an operation's cost can depend on its variables: through @skip/@include (or any
 * directive) given a variable, through a page size given a variable (`first: $n`, list-cost.ts),
 * or through a field's own `complexity` estimator, which sees the arguments. None of them, and
 * the cost is the document's alone.
 */
function costDependsOnVariables(document: DocumentNode, schema: GraphQLSchema): boolean {
  if (schemaHasFieldComplexity(schema)) return true;
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.arguments?.some((argument) => argumentHasVariable(argument.value))) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
    Argument(node) {
      if (node.name.value === PAGE_SIZE_ARGUMENT && argumentHasVariable(node.value)) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function argumentHasVariable(value: ValueNode): boolean {
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(argumentHasVariable);
  if (value.kind === Kind.OBJECT) return value.fields.some((f) => argumentHasVariable(f.value));
  return false;
}

const fieldComplexityBySchema = new WeakMap<GraphQLSchema, boolean>();

function schemaHasFieldComplexity(schema: GraphQLSchema): boolean {
  let known = fieldComplexityBySchema.get(schema);
  if (known === undefined) {
    known = Object.values(schema.getTypeMap()).some(
      (type) =>
        (isObjectType(type) || isInterfaceType(type)) &&
        Object.values(type.getFields()).some((field) => field.extensions?.complexity != null),
    );
    fieldComplexityBySchema.set(schema, known);
  }
  return known;
}

/**
 * Refuses, before any resolver runs, operations with too many root fields, too deep or too
 * costly. Cost counts every field selection, so a thousand aliases of one field cost a
 * thousand, and lists by their size, so an alias of a long list costs the whole list.
 *
 * Apollo keeps each parsed and validated document (one object per query text), so an operation
 * whose cost cannot depend on its variables is measured once: a tablet sends the same mutation
 * thousands of times, and measuring it (a walk of the document and two coercions of the
 * variables) was a tenth of the API's CPU per score sheet.
 */
export function queryLimitsPlugin(schema: () => GraphQLSchema): ApolloServerPlugin {
  const costs = new WeakMap<OperationDefinitionNode, number>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          let cost = costs.get(operation);
          if (cost === undefined) {
            const measured = measure(schema(), document, operation, request);
            if (measured === null) return; // variables Apollo refuses
            cost = measured;
            // Only costs within the limit: a refused operation is measured each time, so its
            // answer never depends on what was sent before (e.g. badly typed variables).
            if (cost <= MAX_QUERY_COST && !costDependsOnVariables(document, schema())) {
              costs.set(operation, cost);
            }
          }
          if (cost > MAX_QUERY_COST) {
            throw refusal(
              'QUERY_TOO_COMPLEX',
              `the query costs ${cost}; at most ${MAX_QUERY_COST} is allowed`,
            );
          }
        },
      };
    },
  };
}

/**
 * The operation's cost; throws when it has too many root fields or is too deep; null when its
 * variables do not fit.
 */
function measure(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  request: { operationName?: string | null; variables?: Record<string, unknown> | null },
): number | null {
  const fragments = fragmentsOf(document);
  const rootFields = rootFieldCount(operation.selectionSet, fragments);
  if (rootFields > MAX_ROOT_FIELDS) {
    throw refusal(
      'TOO_MANY_ROOT_FIELDS',
      `the operation asks for ${rootFields} root fields (aliases count); at most ${MAX_ROOT_FIELDS} are allowed`,
    );
  }
  const depth = queryDepth(operation.selectionSet, fragments);
  if (depth > MAX_QUERY_DEPTH) {
    throw refusal(
      'QUERY_TOO_DEEP',
      `the query is ${depth} levels deep; at most ${MAX_QUERY_DEPTH} are allowed`,
    );
  }
  // Variables that do not fit their types are Apollo's to refuse (BAD_USER_INPUT, before
  // any resolver runs); getComplexity would throw them as an internal error.
  const variables = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    request.variables ?? {},
  );
  if (variables.errors?.length) return null;
  try {
    return operationCost(schema, document, request.operationName, request.variables);
  } catch (error) {
    // graphql-query-complexity gives up (throws) past maxQueryNodes: far too costly.
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
      throw refusal(
        'QUERY_TOO_COMPLEX',
        `the query has more than ${MAX_QUERY_NODES} selections to evaluate`,
      );
    }
    throw error;
  }
}

/**
 * What an operation costs (fields 1 each plus their selection, lists by their size); throws
 * past MAX_QUERY_NODES selections.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables?: Record<string, unknown> | null,
): number {
  return getComplexity({
    schema,
    query: document,
    operationName: operationName ?? undefined,
    variables: variables ?? {},
    estimators: [
      fieldExtensionsEstimator(),
      listCostEstimator(),
      simpleEstimator({ defaultComplexity: 1 }),
    ],
    maxQueryNodes: MAX_QUERY_NODES,
  });
}

/** Logs every unexpected error once, with the request id, so a generic client message can be traced. */
export function errorLoggingPlugin(): ApolloServerPlugin<{ req?: { requestId?: string } }> {
  const logger = new Logger('GraphQL');
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isExpectedError(error)) continue;
            const original = (error.originalError ?? error) as Error;
            logger.error(
              `[${contextValue.req?.requestId ?? '-'}] ${error.path?.join('.') ?? 'operation'}: ${original.stack ?? original.message}`,
            );
          }
        },
      };
    },
  };
}

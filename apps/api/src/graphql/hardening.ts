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

export const MAX_QUERY_DEPTH = 10;
/** Every field costs 1 (aliases each count again); list fields may declare more via `complexity`. */
export const MAX_QUERY_COST = 2_000;
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

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/**
 * Whether an operation's cost can depend on its variables: through @skip/@include (or any
 * directive) given a variable, or through a field's own `complexity` estimator, which sees the
 * arguments. Neither, and the cost is the document's alone.
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
 * Refuses, before any resolver runs, operations that are too deep or too costly. Cost counts
 * every field selection, so a thousand aliases of one field cost a thousand.
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

/** The operation's cost; throws when it is too deep; null when its variables do not fit. */
function measure(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  request: { operationName?: string | null; variables?: Record<string, unknown> | null },
): number | null {
  const depth = queryDepth(operation.selectionSet, fragmentsOf(document));
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
    return getComplexity({
      schema,
      query: document,
      operationName: request.operationName ?? undefined,
      variables: request.variables ?? {},
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
      maxQueryNodes: MAX_QUERY_NODES,
    });
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

import { ApolloServerPlugin } from '@apollo/server';
import {
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { CREATES_ACCOUNT, IdentityReason } from '@app/identity';

/** Account-creating root fields one request may hold. */
export const MAX_ACCOUNT_CREATIONS_PER_REQUEST = 1;

/**
 * Refuses, before any resolver runs, a mutation that holds more than one field creating an
 * account (those marked @CreatesAccount(): registerEntrant, createUser), aliases and fragments
 * included, @skip/@include or not. One anonymous request with 1,000 aliases of registerEntrant
 * created 1,000 accounts (issue 19); the sign-up throttle counts requests' turns, and this keeps
 * each request to one. Specific to account creation: the general cap on root fields per
 * operation is the GraphQL hardening's.
 */
export function accountCreationLimitPlugin(schema: () => GraphQLSchema): ApolloServerPlugin {
  const creatingFieldsOf = new WeakMap<GraphQLSchema, ReadonlySet<string>>();
  const creatingFields = (): ReadonlySet<string> => {
    const current = schema();
    let names = creatingFieldsOf.get(current);
    if (!names) {
      const fields = Object.values(current.getMutationType()?.getFields() ?? {});
      names = new Set(fields.filter((f) => f.extensions?.[CREATES_ACCOUNT]).map((f) => f.name));
      creatingFieldsOf.set(current, names);
    }
    return names;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation }) {
          if (operation?.operation !== 'mutation') return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) {
              fragments[definition.name.value] = definition;
            }
          }
          const count = accountCreatingFields(operation, fragments, creatingFields());
          if (count > MAX_ACCOUNT_CREATIONS_PER_REQUEST) {
            throw new GraphQLError(
              `one request may create one account; this one asks for ${count} (send each sign-up on its own)`,
              {
                extensions: {
                  code: 'BAD_USER_INPUT',
                  reason: IdentityReason.ONE_ACCOUNT_PER_REQUEST,
                  http: { status: 400 },
                },
              },
            );
          }
        },
      };
    },
  };
}

/**
 * How many root fields of the operation are account-creating ones. Each fragment is counted
 * once and remembered (`memo`): a fragment spread twice by a fragment spread twice by … would
 * otherwise be walked 2^n times.
 */
export function accountCreatingFields(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  creating: ReadonlySet<string>,
): number {
  const memo = new Map<string, number>();
  const walk = (selectionSet: SelectionSetNode, seen: ReadonlySet<string>): number => {
    let count = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (creating.has(selection.name.value)) count++;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        count += walk(selection.selectionSet, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        // a cycle is a validation error before this runs; guarded all the same
        if (!fragment || seen.has(name)) continue;
        let inside = memo.get(name);
        if (inside === undefined) {
          inside = walk(fragment.selectionSet, new Set(seen).add(name));
          memo.set(name, inside);
        }
        count += inside;
      }
    }
    return count;
  };
  return walk(operation.selectionSet, new Set());
}

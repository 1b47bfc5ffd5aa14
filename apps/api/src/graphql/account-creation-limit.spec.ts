import { FragmentDefinitionNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { accountCreatingFields } from './account-creation-limit';

const CREATING = new Set(['registerEntrant', 'createUser']);

function countIn(source: string): number {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return accountCreatingFields(operation, fragments, CREATING);
}

describe('accountCreatingFields', () => {
  it('counts each aliased account-creating field, and nothing else', () => {
    expect(
      countIn(
        'mutation { a: registerEntrant(input: $i) { token } login(email: "", password: "") { token } }',
      ),
    ).toBe(1);
    expect(
      countIn(
        'mutation { a: registerEntrant(input: $i) { token } b: createUser(input: $j) { id } }',
      ),
    ).toBe(2);
  });

  it('follows inline fragments and named fragments, skipped or not', () => {
    expect(
      countIn(`mutation { ... on Mutation { registerEntrant(input: $i) { token } } ...F }
               fragment F on Mutation { b: registerEntrant(input: $j) @skip(if: true) { token } }`),
    ).toBe(2);
  });

  it('walks a fragment spread many times over once (no 2^n walk)', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on Mutation { registerEntrant(input: $i) { token } }`
        : `fragment F${i} on Mutation { ...F${i + 1} ...F${i + 1} }`,
    );
    const started = Date.now();
    expect(countIn(`mutation { ...F0 } ${fragments.join(' ')}`)).toBe(2 ** (levels - 1));
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a query has none to count', () => {
    expect(countIn('{ regions { code } }')).toBe(0);
  });
});

/**
 * One fixed order for ids (UTF-16 code units, as `<` compares them). Any total order would
 * do: sorting every input by it first is what makes the output independent of the order the
 * caller's arrays come in.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedById<T extends { readonly id: string }>(items: readonly T[]): T[] {
  return [...items].sort((x, y) => compareIds(x.id, y.id));
}

export function sortedIds(ids: Iterable<string>): string[] {
  return [...ids].sort(compareIds);
}

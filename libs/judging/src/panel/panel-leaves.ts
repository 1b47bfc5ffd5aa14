/** Just what the leaf computation needs of a category. */
export interface CategoryNode {
  id: string;
  parentId: string | null;
  path: string;
}

/**
 * The leaf categories the given categories stand for: a leaf stands for itself, a parent for
 * every leaf below it (paths are materialised: `/<root>/…/<own>/`). Pure.
 */
export function leavesCovered(
  all: readonly CategoryNode[],
  givenIds: readonly string[],
): Set<string> {
  const parents = new Set(all.map((c) => c.parentId).filter((id): id is string => id !== null));
  const leaves = all.filter((c) => !parents.has(c.id));
  const byId = new Map(all.map((c) => [c.id, c]));
  const covered = new Set<string>();
  for (const id of givenIds) {
    const root = byId.get(id);
    if (!root) continue;
    for (const leaf of leaves) if (leaf.path.startsWith(root.path)) covered.add(leaf.id);
  }
  return covered;
}

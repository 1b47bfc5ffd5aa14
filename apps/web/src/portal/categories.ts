import type { Category } from './ops';

/** The leaves of a category tree (entries go in leaves only), labelled with their path. */
export function leafOptions(roots: Category[]): { id: string; label: string }[] {
  const out: { id: string; label: string }[] = [];
  const walk = (node: Category, path: string[]) => {
    const here = [...path, `${node.code} ${node.name}`];
    if (!node.children?.length) out.push({ id: node.id, label: here.join(' / ') });
    else for (const child of node.children) walk(child, here);
  };
  for (const root of roots) walk(root, []);
  return out;
}

/** Every category of a tree, parents first, with its depth (for indented lists and pickers). */
export function flatten(roots: Category[]): { category: Category; depth: number }[] {
  const out: { category: Category; depth: number }[] = [];
  const walk = (node: Category, depth: number) => {
    out.push({ category: node, depth });
    for (const child of node.children ?? []) walk(child, depth + 1);
  };
  for (const root of roots) walk(root, 0);
  return out;
}

import type { Category, Id, Priority } from '@/shared/api/types';

// The flat category list (GET /categories) as a tree for el-tree. Categories nest at most
// MAX_CATEGORY_DEPTH levels; the server enforces it, these helpers keep the UI from offering
// what it would refuse.

export const MAX_CATEGORY_DEPTH = 5;

export interface CategoryNode {
  id: Id;
  label: string;
  category: Category;
  // 1 for a top-level category.
  depth: number;
  children: CategoryNode[];
}

// Children follow the list's order (by id). A category whose parent is missing is shown at
// the top level rather than lost; a parent cycle (never sent by the server) is broken there.
export function buildCategoryTree(categories: Category[]): CategoryNode[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const children = new Map<Id | null, Category[]>();
  for (const c of categories) {
    const parent = c.parent_id !== null && byId.has(c.parent_id) && c.parent_id !== c.id ? c.parent_id : null;
    const list = children.get(parent) ?? [];
    list.push(c);
    children.set(parent, list);
  }
  const seen = new Set<Id>();
  const build = (c: Category, depth: number): CategoryNode => {
    seen.add(c.id);
    const kids = (children.get(c.id) ?? []).filter((k) => !seen.has(k.id));
    return { id: c.id, label: c.name, category: c, depth, children: kids.map((k) => build(k, depth + 1)) };
  };
  const roots = (children.get(null) ?? []).map((c) => build(c, 1));
  // Whatever a cycle kept out of reach still shows, at the top.
  for (const c of categories) if (!seen.has(c.id)) roots.push(build(c, 1));
  return roots;
}

export function flatten(nodes: CategoryNode[]): CategoryNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

// Levels from this node down to its deepest descendant (1 for a leaf).
export function height(node: CategoryNode): number {
  return 1 + Math.max(0, ...node.children.map(height));
}

export function canAddChild(node: CategoryNode): boolean {
  return node.depth < MAX_CATEGORY_DEPTH;
}

// Categories that may become the parent of `moving` (null: a new leaf category): not
// itself or one of its descendants, and not so deep that the subtree would pass the limit.
export function parentChoices(tree: CategoryNode[], moving: CategoryNode | null): CategoryNode[] {
  const inside = new Set(moving ? flatten([moving]).map((n) => n.id) : []);
  const levels = moving ? height(moving) : 1;
  return flatten(tree).filter((n) => !inside.has(n.id) && n.depth + levels <= MAX_CATEGORY_DEPTH);
}

// Which categories give new tickets each priority by default.
export function categoriesByPriority(categories: Category[]): Record<Priority, Category[]> {
  const result: Record<Priority, Category[]> = { low: [], normal: [], high: [], urgent: [] };
  for (const c of categories) result[c.default_priority].push(c);
  return result;
}

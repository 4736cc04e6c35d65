import type { Category, Id } from '@/shared/api/types';
import { buildCategoryTree, canAddChild, categoriesByPriority, flatten, height, parentChoices } from '../tree';

function category(id: Id, parent: Id | null, priority: Category['default_priority'] = 'normal'): Category {
  return { id, parent_id: parent, name: `c${id}`, default_department_id: null, default_priority: priority, required_skills: [], created_at: '2026-01-01T00:00:00Z' };
}

// 1 > 2 > 3 > 4 > 5 (five levels), 1 > 6, and 7 on its own.
const list = [category(1, null), category(2, 1), category(3, 2, 'high'), category(4, 3), category(5, 4, 'urgent'), category(6, 1, 'high'), category(7, null, 'low')];

describe('category tree', () => {
  it('nests children under their parents in list order with depths', () => {
    const tree = buildCategoryTree(list);
    expect(tree.map((n) => n.id)).toEqual([1, 7]);
    expect(tree[0]!.children.map((n) => n.id)).toEqual([2, 6]);
    expect(flatten(tree).map((n) => [n.id, n.depth])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
      [6, 2],
      [7, 1],
    ]);
    expect(tree[0]!.label).toBe('c1');
  });

  it('keeps orphans and cycles visible at the top level', () => {
    const tree = buildCategoryTree([category(1, 99), { ...category(2, 3) }, { ...category(3, 2) }]);
    expect(flatten(tree).map((n) => n.id).sort()).toEqual([1, 2, 3]);
    expect(tree.map((n) => n.id)).toContain(1);
  });

  it('offers children only above the fifth level', () => {
    const nodes = flatten(buildCategoryTree(list));
    expect(nodes.filter(canAddChild).map((n) => n.id)).toEqual([1, 2, 3, 4, 6, 7]);
  });

  it('offers as parents only categories outside the subtree that keep it within five levels', () => {
    const tree = buildCategoryTree(list);
    const byId = new Map(flatten(tree).map((n) => [n.id, n]));
    expect(height(byId.get(3)!)).toBe(3);
    // A new leaf can go under anything but the fifth level.
    expect(parentChoices(tree, null).map((n) => n.id)).toEqual([1, 2, 3, 4, 6, 7]);
    // 3 (three levels high) can sit under a level-1 or level-2 category outside itself.
    expect(parentChoices(tree, byId.get(3)!).map((n) => n.id)).toEqual([1, 2, 6, 7]);
    // 1 holds five levels: it can only stay at the top.
    expect(parentChoices(tree, byId.get(1)!)).toEqual([]);
  });

  it('lists which categories default to each priority', () => {
    const by = categoriesByPriority(list);
    expect(by.high.map((c) => c.id)).toEqual([3, 6]);
    expect(by.urgent.map((c) => c.id)).toEqual([5]);
    expect(by.low.map((c) => c.id)).toEqual([7]);
    expect(by.normal.map((c) => c.id)).toEqual([1, 2, 4]);
  });
});

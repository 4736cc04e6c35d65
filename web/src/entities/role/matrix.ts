import type { Permission, PermissionInfo, Role } from '@/shared/api/types';

// The roles × permissions matrix: permissions grouped by area (the part of the name before
// the dot) as rows, one column per role holding a draft of its permissions. Built-in
// roles stay read-only; a new role is a draft column until it is saved.

export const ROLE_KEY_PATTERN = /^[a-z][a-z0-9_]{1,31}$/;

export interface PermissionArea {
  area: string;
  permissions: PermissionInfo[];
}

export interface RoleColumn {
  key: string;
  name: string;
  builtin: boolean;
  // What the server holds (empty for a new role).
  saved: Set<Permission>;
  draft: Set<Permission>;
  isNew: boolean;
}

export type AreaState = 'all' | 'some' | 'none';

// Areas in catalog order, each with its permissions in catalog order.
export function groupByArea(catalog: PermissionInfo[]): PermissionArea[] {
  const areas = new Map<string, PermissionInfo[]>();
  for (const info of catalog) {
    const area = info.name.split('.')[0] ?? info.name;
    const list = areas.get(area) ?? [];
    list.push(info);
    areas.set(area, list);
  }
  return [...areas].map(([area, permissions]) => ({ area, permissions }));
}

export function columnFromRole(role: Role): RoleColumn {
  return { key: role.key, name: role.name, builtin: role.builtin, saved: new Set(role.permissions), draft: new Set(role.permissions), isNew: false };
}

export function newColumn(key: string, name: string, from: Iterable<Permission> = []): RoleColumn {
  return { key, name, builtin: false, saved: new Set(), draft: new Set(from), isNew: true };
}

export function isDirty(column: RoleColumn): boolean {
  if (column.isNew) return true;
  if (column.saved.size !== column.draft.size) return true;
  return [...column.draft].some((p) => !column.saved.has(p));
}

export function toggle(column: RoleColumn, permission: Permission, on: boolean): void {
  if (column.builtin) return;
  if (on) column.draft.add(permission);
  else column.draft.delete(permission);
}

export function areaState(column: RoleColumn, area: PermissionArea): AreaState {
  const held = area.permissions.filter((p) => column.draft.has(p.name)).length;
  if (held === 0) return 'none';
  return held === area.permissions.length ? 'all' : 'some';
}

// Ticks or clears every permission of an area at once.
export function setArea(column: RoleColumn, area: PermissionArea, on: boolean): void {
  for (const p of area.permissions) toggle(column, p.name, on);
}

export function discard(column: RoleColumn): void {
  column.draft = new Set(column.saved);
}

// The draft in catalog order, as the PUT body wants it.
export function draftPermissions(column: RoleColumn, catalog: PermissionInfo[]): Permission[] {
  return catalog.map((p) => p.name).filter((name) => column.draft.has(name));
}

// Why a new role key cannot be used, or null when it can.
export function roleKeyProblem(key: string, existing: Iterable<string>): 'pattern' | 'taken' | null {
  if (!ROLE_KEY_PATTERN.test(key)) return 'pattern';
  for (const k of existing) if (k === key) return 'taken';
  return null;
}

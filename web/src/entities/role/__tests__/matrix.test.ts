import type { PermissionInfo, Role } from '@/shared/api/types';
import { areaState, columnFromRole, discard, draftPermissions, groupByArea, isDirty, newColumn, roleKeyProblem, setArea, toggle } from '../matrix';

const catalog: PermissionInfo[] = [
  { name: 'tickets.read', description: 'read' },
  { name: 'tickets.update', description: 'update' },
  { name: 'customers.read', description: 'read customers' },
  { name: 'tickets.assign', description: 'assign' },
  { name: 'audit.view', description: 'audit' },
];
const custom: Role = { key: 'team_lead', name: '组长', permissions: ['tickets.read', 'customers.read'], builtin: false };
const builtin: Role = { key: 'agent', name: 'Agent', permissions: ['tickets.read'], builtin: true };

describe('permission matrix', () => {
  it('groups permissions by area in catalog order', () => {
    const areas = groupByArea(catalog);
    expect(areas.map((a) => a.area)).toEqual(['tickets', 'customers', 'audit']);
    expect(areas[0]!.permissions.map((p) => p.name)).toEqual(['tickets.read', 'tickets.update', 'tickets.assign']);
  });

  it('tracks a draft against what the server holds', () => {
    const column = columnFromRole(custom);
    expect(isDirty(column)).toBe(false);
    toggle(column, 'tickets.update', true);
    expect(isDirty(column)).toBe(true);
    toggle(column, 'tickets.update', false);
    expect(isDirty(column)).toBe(false);
    toggle(column, 'customers.read', false);
    toggle(column, 'audit.view', true);
    expect(isDirty(column)).toBe(true);
    discard(column);
    expect(isDirty(column)).toBe(false);
    expect([...column.draft].sort()).toEqual(['customers.read', 'tickets.read']);
  });

  it('never changes a built-in role', () => {
    const column = columnFromRole(builtin);
    toggle(column, 'audit.view', true);
    setArea(column, groupByArea(catalog)[0]!, false);
    expect([...column.draft]).toEqual(['tickets.read']);
    expect(isDirty(column)).toBe(false);
  });

  it('reports and sets a whole area', () => {
    const [tickets] = groupByArea(catalog);
    const column = columnFromRole(custom);
    expect(areaState(column, tickets!)).toBe('some');
    setArea(column, tickets!, true);
    expect(areaState(column, tickets!)).toBe('all');
    setArea(column, tickets!, false);
    expect(areaState(column, tickets!)).toBe('none');
    expect([...column.draft]).toEqual(['customers.read']);
  });

  it('sends the draft in catalog order', () => {
    const column = newColumn('qa', '质检', ['audit.view', 'tickets.read']);
    toggle(column, 'customers.read', true);
    expect(isDirty(column)).toBe(true);
    expect(draftPermissions(column, catalog)).toEqual(['tickets.read', 'customers.read', 'audit.view']);
  });

  it('checks a new role key', () => {
    expect(roleKeyProblem('team_lead', ['admin'])).toBeNull();
    expect(roleKeyProblem('Team', [])).toBe('pattern');
    expect(roleKeyProblem('a', [])).toBe('pattern');
    expect(roleKeyProblem('组长', [])).toBe('pattern');
    expect(roleKeyProblem('admin', ['admin', 'agent'])).toBe('taken');
  });
});

import type { User } from '@/shared/api/types';
import { filterUsers, type UserFilter } from '../filter';

function user(id: number, name: string, email: string, role: string, active: boolean, departments: number[]): User {
  return {
    id,
    email,
    name,
    role,
    active,
    language: 'zh-CN',
    departments: departments.map((d) => ({ department_id: d, is_lead: false })),
    skills: [],
    languages: ['zh'],
    max_concurrent_chats: 5,
    presence: 'offline',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
}

const users = [user(1, '系统管理员', 'admin@kefu.local', 'admin', true, []), user(2, '陈静', 'chen.jing@kefu.local', 'supervisor', true, [1]), user(3, '李娜', 'li.na@kefu.local', 'agent', false, [1, 2])];
const none: UserFilter = { q: '', role: '', departmentId: null, status: 'all' };

describe('filterUsers', () => {
  it('matches name or email, case-insensitively', () => {
    expect(filterUsers(users, { ...none, q: '陈' }).map((u) => u.id)).toEqual([2]);
    expect(filterUsers(users, { ...none, q: ' LI.NA ' }).map((u) => u.id)).toEqual([3]);
  });

  it('filters by role, department and status together', () => {
    expect(filterUsers(users, { ...none, departmentId: 1 }).map((u) => u.id)).toEqual([2, 3]);
    expect(filterUsers(users, { ...none, departmentId: 1, status: 'active' }).map((u) => u.id)).toEqual([2]);
    expect(filterUsers(users, { ...none, status: 'inactive' }).map((u) => u.id)).toEqual([3]);
    expect(filterUsers(users, { ...none, role: 'admin' }).map((u) => u.id)).toEqual([1]);
    expect(filterUsers(users, none)).toHaveLength(3);
  });
});

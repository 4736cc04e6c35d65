import type { Id, User } from '@/shared/api/types';

// The users list is not paginated, so the settings page filters it in the browser.
export interface UserFilter {
  q: string;
  role: string;
  departmentId: Id | null;
  // 'all', or only active / deactivated accounts.
  status: 'all' | 'active' | 'inactive';
}

export function filterUsers(users: User[], filter: UserFilter): User[] {
  const q = filter.q.trim().toLowerCase();
  return users.filter((u) => {
    if (q && !u.name.toLowerCase().includes(q) && !u.email.toLowerCase().includes(q)) return false;
    if (filter.role && u.role !== filter.role) return false;
    if (filter.departmentId !== null && !u.departments.some((d) => d.department_id === filter.departmentId)) return false;
    if (filter.status === 'active' && !u.active) return false;
    if (filter.status === 'inactive' && u.active) return false;
    return true;
  });
}

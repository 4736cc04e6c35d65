import type { PermissionInfo, Role, RolePut } from '@/shared/api/types';
import { http } from '@/shared/http';

interface Items<T> {
  items: T[];
}

// Built-in roles first (admin, supervisor, agent), then custom roles by key.
export async function listRoles(): Promise<Role[]> {
  return (await http.get<Items<Role>>('/api/v1/roles')).items;
}

// Every permission with a one-line (English) description, in catalog order.
export async function listPermissions(): Promise<PermissionInfo[]> {
  return (await http.get<Items<PermissionInfo>>('/api/v1/permissions')).items;
}

// Creates the custom role `key` or replaces its name and permissions (409 for built-ins).
export function putRole(key: string, role: RolePut): Promise<Role> {
  return http.put<Role>(`/api/v1/roles/${encodeURIComponent(key)}`, role);
}

// 409 while a user still has the role.
export function deleteRole(key: string): Promise<void> {
  return http.delete<void>(`/api/v1/roles/${encodeURIComponent(key)}`);
}

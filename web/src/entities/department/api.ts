import type { Department, DepartmentCreate, DepartmentPatch, Id } from '@/shared/api/types';
import { http } from '@/shared/http';

// The list comes from the directory (entities/org); these are the writes of settings.manage.
export function createDepartment(input: DepartmentCreate): Promise<Department> {
  return http.post<Department>('/api/v1/departments', input);
}

export function updateDepartment(id: Id, patch: DepartmentPatch): Promise<Department> {
  return http.patch<Department>(`/api/v1/departments/${id}`, patch);
}

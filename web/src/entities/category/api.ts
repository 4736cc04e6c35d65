import type { Category, CategoryCreate, CategoryPatch, Id } from '@/shared/api/types';
import { http } from '@/shared/http';

// The list comes from the directory (entities/org); these are the writes of settings.manage.
// The API has no delete or deactivate for categories.
export function createCategory(input: CategoryCreate): Promise<Category> {
  return http.post<Category>('/api/v1/categories', input);
}

// null clears parent_id (moves it to the top level) or default_department_id.
export function updateCategory(id: Id, patch: CategoryPatch): Promise<Category> {
  return http.patch<Category>(`/api/v1/categories/${id}`, patch);
}

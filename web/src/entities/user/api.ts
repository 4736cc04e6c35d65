import type { Id, User, UserCreate, UserCreated, UserPatch } from '@/shared/api/types';
import { http } from '@/shared/http';

// Lists come from the directory (entities/org); these are the writes of users.manage.
export function createUser(input: UserCreate): Promise<UserCreated> {
  return http.post<UserCreated>('/api/v1/users', input);
}

// Partial update; departments and skills replace the old lists. active=false revokes the
// user's sessions (the server refuses it for yourself).
export function updateUser(id: Id, patch: UserPatch): Promise<User> {
  return http.patch<User>(`/api/v1/users/${id}`, patch);
}

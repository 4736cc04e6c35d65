import type { components } from '@/shared/api/schema';
import type { Me, Session } from '@/shared/api/types';
import { http } from '@/shared/http';

export function login(email: string, password: string): Promise<Session> {
  return http.post<Session>('/api/v1/auth/login', { email, password }, { skipAuth: true });
}

export function refreshSession(refreshToken: string): Promise<Session> {
  return http.post<Session>('/api/v1/auth/refresh', { refresh_token: refreshToken }, { skipAuth: true });
}

// Revokes the session's refresh-token family; its access tokens stop working at once.
export function logout(): Promise<void> {
  return http.post<void>('/api/v1/auth/logout');
}

export function fetchMe(): Promise<Me> {
  return http.get<Me>('/api/v1/me');
}

export type MePatch = components['schemas']['MePatch'];

export function updateMe(patch: MePatch): Promise<Me> {
  return http.patch<Me>('/api/v1/me', patch);
}

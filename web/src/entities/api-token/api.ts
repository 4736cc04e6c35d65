import type { ApiToken, ApiTokenCreate, ApiTokenCreated, Id } from '@/shared/api/types';
import { http } from '@/shared/http';

// My tokens, newest first, revoked and expired ones included; `all` (needs users.manage)
// lists every user's.
export async function listApiTokens(all = false): Promise<ApiToken[]> {
  return (await http.get<{ items: ApiToken[] }>('/api/v1/api-tokens', { query: { all: all || undefined } })).items;
}

// The answer carries the secret (`token`) once; only its hash is kept.
export function createApiToken(input: ApiTokenCreate): Promise<ApiTokenCreated> {
  return http.post<ApiTokenCreated>('/api/v1/api-tokens', input);
}

export function revokeApiToken(id: Id): Promise<void> {
  return http.delete<void>(`/api/v1/api-tokens/${id}`);
}

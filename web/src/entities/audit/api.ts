import type { AuditEntryPage, Id } from '@/shared/api/types';
import { http } from '@/shared/http';

export interface AuditQuery {
  actor_id?: Id;
  action?: string;
  target_type?: string;
  target_id?: Id;
  // A date or an RFC 3339 time; `to` is exclusive.
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

// One page of entries, newest first.
export function listAuditLog(query: AuditQuery): Promise<AuditEntryPage> {
  return http.get<AuditEntryPage>('/api/v1/audit-log', { query: { ...query } });
}

import type {
  BulkChanges,
  BulkResult,
  Id,
  Message,
  MessageCreate,
  MessageCreated,
  Ticket,
  TicketCreate,
  TicketEvent,
  TicketPage,
  TicketPatch,
} from '@/shared/api/types';
import { http } from '@/shared/http';

// The list filters GET /api/v1/tickets understands; lists are comma-joined by the client.
export interface TicketQuery {
  status?: string[];
  priority?: string[];
  assignee?: string; // "me", "unassigned" or a user id
  department_id?: Id[];
  category_id?: Id;
  customer_id?: Id;
  channel?: string;
  tag?: string;
  q?: string;
  created_from?: string;
  created_to?: string;
  sort?: string;
  limit?: number;
  cursor?: string;
}

export function listTickets(query: TicketQuery, signal?: AbortSignal): Promise<TicketPage> {
  return http.get<TicketPage>('/api/v1/tickets', { query: { ...query }, signal });
}

export function getTicket(id: Id): Promise<Ticket> {
  return http.get<Ticket>(`/api/v1/tickets/${id}`);
}

export function createTicket(body: TicketCreate): Promise<Ticket> {
  return http.post<Ticket>('/api/v1/tickets', body);
}

// Fails with 412 precondition_failed when someone else changed the ticket since `version`.
export function updateTicket(id: Id, patch: TicketPatch, version: number): Promise<Ticket> {
  return http.patch<Ticket>(`/api/v1/tickets/${id}`, patch, { ifMatch: version });
}

export async function listMessages(id: Id): Promise<Message[]> {
  return (await http.get<{ items: Message[] }>(`/api/v1/tickets/${id}/messages`)).items;
}

export function postMessage(id: Id, body: MessageCreate): Promise<MessageCreated> {
  return http.post<MessageCreated>(`/api/v1/tickets/${id}/messages`, body);
}

export async function listEvents(id: Id): Promise<TicketEvent[]> {
  return (await http.get<{ items: TicketEvent[] }>(`/api/v1/tickets/${id}/events`)).items;
}

export function transferTicket(id: Id, departmentId: Id, reason: string): Promise<Ticket> {
  return http.post<Ticket>(`/api/v1/tickets/${id}/transfer`, { department_id: departmentId, reason });
}

// Merges ticket `id` into `targetId`; resolves to the target.
export function mergeTicket(id: Id, targetId: Id): Promise<Ticket> {
  return http.post<Ticket>(`/api/v1/tickets/${id}/merge`, { target_id: targetId });
}

export function linkTicket(id: Id, otherId: Id, type: 'related' | 'parent' | 'child'): Promise<unknown> {
  return http.post(`/api/v1/tickets/${id}/links`, { other_id: otherId, type });
}

export function bulkUpdate(ids: Id[], changes: BulkChanges): Promise<BulkResult> {
  return http.post<BulkResult>('/api/v1/tickets/bulk', { ids, changes });
}

import type { Customer, CustomerCreate, CustomerPage, CustomerPatch, Id, TimelineEntry } from '@/shared/api/types';
import { http } from '@/shared/http';

export interface CustomerQuery {
  q?: string;
  tag?: string;
  min_membership_level?: number;
  limit?: number;
  cursor?: string;
}

export function searchCustomers(query: CustomerQuery, signal?: AbortSignal): Promise<CustomerPage> {
  return http.get<CustomerPage>('/api/v1/customers', { query: { ...query }, signal });
}

export function getCustomer(id: Id): Promise<Customer> {
  return http.get<Customer>(`/api/v1/customers/${id}`);
}

export function createCustomer(body: CustomerCreate): Promise<Customer> {
  return http.post<Customer>('/api/v1/customers', body);
}

// Fails with 412 when the customer changed since `version`.
export function updateCustomer(id: Id, patch: CustomerPatch, version: number): Promise<Customer> {
  return http.patch<Customer>(`/api/v1/customers/${id}`, patch, { ifMatch: version });
}

// Returns phones and emails in clear; the server audits every reveal.
export function revealContact(id: Id): Promise<Customer> {
  return http.post<Customer>(`/api/v1/customers/${id}/reveal`);
}

// Merges `sourceId` (the duplicate) into `id`.
export function mergeCustomer(id: Id, sourceId: Id): Promise<unknown> {
  return http.post(`/api/v1/customers/${id}/merge`, { source_id: sourceId });
}

export async function customerTimeline(id: Id): Promise<TimelineEntry[]> {
  return (await http.get<{ items: TimelineEntry[] }>(`/api/v1/customers/${id}/timeline`)).items;
}

import type { Faq, FaqCreate, FaqLanguage, FaqPage, FaqPatch, Id } from '@/shared/api/types';
import { http } from '@/shared/http';

export interface FaqQuery {
  // Words to search for: the best matches first, each with `relevance`, and no paging.
  q?: string;
  category_id?: Id;
  language?: FaqLanguage;
  active?: boolean;
  limit?: number;
  // next_cursor of the previous page (listing only, not with q).
  cursor?: string;
}

// Newest first (cursor paging) or, with q, ranked by full-text relevance.
export function listFaqs(query: FaqQuery): Promise<FaqPage> {
  return http.get<FaqPage>('/api/v1/faqs', { query: { ...query } });
}

export function getFaq(id: Id): Promise<Faq> {
  return http.get<Faq>(`/api/v1/faqs/${id}`);
}

export function createFaq(input: FaqCreate): Promise<Faq> {
  return http.post<Faq>('/api/v1/faqs', input);
}

// Fails with 412 precondition_failed when someone else changed the entry since `version`.
export function updateFaq(id: Id, patch: FaqPatch, version: number): Promise<Faq> {
  return http.patch<Faq>(`/api/v1/faqs/${id}`, patch, { ifMatch: version });
}

export function deleteFaq(id: Id): Promise<void> {
  return http.delete<void>(`/api/v1/faqs/${id}`);
}

import type { CustomField, CustomFieldCreate, CustomFieldEntity, CustomFieldPatch, Id } from '@/shared/api/types';
import { http } from '@/shared/http';

// Definitions by id, active and inactive.
export async function listCustomFields(entity?: CustomFieldEntity): Promise<CustomField[]> {
  return (await http.get<{ items: CustomField[] }>('/api/v1/custom-fields', { query: { entity } })).items;
}

export function createCustomField(input: CustomFieldCreate): Promise<CustomField> {
  return http.post<CustomField>('/api/v1/custom-fields', input);
}

// Label, options, required and active only: entity, key and type are fixed.
export function updateCustomField(id: Id, patch: CustomFieldPatch): Promise<CustomField> {
  return http.patch<CustomField>(`/api/v1/custom-fields/${id}`, patch);
}

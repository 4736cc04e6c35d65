import type { CustomFieldEntity, CustomFieldType } from '@/shared/api/types';

export const CUSTOM_FIELD_ENTITIES: CustomFieldEntity[] = ['ticket', 'customer'];
export const CUSTOM_FIELD_TYPES: CustomFieldType[] = ['text', 'number', 'select', 'date', 'checkbox'];
export const CUSTOM_FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

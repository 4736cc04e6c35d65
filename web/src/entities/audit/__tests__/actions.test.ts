import en from '@/locales/en';
import zhCN from '@/locales/zh-CN';
import type { AuditEntry } from '@/shared/api/types';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, actionLabelKey, detailsSummary, targetLabelKey } from '../actions';

function has(messages: unknown, key: string): boolean {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  return typeof value === 'string' && value.length > 0;
}

describe('audit actions', () => {
  it('every action and target type has a label in both languages', () => {
    for (const key of [...AUDIT_ACTIONS.map(actionLabelKey), ...AUDIT_TARGET_TYPES.map(targetLabelKey)]) {
      expect(has(zhCN, key), key).toBe(true);
      expect(has(en, key), key).toBe(true);
    }
  });

  it('summarises the details that name what changed', () => {
    const entry = { details: { what: 'department', name: '售后', changes: ['role', 'active'] } } as unknown as AuditEntry;
    expect(detailsSummary(entry)).toBe('name: 售后 · what: department · changes: role, active');
    expect(detailsSummary({ details: {} } as unknown as AuditEntry)).toBe('');
  });
});

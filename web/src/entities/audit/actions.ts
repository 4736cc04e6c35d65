import type { AuditEntry } from '@/shared/api/types';

// Every audited action the server writes (events/audit_listener.cc) and the target types
// they name; each has a label under settings.audit.actions / settings.audit.targets.
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.refresh_reuse_detected',
  'user.created',
  'user.updated',
  'role.changed',
  'api_token.created',
  'api_token.revoked',
  'customers.exported',
  'customer.contact_revealed',
  'customer.merged',
  'ticket.merged',
  'settings.changed',
  'faq.created',
  'faq.updated',
  'faq.deleted',
] as const;

export const AUDIT_TARGET_TYPES = ['user', 'role', 'api_token', 'customer', 'ticket', 'department', 'category', 'custom_field', 'faq'] as const;

// The i18n key of an action's label ("api_token.created" → "…actions.api_token_created").
export function actionLabelKey(action: string): string {
  return `settings.audit.actions.${action.replace(/\./g, '_')}`;
}

export function targetLabelKey(targetType: string): string {
  return `settings.audit.targets.${targetType}`;
}

// A short line from the details for the table ("name: 售后", "role: team_lead"); the full
// details stay in the expanded row.
export function detailsSummary(entry: AuditEntry): string {
  const details = entry.details as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['name', 'key', 'role', 'email', 'question', 'what']) {
    const value = details[key];
    if (typeof value === 'string' && value) parts.push(`${key}: ${value}`);
  }
  const changes = details.changes;
  if (Array.isArray(changes) && changes.length) parts.push(`changes: ${changes.join(', ')}`);
  return parts.join(' · ');
}

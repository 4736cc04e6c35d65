import type { Priority, TicketStatus } from '@/shared/api/types';

// Element Plus tag types: the colour a status or priority shows with everywhere.
type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export const STATUSES: TicketStatus[] = ['new', 'open', 'in_progress', 'pending', 'resolved', 'closed', 'escalated'];
export const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];
export const CHANNELS = ['web', 'email', 'phone', 'chat', 'wechat', 'api'] as const;
// Statuses that still need work (the server's "unresolved").
export const OPEN_STATUSES: TicketStatus[] = ['new', 'open', 'in_progress', 'pending', 'escalated'];

export const STATUS_TAG: Record<TicketStatus, TagType> = {
  new: 'primary',
  open: 'primary',
  in_progress: 'warning',
  pending: 'info',
  resolved: 'success',
  closed: 'info',
  escalated: 'danger',
};

export const PRIORITY_TAG: Record<Priority, TagType> = {
  low: 'info',
  normal: 'primary',
  high: 'warning',
  urgent: 'danger',
};

export function isOverdue(dueAt: string | null | undefined, status: TicketStatus, now = Date.now()): boolean {
  if (!dueAt || status === 'resolved' || status === 'closed') return false;
  return Date.parse(dueAt) < now;
}

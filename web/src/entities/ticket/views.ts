import type { Id } from '@/shared/api/types';
import type { TicketQuery } from './api';
import { OPEN_STATUSES } from './display';

// The saved views of the ticket list. Each is a base query; the filter bar narrows it.
export const VIEW_KEYS = ['mine', 'unassigned', 'departments', 'urgent', 'all'] as const;
export type ViewKey = (typeof VIEW_KEYS)[number];

export function isViewKey(value: unknown): value is ViewKey {
  return typeof value === 'string' && (VIEW_KEYS as readonly string[]).includes(value);
}

// What the filter bar holds; empty values mean "any".
export interface TicketFilters {
  status: string[];
  priority: string[];
  department_id: Id[];
  assignee: string;
  channel: string;
  category_id: Id | null;
  tag: string;
  q: string;
  created_from: string;
  created_to: string;
}

export function emptyFilters(): TicketFilters {
  return {
    status: [],
    priority: [],
    department_id: [],
    assignee: '',
    channel: '',
    category_id: null,
    tag: '',
    q: '',
    created_from: '',
    created_to: '',
  };
}

export function viewBase(view: ViewKey, myDepartmentIds: Id[]): TicketQuery {
  switch (view) {
    case 'mine':
      return { assignee: 'me', status: OPEN_STATUSES };
    case 'unassigned':
      return { assignee: 'unassigned', status: OPEN_STATUSES };
    case 'departments':
      return { department_id: myDepartmentIds, status: OPEN_STATUSES };
    case 'urgent':
      return { priority: ['urgent'], status: OPEN_STATUSES };
    case 'all':
      return {};
  }
}

// The API query for a view narrowed by filters: a filter that is set replaces the view's
// value for the same parameter.
export function buildTicketQuery(view: ViewKey, filters: TicketFilters, myDepartmentIds: Id[]): TicketQuery {
  const query: TicketQuery = { ...viewBase(view, myDepartmentIds) };
  if (filters.status.length) query.status = filters.status;
  if (filters.priority.length) query.priority = filters.priority;
  if (filters.department_id.length) query.department_id = filters.department_id;
  if (filters.assignee) query.assignee = filters.assignee;
  if (filters.channel) query.channel = filters.channel;
  if (filters.category_id) query.category_id = filters.category_id;
  if (filters.tag.trim()) query.tag = filters.tag.trim();
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.created_from) query.created_from = filters.created_from;
  if (filters.created_to) query.created_to = filters.created_to;
  return query;
}

type RouteQuery = Record<string, string | null | Array<string | null> | undefined>;

function first(value: RouteQuery[string]): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : '';
}
function list(value: RouteQuery[string]): string[] {
  return first(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

// Filters round-trip through the page URL so a view can be bookmarked, shared and
// restored by the back button.
export function filtersFromRoute(query: RouteQuery): TicketFilters {
  const category = Number(first(query.category_id));
  return {
    status: list(query.status),
    priority: list(query.priority),
    department_id: list(query.department_id).map(Number).filter((n) => Number.isInteger(n) && n > 0),
    assignee: first(query.assignee),
    channel: first(query.channel),
    category_id: Number.isInteger(category) && category > 0 ? category : null,
    tag: first(query.tag),
    q: first(query.q),
    created_from: first(query.created_from),
    created_to: first(query.created_to),
  };
}

export function filtersToRoute(filters: TicketFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (Array.isArray(value)) {
      if (value.length) out[key] = value.join(',');
    } else if (value !== null && value !== '') {
      out[key] = String(value);
    }
  }
  return out;
}

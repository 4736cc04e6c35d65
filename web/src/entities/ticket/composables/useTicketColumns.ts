import { ref } from 'vue';

// The ticket list's optional columns; number and subject always show.
export const TICKET_COLUMNS = [
  { key: 'status', fixed: false, default: true },
  { key: 'priority', fixed: false, default: true },
  { key: 'assignee', fixed: false, default: true },
  { key: 'department', fixed: false, default: true },
  { key: 'category', fixed: false, default: false },
  { key: 'channel', fixed: false, default: true },
  { key: 'tags', fixed: false, default: false },
  { key: 'due_at', fixed: false, default: true },
  { key: 'created_at', fixed: false, default: false },
  { key: 'updated_at', fixed: false, default: true },
] as const;
export type TicketColumnKey = (typeof TICKET_COLUMNS)[number]['key'];

const STORAGE_KEY = 'kefu.ticketColumns';

function initial(): Set<TicketColumnKey> {
  const known = new Set<string>(TICKET_COLUMNS.map((c) => c.key));
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (Array.isArray(saved)) return new Set(saved.filter((k): k is TicketColumnKey => known.has(k)));
  } catch {
    // A damaged setting falls back to the defaults.
  }
  return new Set(TICKET_COLUMNS.filter((c) => c.default).map((c) => c.key));
}

// Which columns an agent shows, remembered in this browser.
export function useTicketColumns() {
  const visible = ref(initial());
  function toggle(key: TicketColumnKey): void {
    const next = new Set(visible.value);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    visible.value = next;
    localStorage.setItem(STORAGE_KEY, JSON.stringify([...next]));
  }
  return { columns: TICKET_COLUMNS, visible, toggle };
}

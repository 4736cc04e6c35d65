import { onMounted, onUnmounted, ref, type Ref } from 'vue';
import { useRealtimeStore } from '@/entities/realtime/store';
import type { Ticket, TicketStatus, Priority } from '@/shared/api/types';

const FLASH_MS = 2500;

// Keeps a shown page of tickets current: rows on the page are replaced from the
// socket's ticket frames (and flash briefly); changes to tickets not on the page (new
// ones, or ones that may now belong in the view) are reported, as is a reconnect.
export function useLiveRows(rows: Ref<Ticket[]>, onOutside: () => void) {
  const realtime = useRealtimeStore();
  const flashing = ref<Set<number>>(new Set());
  const stops: Array<() => void> = [];
  const timers = new Map<number, ReturnType<typeof setTimeout>>();

  function flash(id: number): void {
    flashing.value = new Set(flashing.value).add(id);
    clearTimeout(timers.get(id));
    timers.set(
      id,
      setTimeout(() => {
        const next = new Set(flashing.value);
        next.delete(id);
        flashing.value = next;
        timers.delete(id);
      }, FLASH_MS),
    );
  }

  onMounted(() => {
    stops.push(
      realtime.subscribe((frame) => {
        if (frame.type !== 'ticket') return;
        const row = rows.value.find((r) => r.id === frame.ticket_id);
        if (!row) {
          onOutside();
          return;
        }
        if (frame.version < row.version) return;
        const updated: Ticket = {
          ...row,
          status: frame.status as TicketStatus,
          priority: frame.priority as Priority,
          assignee_id: frame.assignee_id,
          department_id: frame.department_id,
          merged_into_id: frame.merged_into_id,
          version: frame.version,
          updated_at: frame.at,
        };
        // A new array: the list keeps its rows in a shallow ref.
        rows.value = rows.value.map((r) => (r.id === row.id ? updated : r));
        flash(row.id);
      }),
      realtime.onResume(onOutside),
    );
  });

  onUnmounted(() => {
    for (const stop of stops) stop();
    for (const timer of timers.values()) clearTimeout(timer);
  });

  return { flashing };
}

import { computed, onMounted, onUnmounted, watch } from 'vue';
import { useAuthStore } from '@/entities/auth/store';
import type { TicketFrame } from '@/shared/realtime/frames';
import { useRealtimeStore } from './store';

export interface TicketLiveOptions {
  // The version the page shows; a frame with a newer one means the page is stale.
  version(): number | undefined;
  // Someone else changed the ticket (frame), or the socket came back after being down
  // (null): the page reloads what it shows.
  onStale(frame: TicketFrame | null): void;
}

// A ticket page's live side: announces that this agent views (or replies to) the ticket,
// lists the other agents there, and reports changes made elsewhere.
export function useTicketLive(id: () => number, options: TicketLiveOptions) {
  const realtime = useRealtimeStore();
  const auth = useAuthStore();
  let replying = false;
  const stops: Array<() => void> = [];

  function announce(ticketId: number): void {
    realtime.setPresence(ticketId, replying ? 'replying' : 'viewing');
  }

  onMounted(() => {
    announce(id());
    stops.push(
      realtime.subscribe((frame) => {
        if (frame.type !== 'ticket' || frame.ticket_id !== id()) return;
        const shown = options.version();
        const newer = shown !== undefined && frame.version > shown;
        // New messages do not bump the version; the page's own sends refresh it already.
        const othersMessage = frame.event === 'message.created' && frame.actor_id !== auth.user?.id;
        if (newer || othersMessage) options.onStale(frame);
      }),
      realtime.onResume(() => options.onStale(null)),
    );
  });

  watch(id, (next, previous) => {
    realtime.setPresence(previous, 'left');
    replying = false;
    announce(next);
  });

  onUnmounted(() => {
    for (const stop of stops) stop();
    realtime.setPresence(id(), 'left');
  });

  function setReplying(active: boolean): void {
    if (replying === active) return;
    replying = active;
    announce(id());
  }

  const others = computed(() => realtime.othersOn(id()));
  return { others, setReplying };
}

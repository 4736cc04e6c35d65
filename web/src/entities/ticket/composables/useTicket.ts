import { ref } from 'vue';
import type { Id, Message, Ticket, TicketEvent, TicketPatch } from '@/shared/api/types';
import { ApiError } from '@/shared/http';
import { getTicket, listEvents, listMessages, updateTicket } from '../api';

// One open ticket with its messages and history. Updates send the version the agent saw;
// when someone else got there first the ticket is reloaded and the caller is told.
export function useTicket(id: () => Id) {
  const ticket = ref<Ticket | null>(null);
  const messages = ref<Message[]>([]);
  const events = ref<TicketEvent[]>([]);
  const loadError = ref<unknown>(null);

  async function refreshHistory(): Promise<void> {
    const [t, m, e] = await Promise.all([getTicket(id()), listMessages(id()), listEvents(id())]);
    ticket.value = t;
    messages.value = m;
    events.value = e;
  }

  // The first load keeps its failure for the page to show; later refreshes throw.
  async function load(): Promise<void> {
    loadError.value = null;
    try {
      await refreshHistory();
    } catch (e) {
      loadError.value = e;
    }
  }

  // Resolves to 'stale' when the ticket changed underneath (it is then reloaded).
  async function update(patch: TicketPatch): Promise<'ok' | 'stale'> {
    if (!ticket.value) return 'stale';
    try {
      ticket.value = await updateTicket(id(), patch, ticket.value.version);
      events.value = await listEvents(id());
      return 'ok';
    } catch (e) {
      if (e instanceof ApiError && e.code === 'precondition_failed') {
        await refreshHistory();
        return 'stale';
      }
      throw e;
    }
  }

  return { ticket, messages, events, loadError, load, refreshHistory, update };
}

import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { useAuthStore } from '@/entities/auth/store';
import type { PresenceAgent, PresenceState, ServerFrame } from '@/shared/realtime/frames';
import { RealtimeSocket, realtimeUrl, type RealtimeSocketOptions } from '@/shared/realtime/socket';

type Listener = (frame: ServerFrame) => void;

// The console's live link, shared by every page: the socket's state, who has which ticket
// open, and a fan-out of server frames to the pages that listen.
export const useRealtimeStore = defineStore('realtime', () => {
  const auth = useAuthStore();
  const connected = ref(false);
  // Set once the first connection attempt has had its answer, so the UI does not flash
  // "offline" while the first socket is still opening.
  const everConnected = ref(false);
  const presence = ref<Record<number, PresenceAgent[]>>({});
  const listeners = new Set<Listener>();
  const resumeListeners = new Set<() => void>();
  let socket: RealtimeSocket | null = null;
  let stopWatching: (() => void) | null = null;

  function start(overrides: Partial<RealtimeSocketOptions> = {}): void {
    if (socket || !auth.signedIn) return;
    socket = new RealtimeSocket({
      url: realtimeUrl(),
      token: () => auth.session?.accessToken ?? null,
      refresh: () => auth.refresh(),
      onSessionEnded: () => auth.endSession(),
      ...overrides,
    });
    socket.onStatus((status) => {
      connected.value = status.connected;
      if (status.connected) everConnected.value = true;
      if (status.resumed) for (const listener of resumeListeners) listener();
    });
    socket.onFrame((frame) => {
      if (frame.type === 'presence') {
        presence.value = { ...presence.value, [frame.ticket_id]: frame.agents };
      }
      for (const listener of listeners) listener(frame);
    });
    stopWatching = watch(
      () => auth.session?.accessToken,
      () => socket?.reauthenticate(),
    );
    socket.start();
  }

  function stop(): void {
    stopWatching?.();
    stopWatching = null;
    socket?.stop();
    socket = null;
    connected.value = false;
    presence.value = {};
  }

  // Calls `listener` with every server frame until the returned function is called.
  function subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  // Calls `listener` after a reconnect: frames sent while the socket was down are lost,
  // so whoever shows server data refetches it.
  function onResume(listener: () => void): () => void {
    resumeListeners.add(listener);
    return () => resumeListeners.delete(listener);
  }

  function setPresence(ticketId: number, state: PresenceState): void {
    socket?.setPresence(ticketId, state);
    if (state === 'left') {
      const next = { ...presence.value };
      delete next[ticketId];
      presence.value = next;
    }
  }

  // The other agents on a ticket (the server's list includes the viewer).
  function othersOn(ticketId: number): PresenceAgent[] {
    const me = auth.user?.id;
    return (presence.value[ticketId] ?? []).filter((agent) => agent.user_id !== me);
  }

  const offline = computed(() => everConnected.value && !connected.value);

  return { connected, offline, presence, start, stop, subscribe, onResume, setPresence, othersOn };
});

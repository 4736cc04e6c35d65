import { CLOSE_DEACTIVATED, CLOSE_UNAUTHENTICATED, type PresenceState, type ServerFrame } from './frames';

export interface RealtimeSocketOptions {
  url: string;
  token(): string | null;
  // Renews the access token after the server closed with 4401; false ends the session.
  refresh(): Promise<boolean>;
  onSessionEnded(): void;
  WebSocketImpl?: typeof WebSocket;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  pingIntervalMs?: number;
  // No frame at all for this long (pongs included) means the link is dead.
  silenceLimitMs?: number;
}

export interface ConnectionStatus {
  connected: boolean;
  // True on a reconnect after the socket was down: what was missed is not replayed, so
  // pages refetch what they show.
  resumed: boolean;
}

type FrameListener = (frame: ServerFrame) => void;
type StatusListener = (status: ConnectionStatus) => void;

// The console's one socket to the server (docs/realtime.md): authenticates with the
// access token in the first frame and again whenever it changes, reconnects with
// exponential backoff (after a token refresh when the server says 4401), keeps the link
// alive with pings, and re-announces which tickets the agent has open after a reconnect.
export class RealtimeSocket {
  private readonly options: Required<Omit<RealtimeSocketOptions, 'WebSocketImpl'>> & {
    WebSocketImpl: typeof WebSocket;
  };
  private socket: WebSocket | null = null;
  private running = false;
  private failures = 0;
  private wasReady = false;
  private sentToken: string | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastFrameAt = 0;
  private readonly presence = new Map<number, PresenceState>();
  private readonly frameListeners = new Set<FrameListener>();
  private readonly statusListeners = new Set<StatusListener>();

  constructor(options: RealtimeSocketOptions) {
    this.options = {
      minBackoffMs: 1000,
      maxBackoffMs: 30_000,
      pingIntervalMs: 25_000,
      silenceLimitMs: 70_000,
      WebSocketImpl: globalThis.WebSocket,
      ...options,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
    this.pingTimer = setInterval(() => this.heartbeat(), this.options.pingIntervalMs);
  }

  stop(): void {
    this.running = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.reconnectTimer = null;
    this.pingTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'signed out');
    this.presence.clear();
  }

  onFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  // Tells the server what the agent does on a ticket; remembered and sent again after a
  // reconnect ('left' forgets it).
  setPresence(ticketId: number, state: PresenceState): void {
    if (state === 'left') {
      if (!this.presence.delete(ticketId)) return;
    } else {
      if (this.presence.get(ticketId) === state) return;
      this.presence.set(ticketId, state);
    }
    this.send({ type: 'presence', ticket_id: ticketId, state });
  }

  // Sends the current access token if it is not the one the server has (after a refresh).
  reauthenticate(): void {
    const token = this.options.token();
    if (token && token !== this.sentToken && this.isOpen()) this.authenticate(token);
  }

  private isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === this.options.WebSocketImpl.OPEN;
  }

  private send(frame: object): void {
    if (this.isOpen()) this.socket!.send(JSON.stringify(frame));
  }

  private authenticate(token: string): void {
    this.sentToken = token;
    this.send({ type: 'auth', token });
  }

  private connect(): void {
    const token = this.options.token();
    if (!token) {
      this.options.onSessionEnded();
      return;
    }
    const socket = new this.options.WebSocketImpl(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      this.lastFrameAt = Date.now();
      this.authenticate(this.options.token() ?? token);
    };
    socket.onmessage = (event: MessageEvent) => this.receive(event.data);
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;  // replaced or stopped
      this.socket = null;
      this.sentToken = null;
      this.emitStatus({ connected: false, resumed: false });
      if (this.running) void this.afterClose(event.code);
    };
  }

  private receive(data: unknown): void {
    this.lastFrameAt = Date.now();
    if (typeof data !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return;
    }
    if (frame.type === 'ready') {
      this.failures = 0;
      for (const [ticketId, state] of this.presence) {
        this.send({ type: 'presence', ticket_id: ticketId, state });
      }
      this.emitStatus({ connected: true, resumed: this.wasReady });
      this.wasReady = true;
    }
    for (const listener of this.frameListeners) listener(frame);
  }

  private async afterClose(code: number): Promise<void> {
    if (code === CLOSE_DEACTIVATED) {
      this.stop();
      this.options.onSessionEnded();
      return;
    }
    if (code === CLOSE_UNAUTHENTICATED) {
      if (!(await this.options.refresh())) {
        this.stop();
        this.options.onSessionEnded();
        return;
      }
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.running || this.reconnectTimer) return;
    const { minBackoffMs, maxBackoffMs } = this.options;
    const base = Math.min(maxBackoffMs, minBackoffMs * 2 ** this.failures);
    this.failures += 1;
    // Jitter so that a restarted server is not met by every console at the same moment.
    const delay = base / 2 + Math.random() * (base / 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.running) this.connect();
    }, delay);
  }

  private heartbeat(): void {
    if (!this.isOpen()) return;
    if (Date.now() - this.lastFrameAt > this.options.silenceLimitMs) {
      this.socket!.close(4000, 'no answer');  // onclose reconnects
      return;
    }
    this.send({ type: 'ping' });
    // "replying" lapses on the server unless refreshed.
    for (const [ticketId, state] of this.presence) {
      if (state === 'replying') this.send({ type: 'presence', ticket_id: ticketId, state });
    }
  }

  private emitStatus(status: ConnectionStatus): void {
    for (const listener of this.statusListeners) listener(status);
  }
}

// ws(s)://<this origin>/api/v1/realtime
export function realtimeUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/v1/realtime`;
}

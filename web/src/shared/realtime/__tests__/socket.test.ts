import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeSocket, realtimeUrl, type ConnectionStatus } from '../socket';

// A WebSocket stand-in the test drives by hand.
class FakeSocket {
  static OPEN = 1;
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor(public url: string) {
    FakeSocket.instances.push(this);
  }
  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }
  close(code = 1000): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  serverClose(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function latest(): FakeSocket {
  return FakeSocket.instances[FakeSocket.instances.length - 1]!;
}

describe('RealtimeSocket', () => {
  let token = 'token-1';
  let refresh = vi.fn(async () => true);
  let ended = vi.fn();
  let statuses: ConnectionStatus[] = [];
  let socket: RealtimeSocket;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.instances = [];
    token = 'token-1';
    refresh = vi.fn(async () => {
      token = 'token-2';
      return true;
    });
    ended = vi.fn();
    statuses = [];
    socket = new RealtimeSocket({
      url: 'ws://example.test/api/v1/realtime',
      token: () => token,
      refresh,
      onSessionEnded: ended,
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    });
    socket.onStatus((s) => statuses.push(s));
    socket.start();
  });

  afterEach(() => {
    socket.stop();
    vi.useRealTimers();
  });

  it('authenticates first and reports the link up once the server is ready', () => {
    latest().open();
    expect(latest().sent[0]).toEqual({ type: 'auth', token: 'token-1' });
    latest().receive({ type: 'ready', user_id: 7, expires_at: null });
    expect(statuses).toEqual([{ connected: true, resumed: false }]);
  });

  it('passes frames to listeners and stops when unsubscribed', () => {
    const frames: unknown[] = [];
    const off = socket.onFrame((f) => frames.push(f));
    latest().open();
    latest().receive({ type: 'assigned', ticket_id: 3 });
    off();
    latest().receive({ type: 'assigned', ticket_id: 4 });
    expect(frames).toEqual([{ type: 'assigned', ticket_id: 3 }]);
  });

  it('reconnects with backoff, says it resumed, and announces open tickets again', async () => {
    latest().open();
    latest().receive({ type: 'ready', user_id: 7, expires_at: null });
    socket.setPresence(42, 'viewing');
    socket.setPresence(42, 'viewing'); // unchanged: not sent twice
    expect(latest().sent.filter((f) => f.type === 'presence')).toHaveLength(1);

    latest().serverClose(1006);
    expect(statuses.at(-1)).toEqual({ connected: false, resumed: false });
    expect(FakeSocket.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.instances).toHaveLength(2);

    latest().open();
    latest().receive({ type: 'ready', user_id: 7, expires_at: null });
    expect(latest().sent).toContainEqual({ type: 'presence', ticket_id: 42, state: 'viewing' });
    expect(statuses.at(-1)).toEqual({ connected: true, resumed: true });
  });

  it('refreshes the token when the server says 4401, then reconnects with the new one', async () => {
    latest().open();
    latest().serverClose(4401);
    await vi.advanceTimersByTimeAsync(1000);
    expect(refresh).toHaveBeenCalledOnce();
    latest().open();
    expect(latest().sent[0]).toEqual({ type: 'auth', token: 'token-2' });
  });

  it('ends the session when the refresh fails or the account is deactivated', async () => {
    refresh.mockImplementation(async () => false);
    latest().open();
    latest().serverClose(4401);
    await vi.advanceTimersByTimeAsync(0);
    expect(ended).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.instances).toHaveLength(1);

    socket.start();
    latest().open();
    latest().serverClose(4403);
    expect(ended).toHaveBeenCalledTimes(2);
  });

  it('sends a refreshed token on the open socket', () => {
    latest().open();
    token = 'token-3';
    socket.reauthenticate();
    expect(latest().sent.at(-1)).toEqual({ type: 'auth', token: 'token-3' });
    socket.reauthenticate(); // same token: nothing new
    expect(latest().sent).toHaveLength(2);
  });

  it('pings, refreshes "replying", and drops a silent link', async () => {
    latest().open();
    socket.setPresence(5, 'replying');
    await vi.advanceTimersByTimeAsync(25_000);
    expect(latest().sent).toContainEqual({ type: 'ping' });
    expect(latest().sent.filter((f) => f.type === 'presence' && f.state === 'replying')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(50_000); // no frame for over 70 s
    expect(latest().readyState).toBe(3);
  });

  it('builds the socket address from the page', () => {
    expect(realtimeUrl({ protocol: 'https:', host: 'kefu.example.com' })).toBe('wss://kefu.example.com/api/v1/realtime');
    expect(realtimeUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/api/v1/realtime');
  });
});

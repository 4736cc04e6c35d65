import { ApiError } from '../api_error';
import { HttpClient, buildQuery, type TokenSource } from '../client';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function tokens(overrides: Partial<TokenSource> = {}): TokenSource & { ended: number } {
  const source = {
    ended: 0,
    accessToken: () => 'token-1',
    refresh: async () => false,
    onSessionEnded() {
      source.ended++;
    },
    ...overrides,
  };
  return source;
}

describe('buildQuery', () => {
  it('skips empty values and joins lists with commas', () => {
    expect(buildQuery({ status: ['new', 'open'], q: '', tag: undefined, limit: 50, priority: [] })).toBe('?status=new%2Copen&limit=50');
    expect(buildQuery({})).toBe('');
  });
});

describe('HttpClient', () => {
  it('sends the bearer token, language and If-Match, and decodes JSON', async () => {
    const fetch = vi.fn(async () => json(200, { id: 7 }));
    const client = new HttpClient({ tokens: tokens(), language: () => 'en', fetch });
    const result = await client.patch<{ id: number }>('/api/v1/tickets/7', { status: 'open' }, { ifMatch: 3 });
    expect(result).toEqual({ id: 7 });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/tickets/7');
    const headers = init.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer token-1');
    expect(headers['Accept-Language']).toBe('en');
    expect(headers['If-Match']).toBe('"3"');
    expect(init.body).toBe('{"status":"open"}');
  });

  it('turns the JSON error body into an ApiError with fields and allowed statuses', async () => {
    const body = {
      error: {
        code: 'conflict',
        message: "cannot change ticket status from 'pending' to 'closed'",
        details: { allowed: ['open', 'resolved'], fields: [{ field: 'status', issue: 'not allowed' }] },
      },
    };
    const client = new HttpClient({ tokens: tokens(), language: () => 'zh-CN', fetch: async () => json(409, body, { 'X-Request-Id': 'r1' }) });
    const error = await client.get('/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(409);
    expect(apiError.code).toBe('conflict');
    expect(apiError.allowed).toEqual(['open', 'resolved']);
    expect(apiError.fields).toEqual([{ field: 'status', issue: 'not allowed' }]);
    expect(apiError.requestId).toBe('r1');
  });

  it('reads Retry-After on 429 and survives a non-JSON error body', async () => {
    const client = new HttpClient({
      tokens: tokens(),
      language: () => 'en',
      fetch: async () => new Response('<html>busy</html>', { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '120' } }),
    });
    const error = (await client.get('/x').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('http_429');
    expect(error.retryAfterS).toBe(120);
    expect(error.message).toBe('Too Many Requests');
  });

  it('refreshes once on 401 and retries with the new token', async () => {
    let current = 'old';
    const source = tokens({
      accessToken: () => current,
      refresh: async () => {
        current = 'new';
        return true;
      },
    });
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) =>
      (init?.headers as Record<string, string>).Authorization === 'Bearer new' ? json(200, { ok: true }) : json(401, { error: { code: 'unauthenticated', message: 'expired', details: {} } }),
    );
    const client = new HttpClient({ tokens: source, language: () => 'en', fetch });
    await expect(client.get('/api/v1/me')).resolves.toEqual({ ok: true });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(source.ended).toBe(0);
  });

  it('ends the session when the refresh fails', async () => {
    const source = tokens();
    const client = new HttpClient({ tokens: source, language: () => 'en', fetch: async () => json(401, { error: { code: 'unauthenticated', message: 'no', details: {} } }) });
    await expect(client.get('/api/v1/me')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(source.ended).toBe(1);
  });

  it('reports a network failure as code "network"', async () => {
    const client = new HttpClient({
      tokens: tokens(),
      language: () => 'en',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(client.get('/x')).rejects.toMatchObject({ code: 'network', status: 0 });
  });

  it('sends a file as the raw body', async () => {
    const fetch = vi.fn(async () => json(201, { id: 1 }));
    const client = new HttpClient({ tokens: tokens(), language: () => 'en', fetch });
    const file = new Blob(['hello'], { type: 'text/plain' });
    await client.post('/api/v1/attachments', file, { query: { filename: '说明.txt' } });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/attachments?filename=%E8%AF%B4%E6%98%8E.txt');
    expect(init.body).toBe(file);
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/octet-stream');
  });
});

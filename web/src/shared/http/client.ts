import { ApiError, apiErrorFromResponse } from './api_error';

// Where the client gets and renews credentials. The auth store implements it.
export interface TokenSource {
  accessToken(): string | null;
  // Renews the access token; resolves false when the session is over. Concurrent callers
  // must share one refresh (refresh tokens are single use).
  refresh(): Promise<boolean>;
  // Called once a request is refused even after a refresh.
  onSessionEnded(): void;
}

export type QueryValue = string | number | boolean | null | undefined | Array<string | number>;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  // Sends If-Match with this ticket/customer version (optimistic concurrency).
  ifMatch?: number;
  signal?: AbortSignal;
  // For the login and refresh calls themselves.
  skipAuth?: boolean;
}

export interface HttpClientOptions {
  baseUrl?: string;
  tokens: TokenSource;
  language: () => string;
  fetch?: typeof fetch;
}

// Leaves out unset and empty values; arrays become comma-separated lists (the API's form).
export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

// The one HTTP client of the console: JSON in and out, bearer token, one refresh-and-retry
// on 401, Accept-Language from the UI language, ApiError for every failure.
export class HttpClient {
  private readonly baseUrl: string;
  private readonly tokens: TokenSource;
  private readonly language: () => string;
  private readonly fetchImpl: typeof fetch;

  constructor(options: HttpClientOptions) {
    this.baseUrl = options.baseUrl ?? '';
    this.tokens = options.tokens;
    this.language = options.language;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }
  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }
  patch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  put<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }
  delete<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('DELETE', path, options);
  }

  // Sends a request and decodes the JSON answer (undefined for 204).
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    let response = await this.send(method, path, options);
    if (response.status === 401 && !options.skipAuth) {
      if (await this.tokens.refresh()) response = await this.send(method, path, options);
      if (response.status === 401) this.tokens.onSessionEnded();
    }
    if (!response.ok) throw await apiErrorFromResponse(response);
    if (response.status === 204) return undefined as T;
    const type = response.headers.get('Content-Type') ?? '';
    if (!type.includes('json')) return (await response.text()) as T;
    return (await response.json()) as T;
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': this.language(),
    };
    const token = options.skipAuth ? null : this.tokens.accessToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
    let body: BodyInit | undefined;
    if (options.body instanceof Blob) {
      // Raw uploads (attachments): the server sniffs the type from the bytes.
      headers['Content-Type'] = 'application/octet-stream';
      body = options.body;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    try {
      return await this.fetchImpl(this.baseUrl + path + buildQuery(options.query), {
        method,
        headers,
        body,
        signal: options.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError({ status: 0, code: 'network', message: String(cause) });
    }
  }
}

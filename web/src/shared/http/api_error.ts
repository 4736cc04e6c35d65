import type { FieldError } from '../api/types';

// What the client knows about a failed request. `code` is the server's stable error code
// ({"error":{"code","message","details"}}), or "network" when no answer came back.
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly allowed: string[];
  readonly requestId: string | null;
  readonly retryAfterS: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: FieldError[];
    allowed?: string[];
    requestId?: string | null;
    retryAfterS?: number | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.allowed = init.allowed ?? [];
    this.requestId = init.requestId ?? null;
    this.retryAfterS = init.retryAfterS ?? null;
  }

  get isNetwork(): boolean {
    return this.code === 'network';
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: { fields?: unknown; allowed?: unknown } };
}

// Builds an ApiError from a non-2xx response, whatever its body holds.
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  const requestId = response.headers.get('X-Request-Id');
  const retryAfter = Number(response.headers.get('Retry-After'));
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy's HTML page, say): fall back to the status line.
  }
  const error = body.error ?? {};
  const details = error.details ?? {};
  return new ApiError({
    status: response.status,
    code: typeof error.code === 'string' ? error.code : `http_${response.status}`,
    message: typeof error.message === 'string' ? error.message : response.statusText || `HTTP ${response.status}`,
    fields: Array.isArray(details.fields) ? (details.fields as FieldError[]) : [],
    allowed: Array.isArray(details.allowed) ? (details.allowed as string[]) : [],
    requestId,
    retryAfterS: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  });
}

/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie. Server
 * errors arrive as ApiError (status, stable code, message, field details); a request that never
 * reached the server is a NetworkError, so callers can queue and retry instead of failing.
 */
import type { ErrorBody } from '@coderprep/contracts';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

export type Fetch = typeof fetch;

/** Field messages of a validation error, by path without the "body." prefix. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.details as { path?: string; message?: string }[]) {
    if (issue.path && issue.message) out[issue.path.replace(/^(body|query|params)\.?/, '')] ??= issue.message;
  }
  return out;
}

export interface ApiClient {
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
}

/** A client over `fetchImpl` (the browser's fetch by default; tests pass their own). */
export function createApiClient(fetchImpl: Fetch = (...args) => fetch(...args)): ApiClient {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetchImpl(path, {
        method,
        credentials: 'same-origin',
        // Every write is JSON: the server's CSRF guard refuses anything else.
        headers: method === 'GET' ? { Accept: 'application/json' } : { 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new NetworkError(error instanceof Error ? error.message : 'The network is unavailable.');
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      const err = (data as ErrorBody | undefined)?.error;
      throw new ApiError(
        res.status,
        err?.code ?? 'http-error',
        err?.message ?? `Request failed (${res.status}).`,
        err?.details,
      );
    }
    return data as T;
  }
  return {
    get: (path, query) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query ?? {}))
        if (value !== undefined) params.set(key, String(value));
      const qs = params.toString();
      return request('GET', qs ? `${path}?${qs}` : path);
    },
    post: (path, body) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
    patch: (path, body) => request('PATCH', path, body),
    del: (path) => request('DELETE', path),
  };
}

/** The app's client. */
export const api = createApiClient();

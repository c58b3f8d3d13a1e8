/**
 * A small keep-alive HTTP client for the harness (node:http: cheaper per request than fetch, so
 * the harness is less often the bottleneck). Only ever talks to the server it was given.
 */
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** Where the server is; mutable, so a restarted server can take over. */
export interface Target {
  url: string;
}

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  ms: number;
}

/** No answer: refused, reset, timed out. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    message: string,
    readonly code: string,
    readonly ms: number,
  ) {
    super(message);
  }
}

/**
 * Keep-alive sockets, closed by the client after 4 s idle: the server closes idle sockets after
 * 5 s, and a request sent on a socket the server is closing would fail for no fault of either.
 */
export function createAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, timeout: 4000 });
}

export interface RequestOptions {
  body?: unknown;
  cookie?: string;
  timeoutMs?: number;
}

function once(
  agent: Agent,
  target: Target,
  method: string,
  path: string,
  payload: string | undefined,
  options: RequestOptions,
): Promise<HttpResult & { reused: boolean }> {
  const url = new URL(path, target.url);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
    throw new Error(`The harness only talks to this machine, not ${url.hostname}.`);
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['content-type'] = 'application/json';
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  if (options.cookie) headers.cookie = options.cookie;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
            reused: req.reusedSocket,
          }),
        );
        res.on('error', (error: NodeJS.ErrnoException) =>
          reject(
            Object.assign(
              new TransportError(error.message, error.code ?? 'EPIPE', performance.now() - started),
              {
                reused: req.reusedSocket,
              },
            ),
          ),
        );
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () => {
      const error = new Error('timed out') as NodeJS.ErrnoException;
      error.code = 'ETIMEDOUT';
      req.destroy(error);
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        Object.assign(
          new TransportError(error.message, error.code ?? 'EUNKNOWN', performance.now() - started),
          { reused: req.reusedSocket },
        ),
      ),
    );
    req.end(payload);
  });
}

/**
 * One request. A reset on a reused keep-alive socket is retried once at once (the server had
 * closed it; the request never reached a handler), as Node's documentation advises.
 */
export async function request(
  agent: Agent,
  target: Target,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: RequestOptions = {},
): Promise<HttpResult> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  try {
    return await once(agent, target, method, path, payload, options);
  } catch (error) {
    const reused = (error as { reused?: boolean }).reused === true;
    if (error instanceof TransportError && reused && error.code === 'ECONNRESET')
      return once(agent, target, method, path, payload, options);
    throw error;
  }
}

/** The session cookie (name=value) a login answered with, if any. */
export function sessionCookie(headers: IncomingHttpHeaders): string | undefined {
  const set = headers['set-cookie'] ?? [];
  for (const line of set) {
    const pair = line.split(';')[0] ?? '';
    if (pair.startsWith('coderprep_session=') && pair.length > 'coderprep_session='.length) return pair;
  }
  return undefined;
}

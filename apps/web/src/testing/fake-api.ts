/** Test helpers shared by the web areas: a scripted API client and a signed-in person. */
import type { Role } from '@coderprep/contracts';
import { vi } from 'vitest';
import type { ApiClient } from '../api/client';
import { createAuthStore } from '../auth/store';

export const ORG = 'o1';

export type Handler = (body: unknown, query: Record<string, unknown> | undefined) => unknown;

/** A client answering "METHOD /path" from `routes` (a handler may throw); every call is recorded. */
export function fakeClient(routes: Record<string, Handler | object>) {
  const calls: { method: string; path: string; body: unknown; query: Record<string, unknown> | undefined }[] =
    [];
  const answer = (method: string) =>
    vi.fn(async (path: string, arg?: unknown) => {
      const query = method === 'GET' ? (arg as Record<string, unknown> | undefined) : undefined;
      const body = method === 'GET' ? undefined : arg;
      calls.push({ method, path, body, query });
      const route = routes[`${method} ${path}`];
      if (route === undefined) throw new Error(`unexpected ${method} ${path}`);
      return typeof route === 'function' ? (route as Handler)(body, query) : structuredClone(route);
    });
  const client = {
    get: answer('GET'),
    post: answer('POST'),
    put: answer('PUT'),
    patch: answer('PATCH'),
    del: answer('DELETE'),
  } as unknown as ApiClient;
  return { client, calls };
}

/** The auth store of someone signed in to program o1 with `role`. */
export function signedIn(role: Role = 'instructor') {
  const store = createAuthStore();
  store.setState({
    status: 'authenticated',
    organisationId: ORG,
    me: {
      user: { id: 'u1', email: 'ina@demo.test', name: 'Ina', createdAt: 0 },
      memberships: [{ organisationId: ORG, organisationName: 'Demo program', role }],
    },
  });
  return store;
}

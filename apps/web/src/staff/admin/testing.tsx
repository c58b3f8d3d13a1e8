/** Test helpers for the staff pages: a fake API that records calls, and a signed-in render. */
import type { Role } from '@coderprep/contracts';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { ApiClient } from '../../api/client';
import { AuthProvider } from '../../auth/context';
import { createAuthStore } from '../../auth/store';
import { StaffClientProvider } from './common';

type Handler = (body: unknown, query?: Record<string, unknown>) => unknown;

export interface FakeCall {
  method: string;
  path: string;
  body?: unknown;
  query?: Record<string, unknown> | undefined;
}

/**
 * A client answering "METHOD /path" from `routes` (a value, or a function of the body that
 * returns one or throws, e.g. an ApiError); anything else fails the test. `calls` lists requests.
 */
export function fakeClient(routes: Record<string, unknown>) {
  const calls: FakeCall[] = [];
  const answer = async (method: string, path: string, body?: unknown, query?: Record<string, unknown>) => {
    calls.push({ method, path, body, query });
    const key = `${method} ${path}`;
    if (!(key in routes)) throw new Error(`unexpected request ${key}`);
    const route = routes[key];
    return typeof route === 'function' ? (route as Handler)(body, query) : structuredClone(route);
  };
  const client: ApiClient = {
    get: (path, query) => answer('GET', path, undefined, query) as never,
    post: (path, body) => answer('POST', path, body) as never,
    put: (path, body) => answer('PUT', path, body) as never,
    patch: (path, body) => answer('PATCH', path, body) as never,
    del: (path) => answer('DELETE', path) as never,
  };
  return { client, calls, routes };
}

/** A page of a list, as the server sends it. */
export const page = <T,>(items: T[]) => ({ items, total: items.length, limit: 200, offset: 0 });

export const ORG = 'o1';

/** Renders `ui` at `path` (matched by `route`) for someone with `role` in program o1. */
export function renderStaff(
  ui: ReactElement,
  {
    client,
    role = 'instructor',
    path = '/',
    route = '/',
  }: { client: ApiClient; role?: Role; path?: string; route?: string },
) {
  const auth = createAuthStore(client);
  auth.setState({
    status: 'authenticated',
    organisationId: ORG,
    me: {
      user: { id: 'u-me', email: 'me@demo.test', name: 'Me Myself', createdAt: 0 },
      memberships: [{ organisationId: ORG, organisationName: 'Demo Program', role }],
    },
  });
  return {
    auth,
    ...render(
      <AuthProvider store={auth}>
        <StaffClientProvider client={client}>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path={route} element={ui} />
              <Route path="*" element={<p>Elsewhere</p>} />
            </Routes>
          </MemoryRouter>
        </StaffClientProvider>
      </AuthProvider>,
    ),
  };
}

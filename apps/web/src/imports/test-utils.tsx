/** Test helpers of the import and export pages: a scripted API client, a signed-in person, the pages under a memory router. */
import type { Role } from '@coderprep/contracts';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import type { ApiClient } from '../api/client';
import { AuthProvider } from '../auth/context';
import { createAuthStore } from '../auth/store';
import { ImportsClientProvider } from './context';
import { ExportPage } from './ExportPage';
import { ImportPage } from './ImportPage';

export const ORG = 'o1';
export const BANK = {
  id: 'bk1',
  name: 'CPC surgery',
  description: '',
  itemCount: 4,
  archivedItemCount: 0,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
};
export const BANK_PATH = `/api/orgs/${ORG}/banks/${BANK.id}`;

type Handler = (body: unknown, query: Record<string, unknown> | undefined) => unknown;

/** A client answering "METHOD /path" from `routes` (a handler may throw or wait); every call is recorded. */
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

/** Renders the import and export pages at `path`. */
export function renderPages(path: string, client: ApiClient, role: Role = 'instructor') {
  const router = createMemoryRouter(
    [
      { path: '/staff/banks/:bankId/import', element: <ImportPage /> },
      { path: '/staff/banks/:bankId/export', element: <ExportPage /> },
      { path: '/staff/banks/:bankId', element: <h1>Bank page</h1> },
      { path: '/dashboard', element: <p>Dashboard</p> },
    ],
    { initialEntries: [path] },
  );
  const view = render(
    <AuthProvider store={signedIn(role)}>
      <ImportsClientProvider client={client}>
        <RouterProvider router={router} />
      </ImportsClientProvider>
    </AuthProvider>,
  );
  return { ...view, router };
}

/** A text file as the browser hands it over. */
export const textFile = (name: string, text: string) => new File([text], name, { type: 'text/plain' });

/** The standard base64 of a text (what the page must send). */
export const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

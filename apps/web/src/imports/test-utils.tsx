/** Test helpers of the import and export pages: a scripted API client, a signed-in person, the pages under a memory router. */
import type { Role } from '@coderprep/contracts';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { ApiClient } from '../api/client';
import { AuthProvider } from '../auth/context';
import { fakeClient, ORG, signedIn } from '../testing/fake-api';
import { ImportsClientProvider } from './context';
import { ExportPage } from './ExportPage';
import { ImportPage } from './ImportPage';

export { fakeClient, ORG, signedIn };
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

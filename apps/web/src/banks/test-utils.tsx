/** Test helpers of the banks area: a scripted API client, sample items, pages under a memory router. */
import type { ItemDetail, Role } from '@coderprep/contracts';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { ApiClient } from '../api/client';
import { AuthProvider } from '../auth/context';
import { fakeClient, ORG, signedIn } from '../testing/fake-api';
import type { ItemBody } from './api';
import { BankPage } from './BankPage';
import { BanksPage } from './BanksPage';
import { BanksClientProvider } from './context';
import { ItemEditorPage, ItemLocatorPage } from './ItemEditorPage';

export { fakeClient, ORG, signedIn };

/** Renders the banks pages at `path`. */
export function renderBanks(path: string, client: ApiClient, role: Role = 'instructor') {
  const router = createMemoryRouter(
    [
      { path: '/staff/banks', element: <BanksPage /> },
      { path: '/staff/banks/:bankId', element: <BankPage /> },
      { path: '/staff/banks/:bankId/items/new', element: <ItemEditorPage /> },
      { path: '/staff/banks/:bankId/items/:itemId', element: <ItemEditorPage /> },
      { path: '/staff/items/:itemId', element: <ItemLocatorPage /> },
      { path: '/dashboard', element: <p>Dashboard</p> },
    ],
    { initialEntries: [path] },
  );
  const view = render(
    <AuthProvider store={signedIn(role)}>
      <BanksClientProvider client={client}>
        <RouterProvider router={router} />
      </BanksClientProvider>
    </AuthProvider>,
  );
  return { ...view, router };
}

export const BANK = {
  id: 'bk1',
  name: 'CPC surgery',
  description: 'Surgery series',
  itemCount: 2,
  archivedItemCount: 1,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
};

export const mcBody: ItemBody = {
  id: 'cpc-001',
  version: 2,
  type: 'multiple-choice',
  domain: 'surgery-20000',
  tags: ['fracture'],
  difficulty: 'medium',
  codeSetYear: 2026,
  scored: true,
  stem: 'Which code reports closed treatment of a distal radius fracture?',
  rationale: 'The fracture was treated without manipulation.',
  options: [
    { id: 'A', text: '25600', rationale: 'Right: without manipulation.' },
    { id: 'B', text: '25605', rationale: 'Wrong: with manipulation.' },
    { id: 'C', text: '25606', rationale: 'Wrong: percutaneous fixation.' },
    { id: 'D', text: '25607', rationale: 'Wrong: open treatment.' },
  ],
  key: 'A',
};

export function detail(body: ItemBody, over: Partial<ItemDetail> = {}): ItemDetail {
  const version = body.version ?? 1;
  return {
    id: 'it1',
    bankId: BANK.id,
    externalId: body.id,
    type: body.type,
    domain: body.domain,
    tags: body.tags ?? [],
    currentVersion: version,
    status: 'active',
    updatedAt: 1_700_000_100_000,
    createdAt: 1_700_000_000_000,
    body,
    versions: Array.from({ length: version }, (_, i) => ({
      version: i + 1,
      createdAt: 1_700_000_000_000 + i * 1000,
      createdBy: 'u1',
    })),
    ...over,
  };
}

export const BANK_PATH = `/api/orgs/${ORG}/banks/${BANK.id}`;
export const STATS = {
  bankId: BANK.id,
  total: 2,
  domains: [
    {
      domain: 'surgery-20000',
      total: 2,
      scored: { 'multiple-choice': 1, 'multiple-response': 0, 'fill-in': 0, scenario: 0 },
      pretest: { 'multiple-choice': 0, 'multiple-response': 0, 'fill-in': 1, scenario: 0 },
    },
  ],
};

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { ItemBody } from './api';
import { filtersFromParams, paramsFromFilters } from './BankPage';
import { BANK, BANK_PATH, detail, fakeClient, mcBody, ORG, renderBanks, STATS } from './test-utils';

vi.setConfig({ testTimeout: 20_000 });

const ITEMS = `${BANK_PATH}/items`;
const BANKS = `/api/orgs/${ORG}/banks`;

const row = (body: ItemBody, id: string, over: object = {}) => {
  const { versions: _, createdAt: __, ...item } = detail(body, { id, ...over });
  return item;
};

const fillIn = {
  ...mcBody,
  id: 'cmc-002',
  type: 'fill-in',
  scored: false,
  blanks: [{ id: 'b1', label: '', kind: 'cpt' }],
  key: { b1: { kind: 'cpt', accepted: ['99213'] } },
} as unknown as ItemBody;

function bankClient(listing: (query: Record<string, unknown> | undefined) => object) {
  return fakeClient({
    [`GET ${BANK_PATH}`]: BANK,
    [`GET ${BANK_PATH}/stats`]: STATS,
    [`GET ${ITEMS}`]: (_, query) => listing(query),
  });
}

const page = (items: object[], total = items.length) => ({ items, total, limit: 25, offset: 0 });

describe('bank page: items', () => {
  it('lists the items with id, type, domain, stem, version and status', async () => {
    const { client } = bankClient(() =>
      page([row(mcBody, 'it1'), row(fillIn, 'it2', { currentVersion: 4 })]),
    );
    renderBanks(`/staff/banks/${BANK.id}`, client);
    const table = await screen.findByRole('table', { name: 'Items of the bank' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .slice(0, 5)
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['Multiple choice', 'surgery-20000', mcBody.stem, '2', 'Active'],
      ['Fill-in', 'surgery-20000', mcBody.stem, '4', 'ActivePretest'],
    ]);
    expect(
      within(rows[0] as HTMLElement)
        .getByRole('link', { name: 'Edit cpc-001' })
        .getAttribute('href'),
    ).toBe(`/staff/banks/${BANK.id}/items/it1`);
    expect(screen.getByText('Showing items 1–2 of 2.')).toBeTruthy();
  });

  it('builds the query from the search and filters, and keeps them in the URL', async () => {
    const user = userEvent.setup();
    const { client, calls } = bankClient(() => page([row(mcBody, 'it1')]));
    const { router } = renderBanks(`/staff/banks/${BANK.id}`, client);
    await screen.findByRole('table', { name: 'Items of the bank' });
    expect(calls.filter((c) => c.path === ITEMS)[0]?.query).toEqual({
      status: 'active',
      limit: 25,
      offset: 0,
      q: undefined,
      domain: undefined,
      tag: undefined,
      type: undefined,
    });

    await user.type(screen.getByLabelText('Search stems and case texts'), 'radius');
    await user.type(screen.getByLabelText('Tag'), 'fracture');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await user.selectOptions(screen.getByLabelText('Type'), 'fill-in');
    await user.selectOptions(screen.getByLabelText('Domain'), 'surgery-20000');
    await user.selectOptions(screen.getByLabelText('Status'), 'archived');

    await waitFor(() =>
      expect(calls.filter((c) => c.path === ITEMS).at(-1)?.query).toEqual({
        q: 'radius',
        tag: 'fracture',
        type: 'fill-in',
        domain: 'surgery-20000',
        status: 'archived',
        limit: 25,
        offset: 0,
      }),
    );
    expect(router.state.location.search).toBe(
      '?q=radius&domain=surgery-20000&tag=fracture&type=fill-in&status=archived',
    );
    expect(screen.getByRole('heading', { name: 'Archived items' })).toBeTruthy();
  });

  it('pages through the items', async () => {
    const user = userEvent.setup();
    const items = Array.from({ length: 25 }, (_, i) =>
      row({ ...mcBody, id: `it-${i}` } as ItemBody, `r${i}`),
    );
    const { client, calls } = bankClient((query) => ({ ...page(items, 60), offset: query?.offset }));
    renderBanks(`/staff/banks/${BANK.id}?type=multiple-choice`, client);
    expect(await screen.findByText('Page 1 of 3')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Page 2 of 3')).toBeTruthy();
    expect(calls.filter((c) => c.path === ITEMS).at(-1)?.query).toMatchObject({
      type: 'multiple-choice',
      offset: 25,
    });
    expect(screen.getByText('Showing items 26–50 of 60.')).toBeTruthy();
  });

  it('archives, restores, and deletes with the server saying a used item was archived', async () => {
    const user = userEvent.setup();
    let status = 'active';
    const { client, calls } = fakeClient({
      [`GET ${BANK_PATH}`]: BANK,
      [`GET ${BANK_PATH}/stats`]: STATS,
      [`GET ${ITEMS}`]: () => page([row(mcBody, 'it1', { status })]),
      [`POST ${ITEMS}/it1/archive`]: () => {
        status = 'archived';
        return detail(mcBody, { status: 'archived' });
      },
      [`POST ${ITEMS}/it1/restore`]: () => {
        status = 'active';
        return detail(mcBody);
      },
      [`DELETE ${ITEMS}/it1`]: () => {
        status = 'archived';
        return {
          archived: true,
          message: 'The item was used in attempts, so it was archived instead of deleted.',
        };
      },
    });
    renderBanks(`/staff/banks/${BANK.id}`, client);
    await user.click(await screen.findByRole('button', { name: 'Archive cpc-001' }));
    expect(
      await screen.findByText('cpc-001 was archived: it is no longer drawn for new attempts.'),
    ).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: 'Restore cpc-001' }));
    expect(await screen.findByText('cpc-001 was restored: it is drawn again.')).toBeTruthy();

    await user.click(await screen.findByRole('button', { name: 'Delete cpc-001' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete cpc-001' }));
    expect(
      await screen.findByText(
        'cpc-001: The item was used in attempts, so it was archived instead of deleted.',
      ),
    ).toBeTruthy();
    expect(calls.map((c) => `${c.method} ${c.path.replace(ITEMS, '')}`)).toEqual(
      expect.arrayContaining(['POST /it1/archive', 'POST /it1/restore', 'DELETE /it1']),
    );
  });

  it('shows the active items per domain: scored and pretest per type', async () => {
    const { client } = bankClient(() => page([]));
    renderBanks(`/staff/banks/${BANK.id}`, client);
    const stats = await screen.findByRole('table', { name: /Active items per domain and type/ });
    const cells = within(stats)
      .getAllByRole('row')
      .map((r) =>
        within(r)
          .queryAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(cells[1]).toEqual(['2', '1 scored', '–', '0 scored, 1 pretest', '–']);
    expect(screen.getByText('No items match.')).toBeTruthy();
  });

  it('tells a student the bank is not available (403)', async () => {
    const refuse = () => {
      throw new ApiError(403, 'forbidden', 'You do not have access to this.');
    };
    const { client } = fakeClient({
      [`GET ${BANK_PATH}`]: refuse,
      [`GET ${BANK_PATH}/stats`]: refuse,
      [`GET ${ITEMS}`]: refuse,
    });
    renderBanks(`/staff/banks/${BANK.id}`, client, 'student');
    expect(await screen.findByRole('heading', { name: 'Not available' })).toBeTruthy();
  });
});

describe('bank page: URL filters', () => {
  it('reads and writes the same filters, ignoring unknown values', () => {
    const filters = filtersFromParams(new URLSearchParams('q=a&type=essay&status=archived&offset=-3'));
    expect(filters).toEqual({
      q: 'a',
      domain: undefined,
      tag: undefined,
      type: undefined,
      status: 'archived',
      offset: 0,
    });
    expect(paramsFromFilters({ ...filters, type: 'scenario', offset: 50 }).toString()).toBe(
      'q=a&type=scenario&status=archived&offset=50',
    );
  });
});

describe('banks page', () => {
  it('lists the banks with their item counts, creates one and renames one', async () => {
    const user = userEvent.setup();
    const { client, calls } = fakeClient({
      [`GET ${BANKS}`]: { items: [BANK], total: 1, limit: 50, offset: 0 },
      [`POST ${BANKS}`]: (body) => ({
        ...BANK,
        id: 'bk2',
        itemCount: 0,
        archivedItemCount: 0,
        ...(body as object),
      }),
      [`PATCH ${BANK_PATH}`]: (body) => ({ ...BANK, ...(body as object) }),
    });
    renderBanks('/staff/banks', client);
    const table = await screen.findByRole('table', { name: 'Question banks with their item counts' });
    const first = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(first).getByRole('link', { name: 'CPC surgery' }).getAttribute('href')).toBe(
      '/staff/banks/bk1',
    );
    expect(
      within(first)
        .getAllByRole('cell')
        .map((c) => c.textContent)
        .slice(0, 2),
    ).toEqual(['2', '1']);

    await user.type(screen.getByLabelText('Bank name'), 'CCS scenarios');
    await user.click(screen.getByRole('button', { name: 'Create bank' }));
    expect(await screen.findByText(/Created CCS scenarios\./)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Write its first item' }).getAttribute('href')).toBe(
      '/staff/banks/bk2/items/new',
    );
    expect(within(table).getByRole('link', { name: 'CCS scenarios' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Rename CPC surgery' }));
    const name = screen.getByLabelText('New name for CPC surgery');
    expect(document.activeElement).toBe(name);
    await user.clear(name);
    await user.type(name, 'CPC surgery 2026');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    expect(await screen.findByText('The bank is now called CPC surgery 2026.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ name: 'CPC surgery 2026' });
  });

  it("shows the server's field message when a bank cannot be created", async () => {
    const user = userEvent.setup();
    const { client } = fakeClient({
      [`GET ${BANKS}`]: { items: [], total: 0, limit: 50, offset: 0 },
      [`POST ${BANKS}`]: () => {
        throw new ApiError(400, 'invalid-body', 'The request body is not valid.', [
          { path: 'body.name', message: 'must not be empty' },
        ]);
      },
    });
    renderBanks('/staff/banks', client);
    await user.click(await screen.findByRole('button', { name: 'Create bank' }));
    const name = screen.getByLabelText(/Bank name/);
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('must not be empty')).toBeTruthy();
    expect(screen.getByText(/no question banks yet/)).toBeTruthy();
  });

  it('tells a student the banks are not available (403)', async () => {
    const { client } = fakeClient({
      [`GET ${BANKS}`]: () => {
        throw new ApiError(403, 'forbidden', 'You do not have access to this.');
      },
    });
    renderBanks('/staff/banks', client, 'student');
    expect(await screen.findByRole('heading', { name: 'Not available' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/You do not have access to this\./);
    expect(screen.getByRole('link', { name: 'Go to your dashboard' })).toBeTruthy();
  });
});

import type { ExportReport } from '@coderprep/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { BANK, BANK_PATH, fakeClient, renderPages } from './test-utils';

const aiken: ExportReport = {
  format: 'aiken',
  fileName: 'CPC_surgery.aiken.txt',
  written: 3,
  leftOut: [
    { itemId: 'fx-scenario-1', reason: 'Aiken holds multiple choice only, not scenario' },
    { itemId: 'dx-fill-2', reason: 'Aiken holds multiple choice only, not fill-in' },
  ],
  warnings: [{ message: 'Aiken has no place for ids, rationales, domains or tags: they are not written' }],
};

const native: ExportReport = {
  format: 'native',
  fileName: 'CPC_surgery.json',
  written: 5,
  leftOut: [],
  warnings: [],
};

const EXPORT = '/staff/banks/bk1/export';

describe('the export page', () => {
  it('shows the report first, with the items a format leaves out and why, then the download', async () => {
    const { client, calls } = fakeClient({
      [`GET ${BANK_PATH}`]: BANK,
      [`GET ${BANK_PATH}/export/report`]: (_body: unknown, query: Record<string, unknown> | undefined) =>
        query?.format === 'aiken' ? aiken : native,
    });
    renderPages(EXPORT, client);
    const user = userEvent.setup();
    await screen.findByRole('heading', { name: 'Export CPC surgery' });
    // Nothing to download before a format is chosen.
    expect(screen.queryByRole('link', { name: /^Download/ })).toBeNull();

    await user.click(screen.getByRole('radio', { name: 'Aiken' }));
    await screen.findByRole('heading', { name: 'Export report: Aiken' });
    expect(calls.at(-1)).toMatchObject({
      path: `${BANK_PATH}/export/report`,
      query: { format: 'aiken', status: 'active' },
    });
    expect(screen.getByRole('heading', { name: 'Left out (2): Aiken cannot hold them' })).toBeTruthy();
    const leftOut = screen.getByRole('table', { name: 'Items left out of the file, with the reason' });
    expect(
      within(leftOut)
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.textContent),
    ).toEqual([
      'fx-scenario-1Aiken holds multiple choice only, not scenario',
      'dx-fill-2Aiken holds multiple choice only, not fill-in',
    ]);
    expect(screen.getByRole('status').textContent).toBe('Aiken: 3 items will be written, 2 left out.');
    const reasons = screen.getByRole('list', { name: 'Why items are left out' });
    expect(
      within(reasons)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Aiken holds multiple choice only, not scenario: 1 item',
      'Aiken holds multiple choice only, not fill-in: 1 item',
    ]);
    expect(screen.getByText(/Aiken has no place for ids/)).toBeTruthy();

    const download = screen.getByRole('link', { name: 'Download CPC_surgery.aiken.txt' });
    expect(download.getAttribute('href')).toBe(`${BANK_PATH}/export?format=aiken&status=active`);
    expect(download.getAttribute('download')).toBe('CPC_surgery.aiken.txt');

    // Another selection checks again before offering its file.
    await user.selectOptions(screen.getByLabelText('Items'), 'all');
    await user.click(screen.getByRole('radio', { name: 'CoderPrep JSON' }));
    await screen.findByRole('heading', { name: 'Export report: CoderPrep JSON' });
    expect(screen.getByText(/nothing is left out/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download CPC_surgery.json' }).getAttribute('href')).toBe(
      `${BANK_PATH}/export?format=native&status=all`,
    );
  });

  it('offers no download when nothing can be written, and shows a failed check with a retry', async () => {
    let fail = true;
    const { client } = fakeClient({
      [`GET ${BANK_PATH}`]: BANK,
      [`GET ${BANK_PATH}/export/report`]: () => {
        if (fail) throw new ApiError(500, 'internal', 'The server had a problem.');
        return { ...aiken, written: 0 };
      },
    });
    renderPages(EXPORT, client);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'Aiken' }));
    expect(
      (await screen.findByText(/The export could not be checked: The server had a problem/)).closest(
        '[role="alert"]',
      ),
    ).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('heading', { name: 'Export report: Aiken' });
    await waitFor(() => expect(screen.getByText(/There is nothing to download/)).toBeTruthy());
    expect(screen.queryByRole('link', { name: /^Download/ })).toBeNull();
  });

  it('says when the bank is not found', async () => {
    const { client } = fakeClient({
      [`GET ${BANK_PATH}`]: () => {
        throw new ApiError(404, 'not-found', 'Bank not found.');
      },
    });
    renderPages(EXPORT, client);
    expect(await screen.findByRole('heading', { name: 'Bank not found' })).toBeTruthy();
  });
});

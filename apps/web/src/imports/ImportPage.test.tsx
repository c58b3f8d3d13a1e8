import type { ImportCommitResult, ImportPreview } from '@coderprep/contracts';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { MAX_FILE_BYTES } from './file';
import { BANK, BANK_PATH, base64, fakeClient, renderPages, textFile } from './test-utils';

const GIFT = '::cpc-001::Which code reports a closed distal radius fracture?{=25600 ~25605 ~25606 ~25607}\n';

const item = (externalId: string, line: number, stem = `Stem of ${externalId}`) => ({
  externalId,
  type: 'multiple-choice' as const,
  domain: 'surgery-20000',
  stem,
  warnings: 0,
  line,
});

const withErrors: ImportPreview = {
  fileName: 'cardiology.gift',
  format: 'gift',
  recognised: 1,
  items: [item('cpc-001', 1)],
  warnings: [{ line: 1, itemId: 'cpc-001', message: 'no rationale: a placeholder was put in' }],
  errors: [
    { line: 12, itemId: 'true-false', message: 'true/false questions are not supported' },
    { line: 20, message: 'a closing brace } is missing' },
  ],
  duplicates: [],
  keyWarnings: [],
  newItems: 1,
  ready: false,
};

const clean: ImportPreview = {
  fileName: 'cardiology.gift',
  format: 'gift',
  recognised: 4,
  items: [item('cpc-001', 1), item('cpc-002', 4), item('cpc-003', 7), item('cpc-004', 10)],
  warnings: [],
  errors: [],
  duplicates: [
    { itemId: 'cpc-004', otherId: 'cpc-004', where: 'existing', reasons: ['same-id'], bankItemId: 'it9' },
  ],
  keyWarnings: [
    { itemId: 'cpc-002', path: 'key.dx.accepted.0', message: 'S52.999 is not in the loaded tables' },
  ],
  newItems: 3,
  ready: true,
};

const committed: ImportCommitResult = {
  fileName: 'cardiology.gift',
  format: 'gift',
  created: 3,
  skipped: [{ externalId: 'cpc-004', reason: 'same id as cpc-004 in the bank' }],
  warnings: [],
  keyWarnings: [],
  itemIds: { 'cpc-001': 'a', 'cpc-002': 'b', 'cpc-003': 'c' },
};

const IMPORT = '/staff/banks/bk1/import';

async function choose(file: File) {
  const user = userEvent.setup();
  await screen.findByRole('heading', { name: 'Import items into CPC surgery' });
  await user.upload(screen.getByLabelText('Bank file'), file);
  return user;
}

describe('the import page', () => {
  it('states the size limit before anything is chosen', async () => {
    const { client } = fakeClient({ [`GET ${BANK_PATH}`]: BANK });
    renderPages(IMPORT, client);
    await screen.findByRole('heading', { name: 'Import items into CPC surgery' });
    expect(screen.getByText(/Files of up to 20 MiB can be imported/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Choose a file' }).getAttribute('aria-describedby')).toBe(
      'file-limit',
    );
    expect(screen.getByRole('button', { name: 'Preview' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('link', { name: 'CPC surgery' }).getAttribute('href')).toBe('/staff/banks/bk1');
  });

  it('previews a file with errors: lists them with their lines, focuses the report and blocks the commit', async () => {
    const { client, calls } = fakeClient({
      [`GET ${BANK_PATH}`]: BANK,
      [`POST ${BANK_PATH}/imports/preview`]: withErrors,
    });
    renderPages(IMPORT, client);
    await choose(textFile('cardiology.gift', GIFT));

    const heading = await screen.findByRole('heading', { name: 'Preview of cardiology.gift' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    // The file went as base64, the format left to the server.
    const preview = calls.find((c) => c.path.endsWith('/imports/preview'));
    expect(preview?.body).toEqual({ fileName: 'cardiology.gift', contentBase64: base64(GIFT) });

    const errors = screen.getByRole('table', { name: 'Errors, with their line or item' });
    const rows = within(errors).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      'Line 12true-falsetrue/false questions are not supported',
      'Line 20—a closing brace } is missing',
    ]);
    expect(
      screen.getByText('2 errors block the import. Fix them in the file and choose it again.'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Commit import' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('The file has 2 errors, so nothing can be imported.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Preview ready: 1 item recognised, 2 errors.');
    // Warnings with their line too, and the recognised item.
    const warnings = screen.getByRole('table', { name: 'Warnings, with their line or item' });
    expect(within(warnings).getByText('no rationale: a placeholder was put in')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Recognised items' })).getByText('cpc-001')).toBeTruthy();
  });

  it('commits a clean preview atomically with the chosen duplicate policy and shows the counts', async () => {
    const { client, calls } = fakeClient({
      [`GET ${BANK_PATH}`]: BANK,
      [`POST ${BANK_PATH}/imports/preview`]: clean,
      [`POST ${BANK_PATH}/imports/commit`]: committed,
    });
    renderPages(IMPORT, client);
    const user = userEvent.setup();
    await screen.findByRole('heading', { name: 'Import items into CPC surgery' });
    await user.selectOptions(screen.getByLabelText('Format'), 'gift');
    await user.type(screen.getByLabelText('Default domain'), 'surgery-20000');
    await user.upload(screen.getByLabelText('Bank file'), textFile('cardiology.gift', GIFT));

    await screen.findByRole('heading', { name: 'Preview of cardiology.gift' });
    expect(screen.getByText('No errors: the file can be imported.')).toBeTruthy();
    const duplicates = screen.getByRole('table', { name: 'Duplicates and the items they repeat' });
    expect(within(duplicates).getByRole('link', { name: 'cpc-004' }).getAttribute('href')).toBe(
      '/staff/banks/bk1/items/it9',
    );
    expect(within(duplicates).getByText('same id')).toBeTruthy();
    const keyWarnings = screen.getByRole('table', { name: 'Key warnings, with their item and field' });
    expect(within(keyWarnings).getByText('key.dx.accepted.0')).toBeTruthy();
    expect(
      (
        screen.getByRole('radio', {
          name: 'Skip the duplicates and import the other 3 items',
        }) as HTMLInputElement
      ).checked,
    ).toBe(true);
    expect(
      screen.getByText(
        '3 new items will be added in one step: all of them or none. 1 duplicate will be skipped.',
      ),
    ).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Commit import' }));
    const done = await screen.findByRole('heading', { name: 'Import complete' });
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(screen.getByText('3 items created from cardiology.gift; 1 skipped.')).toBeTruthy();
    expect(
      within(screen.getByRole('table', { name: 'Items not imported, with why' })).getByText('cpc-004'),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to CPC surgery' }).getAttribute('href')).toBe(
      '/staff/banks/bk1',
    );

    const commit = calls.find((c) => c.path.endsWith('/imports/commit'));
    expect(commit?.body).toEqual({
      fileName: 'cardiology.gift',
      contentBase64: base64(GIFT),
      format: 'gift',
      options: { domain: 'surgery-20000' },
      duplicates: 'skip',
    });

    await user.click(screen.getByRole('button', { name: 'Import another file' }));
    expect(screen.getByRole('button', { name: 'Choose a file' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /Preview of/ })).toBeNull();
  });

  it('shows the server refusing duplicates under "import nothing", keeping the preview', async () => {
    const { client, calls } = fakeClient({
      [`GET ${BANK_PATH}`]: BANK,
      [`POST ${BANK_PATH}/imports/preview`]: clean,
      [`POST ${BANK_PATH}/imports/commit`]: () => {
        throw new ApiError(
          409,
          'import-duplicates',
          '1 item(s) of "cardiology.gift" duplicate items of the bank.',
        );
      },
    });
    renderPages(IMPORT, client);
    const user = await choose(textFile('cardiology.gift', GIFT));
    await screen.findByRole('heading', { name: 'Preview of cardiology.gift' });
    await user.click(screen.getByRole('radio', { name: 'Import nothing while the file has duplicates' }));
    expect(screen.getByText(/Nothing will be imported while the file has 1 duplicate/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Commit import' }));

    expect(
      (await screen.findByText(/Nothing was imported: 1 item\(s\) of "cardiology.gift" duplicate/)).closest(
        '[role="alert"]',
      ),
    ).toBeTruthy();
    expect(calls.find((c) => c.path.endsWith('/imports/commit'))?.body).toMatchObject({ duplicates: 'fail' });
    expect(screen.getByRole('heading', { name: 'Preview of cardiology.gift' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Commit import' }).hasAttribute('disabled')).toBe(false);
  });

  it('refuses a file over the size limit without reading or sending it', async () => {
    const { client, calls } = fakeClient({ [`GET ${BANK_PATH}`]: BANK });
    renderPages(IMPORT, client);
    const big = textFile('huge.csv', 'a,b\n');
    Object.defineProperty(big, 'size', { value: MAX_FILE_BYTES + 1 });
    await choose(big);

    expect(
      (
        await screen.findByText(
          /huge\.csv is too large \(20,971,521 bytes\): files of up to 20 MiB can be imported/,
        )
      ).closest('[role="alert"]'),
    ).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    expect(screen.getByRole('button', { name: 'Preview' }).hasAttribute('disabled')).toBe(true);
  });

  it('re-choosing a file resets the preview and previews the new file', async () => {
    let answer: (preview: ImportPreview) => void = () => {};
    const { client, calls } = fakeClient({
      [`GET ${BANK_PATH}`]: BANK,
      [`POST ${BANK_PATH}/imports/preview`]: (body: unknown) =>
        (body as { fileName: string }).fileName === 'first.gift'
          ? withErrors
          : new Promise<ImportPreview>((resolve) => {
              answer = resolve;
            }),
    });
    renderPages(IMPORT, client);
    const user = await choose(textFile('first.gift', GIFT));
    await screen.findByRole('heading', { name: 'Preview of cardiology.gift' });

    await user.upload(screen.getByLabelText('Bank file'), textFile('second.gift', `${GIFT}\n`));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Checking second.gift…'));
    expect(screen.queryByRole('heading', { name: /Preview of/ })).toBeNull();
    expect(screen.getByText('second.gift')).toBeTruthy();
    await act(async () => answer({ ...clean, fileName: 'second.gift' }));
    expect(await screen.findByRole('heading', { name: 'Preview of second.gift' })).toBeTruthy();
    expect(calls.filter((c) => c.path.endsWith('/preview'))).toHaveLength(2);
  });

  it('takes a dropped file', async () => {
    const { client, calls } = fakeClient({
      [`GET ${BANK_PATH}`]: BANK,
      [`POST ${BANK_PATH}/imports/preview`]: clean,
    });
    renderPages(IMPORT, client);
    await screen.findByRole('heading', { name: 'Import items into CPC surgery' });
    fireEvent.drop(screen.getByTestId('drop-zone'), {
      dataTransfer: { files: [textFile('dropped.gift', GIFT)] },
    });
    await screen.findByRole('heading', { name: 'Preview of cardiology.gift' });
    expect(calls.find((c) => c.path.endsWith('/preview'))?.body).toMatchObject({ fileName: 'dropped.gift' });
  });

  it('checks the options before sending, and a changed option asks for a new preview', async () => {
    const { client, calls } = fakeClient({
      [`GET ${BANK_PATH}`]: BANK,
      [`POST ${BANK_PATH}/imports/preview`]: clean,
    });
    renderPages(IMPORT, client);
    const user = userEvent.setup();
    await screen.findByRole('heading', { name: 'Import items into CPC surgery' });
    await user.type(screen.getByLabelText('Code-set year'), '1999');
    await user.upload(screen.getByLabelText('Bank file'), textFile('cardiology.gift', GIFT));

    const year = screen.getByLabelText('Code-set year');
    await waitFor(() => expect(year.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Enter a year from 2015 to 2100, e.g. 2026.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    await user.clear(year);
    await user.type(year, '2025');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByRole('heading', { name: 'Preview of cardiology.gift' });
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ options: { codeSetYear: 2025 } });

    await user.type(screen.getByLabelText('Id prefix'), 'cardio');
    expect(screen.queryByRole('heading', { name: /Preview of/ })).toBeNull();
    expect(screen.getByText(/Settings changed: preview the file again/)).toBeTruthy();
  });

  it('shows the server refusing the whole file', async () => {
    const { client } = fakeClient({
      [`GET ${BANK_PATH}`]: BANK,
      [`POST ${BANK_PATH}/imports/preview`]: () => {
        throw new ApiError(
          400,
          'unknown-format',
          'The format of "notes.txt" could not be recognised from its name or content: choose one of native, csv, gift, aiken, moodle-xml, qti.',
        );
      },
    });
    renderPages(IMPORT, client);
    await choose(textFile('notes.txt', 'hello'));
    const alert = (await screen.findByText(/The preview failed: The format of "notes.txt"/)).closest(
      '[role="alert"]',
    );
    expect(alert).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Preview' }).hasAttribute('disabled')).toBe(false);
    // The format field says what to do.
    expect(screen.getByLabelText('Format').getAttribute('aria-invalid')).toBe('true');
    expect(
      screen.getByText('The format could not be recognised from the file: choose it here.'),
    ).toBeTruthy();
  });

  it('is not available to a student, who is not sent to the server', () => {
    const { client, calls } = fakeClient({});
    renderPages(IMPORT, client, 'student');
    expect(screen.getByRole('heading', { name: 'Not available' })).toBeTruthy();
    expect(calls).toEqual([]);
  });
});

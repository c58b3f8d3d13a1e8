import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { ItemBody } from './api';
import { describePath } from './fields';
import { BANK, BANK_PATH, detail, fakeClient, mcBody, ORG, renderBanks, STATS } from './test-utils';

// Filling a whole item in jsdom takes a few seconds.
vi.setConfig({ testTimeout: 30_000 });

const ITEMS = `${BANK_PATH}/items`;
const bankRoutes = { [`GET ${BANK_PATH}`]: BANK, [`GET ${BANK_PATH}/stats`]: STATS };

const field = (name: string | RegExp) => screen.getByLabelText(name) as HTMLInputElement;

type User = ReturnType<typeof userEvent.setup>;

/** Types by pasting (typing key by key is slow in jsdom). */
async function fill(user: User, name: string | RegExp, text: string) {
  const input = field(name);
  await user.clear(input);
  await user.click(input);
  await user.paste(text);
}

/** Fills the metadata every item needs. */
async function fillMeta(user: User) {
  await fill(user, 'Item id', 'new-1');
  await fill(user, 'Domain', 'surgery-20000');
  await fill(user, 'Code-set year', '2026');
  await fill(user, /^Stem/, 'Which code?');
  await fill(user, /^Rationale/, 'Because the guideline says so.');
}

function sent(calls: { method: string; body?: unknown }[], method: string) {
  return calls.filter((c) => c.method === method).at(-1)?.body as Record<string, unknown> | undefined;
}

describe('item editor: multiple choice', () => {
  it('writes a new item with a rationale per option, chooses the key, and opens the saved item', async () => {
    const user = userEvent.setup();
    const { client, calls } = fakeClient({
      ...bankRoutes,
      [`POST ${ITEMS}`]: (body) => ({
        item: detail({ ...(body as ItemBody), version: 1 }, { id: 'it9' }),
        warnings: [],
      }),
    });
    const { router } = renderBanks(`/staff/banks/${BANK.id}/items/new`, client);
    expect(await screen.findByRole('heading', { name: 'New item', level: 1 })).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Multiple choice' }) as HTMLInputElement).checked).toBe(true);
    await fillMeta(user);
    for (const [letter, text] of [
      ['A', '25600'],
      ['B', '25605'],
      ['C', '25606'],
      ['D', '25607'],
    ] as const) {
      await fill(user, `Option ${letter} text`, text);
      await fill(user, `Option ${letter} rationale`, `Why ${text}`);
    }
    await user.click(screen.getByRole('radio', { name: 'Option B is correct' }));
    await user.click(screen.getByRole('button', { name: 'Save item' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/staff/banks/${BANK.id}/items/it9`));
    expect(await screen.findByText(/Saved as version 1\./)).toBeTruthy();
    expect(sent(calls, 'POST')).toMatchObject({
      id: 'new-1',
      type: 'multiple-choice',
      domain: 'surgery-20000',
      codeSetYear: 2026,
      key: 'B',
      options: [
        { id: 'A', text: '25600', rationale: 'Why 25600' },
        { id: 'B', text: '25605', rationale: 'Why 25605' },
        { id: 'C', text: '25606', rationale: 'Why 25606' },
        { id: 'D', text: '25607', rationale: 'Why 25607' },
      ],
    });
    expect(screen.getByRole('heading', { name: 'Edit item new-1', level: 1 })).toBeTruthy();
  });

  it('puts server field errors on their fields, with a summary linking to them', async () => {
    const user = userEvent.setup();
    const { client } = fakeClient({
      ...bankRoutes,
      [`GET ${ITEMS}/it1`]: detail(mcBody),
      [`PUT ${ITEMS}/it1`]: () => {
        throw new ApiError(400, 'invalid-item', 'The item is not valid.', [
          { path: 'body.options.2.text', message: 'this option repeats option A' },
          { path: 'body.domain', message: 'no such domain in the blueprint' },
        ]);
      },
    });
    renderBanks(`/staff/banks/${BANK.id}/items/it1`, client);
    await user.click(await screen.findByRole('button', { name: 'Save as version 3' }));

    const optionC = field('Option C text');
    expect(optionC.getAttribute('aria-invalid')).toBe('true');
    const described = optionC.getAttribute('aria-describedby') ?? '';
    expect(described.split(' ').map((id) => document.getElementById(id)?.textContent)).toContain(
      'this option repeats option A',
    );
    expect(field('Domain').getAttribute('aria-invalid')).toBe('true');
    expect(field('Option B text').getAttribute('aria-invalid')).toBeNull();

    const summary = screen.getByRole('alert', { name: /There are 2 problems with this item/ });
    expect(document.activeElement).toBe(summary);
    await user.click(
      within(summary).getByRole('link', { name: 'Option C, text: this option repeats option A' }),
    );
    expect(document.activeElement).toBe(optionC);

    await user.type(optionC, ' fixed');
    expect(optionC.getAttribute('aria-invalid')).toBeNull();
  });

  it('checks the obvious before asking the server', async () => {
    const user = userEvent.setup();
    const { client, calls } = fakeClient(bankRoutes);
    renderBanks(`/staff/banks/${BANK.id}/items/new`, client);
    await user.click(await screen.findByRole('button', { name: 'Save item' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(field('Item id').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('link', { name: 'Correct answer: choose the correct option' })).toBeTruthy();
  });

  it('adds, reorders and removes options', async () => {
    const user = userEvent.setup();
    const { client } = fakeClient(bankRoutes);
    renderBanks(`/staff/banks/${BANK.id}/items/new`, client);
    await user.type(await screen.findByLabelText('Option A text'), 'first');
    await user.click(screen.getByRole('button', { name: 'Add an option' }));
    expect(field('Option E id').value).toBe('E');
    await user.click(screen.getByRole('button', { name: 'Move down Option A' }));
    expect(field('Option B text').value).toBe('first');
    expect(field('Option B id').value).toBe('A');
    await user.click(screen.getByRole('button', { name: 'Remove Option E' }));
    expect(screen.queryByLabelText('Option E text')).toBeNull();
  });

  it('previews the item as a student sees it, without key or rationales', async () => {
    const { client } = fakeClient({ ...bankRoutes, [`GET ${ITEMS}/it1`]: detail(mcBody) });
    renderBanks(`/staff/banks/${BANK.id}/items/it1`, client);
    const preview = await screen.findByRole('article', { name: 'The item as a student sees it' });
    expect(within(preview).getByText(mcBody.stem)).toBeTruthy();
    expect(within(preview).getByText('Choose one answer.')).toBeTruthy();
    expect(
      within(preview)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['A. 25600', 'B. 25605', 'C. 25606', 'D. 25607']);
    expect(preview.textContent).not.toMatch(/Right|Wrong|without manipulation|Key/);
  });
});

describe('item editor: multiple response', () => {
  it('keys several options, tells students how many to select, and sets partial credit', async () => {
    const user = userEvent.setup();
    const { client, calls } = fakeClient({
      ...bankRoutes,
      [`POST ${ITEMS}`]: (body) => ({ item: detail({ ...(body as ItemBody), version: 1 }), warnings: [] }),
    });
    renderBanks(`/staff/banks/${BANK.id}/items/new`, client);
    await user.click(await screen.findByRole('radio', { name: 'Multiple response' }));
    await fillMeta(user);
    for (const letter of ['A', 'B', 'C', 'D']) await fill(user, `Option ${letter} text`, `code ${letter}`);
    await user.click(screen.getByRole('checkbox', { name: 'Option A is correct' }));
    await user.click(screen.getByRole('checkbox', { name: 'Option C is correct' }));
    expect(screen.getByRole('radio', { name: /“Select 2”/ })).toBeTruthy();
    const preview = screen.getByRole('article', { name: 'The item as a student sees it' });
    expect(within(preview).getByText('Select 2.')).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Partial credit in proportion to what is right' }));
    await user.click(screen.getByRole('button', { name: 'Save item' }));
    await screen.findByText(/Saved as version 1/);
    expect(sent(calls, 'POST')).toMatchObject({
      type: 'multiple-response',
      key: ['A', 'C'],
      select: 2,
      partialCredit: 'proportional',
    });
  });
});

describe('item editor: fill-in', () => {
  it('shows the fields of each blank kind and checks codes as they are typed', async () => {
    const user = userEvent.setup();
    const { client } = fakeClient(bankRoutes);
    renderBanks(`/staff/banks/${BANK.id}/items/new`, client);
    await user.click(await screen.findByRole('radio', { name: 'Fill-in' }));

    const kind = field('Blank 1 kind') as unknown as HTMLSelectElement;
    expect(kind.value).toBe('icd10cm');
    const answer = field('Blank 1 accepted answer 1');
    await user.type(answer, 'E1.19');
    expect(answer.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/the dot goes after the 3rd character/)).toBeTruthy();
    await user.clear(answer);
    await user.type(answer, 'E11.9');
    expect(answer.getAttribute('aria-invalid')).toBeNull();

    await user.selectOptions(kind, 'procedure-line');
    expect(field('Blank 1 line 1 code')).toBeTruthy();
    expect(field('Blank 1 line 1 modifiers')).toBeTruthy();
    expect(field('Blank 1 line 1 units').value).toBe('1');
    await user.click(screen.getByRole('button', { name: 'Add an alternative line to Blank 1' }));
    expect(field('Blank 1 line 2 code')).toBeTruthy();

    await user.selectOptions(kind, 'code-list');
    expect(field('Blank 1 code set')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: /principal first/ })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Optional code 1 of Blank 1' })).toBeTruthy();

    await user.selectOptions(kind, 'number');
    expect(field('Blank 1 tolerance (±)').value).toBe('0');

    await user.click(screen.getByRole('button', { name: 'Add a blank' }));
    expect(field('Blank 2 id').value).toBe('b2');
    await user.click(screen.getByRole('button', { name: 'Remove Blank 2' }));
    expect(screen.queryByLabelText('Blank 2 id')).toBeNull();
  });

  it('sends every kind of key and lands key errors on the blank that has them', async () => {
    const user = userEvent.setup();
    const { client, calls } = fakeClient({
      ...bankRoutes,
      [`POST ${ITEMS}`]: () => {
        throw new ApiError(400, 'invalid-key', 'The item key has codes that cannot be graded.', [
          { path: 'body.key.b2.accepted.0.modifiers.1', message: 'modifier 59 is listed twice' },
        ]);
      },
    });
    renderBanks(`/staff/banks/${BANK.id}/items/new`, client);
    await user.click(await screen.findByRole('radio', { name: 'Fill-in' }));
    await fillMeta(user);
    await user.selectOptions(field('Blank 1 kind'), 'code-list');
    await fill(user, 'Blank 1 label', 'Diagnoses');
    await user.click(screen.getByRole('checkbox', { name: /principal first/ }));
    await fill(user, 'Blank 1 code 1', 'E11.22');
    await user.click(screen.getByRole('button', { name: 'Add a code to Blank 1' }));
    await fill(user, 'Blank 1 code 2', 'Z79.4');
    await user.click(screen.getByRole('checkbox', { name: 'Optional code 2 of Blank 1' }));
    await user.click(screen.getByRole('button', { name: 'Add a blank' }));
    await user.selectOptions(field('Blank 2 kind'), 'procedure-line');
    await fill(user, 'Blank 2 line 1 code', '11042');
    await fill(user, 'Blank 2 line 1 modifiers', '59 LT');
    await fill(user, 'Blank 2 line 1 units', '2');
    await user.click(screen.getByRole('button', { name: 'Save item' }));

    expect(sent(calls, 'POST')).toMatchObject({
      type: 'fill-in',
      blanks: [
        { id: 'b1', label: 'Diagnoses', kind: 'code-list', codeKind: 'icd10cm', principalFirst: true },
        { id: 'b2', label: '', kind: 'procedure-line' },
      ],
      key: {
        b1: {
          kind: 'code-list',
          codes: [
            { code: 'E11.22', optional: false },
            { code: 'Z79.4', optional: true },
          ],
        },
        b2: { kind: 'procedure-line', accepted: [{ code: '11042', modifiers: ['59', 'LT'], units: 2 }] },
      },
    });
    const modifiers = field('Blank 2 line 1 modifiers');
    expect(modifiers.getAttribute('aria-invalid')).toBe('true');
    expect(
      screen.getByRole('link', { name: /Blank b2, accepted line 1, modifiers: modifier 59 is listed twice/ }),
    ).toBeTruthy();
  });
});

describe('item editor: scenario', () => {
  it('edits the case and sub-items of every type; sub-item errors land on the sub-item', async () => {
    const user = userEvent.setup();
    const { client, calls } = fakeClient({
      ...bankRoutes,
      [`POST ${ITEMS}`]: () => {
        throw new ApiError(400, 'invalid-key', 'The item key has codes that cannot be graded.', [
          {
            path: 'body.subItems.1.key.b1.codes.0.code',
            message: '"E1.22" is not a valid ICD-10-CM code',
          },
        ]);
      },
    });
    renderBanks(`/staff/banks/${BANK.id}/items/new`, client);
    await user.click(await screen.findByRole('radio', { name: 'Scenario' }));
    await fillMeta(user);
    await fill(user, 'Case text (the medical record)', 'HISTORY: 58-year-old man…');
    await fill(user, 'Sub-item 1 stem', 'Principal diagnosis?');
    for (const letter of ['A', 'B', 'C', 'D'])
      await fill(user, `Sub-item 1 option ${letter} text`, `code ${letter}`);
    await user.click(screen.getByRole('radio', { name: 'Sub-item 1 option D is correct' }));

    await user.click(screen.getByRole('button', { name: 'Add a sub-item' }));
    expect(field('Sub-item 2 id').value).toBe('q2');
    await user.selectOptions(field('Sub-item 2 type'), 'fill-in');
    await fill(user, 'Sub-item 2 stem', 'Secondary diagnoses?');
    await user.selectOptions(field('Sub-item 2 blank 1 kind'), 'code-list');
    await fill(user, 'Sub-item 2 blank 1 code 1', 'E11.22');

    const preview = screen.getByRole('article', { name: 'The item as a student sees it' });
    expect(within(preview).getByText('HISTORY: 58-year-old man…')).toBeTruthy();
    expect(within(preview).getByText('Question 2 of 2')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Save item' }));
    expect(sent(calls, 'POST')).toMatchObject({
      type: 'scenario',
      caseText: 'HISTORY: 58-year-old man…',
      subItems: [
        { id: 'q1', type: 'multiple-choice', stem: 'Principal diagnosis?', key: 'D' },
        { id: 'q2', type: 'fill-in', key: { b1: { kind: 'code-list', codes: [{ code: 'E11.22' }] } } },
      ],
    });
    expect(field('Sub-item 2 blank 1 code 1').getAttribute('aria-invalid')).toBe('true');
    expect(field('Sub-item 1 option A text').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('item editor: versions and regrade', () => {
  it('saves a key change as a new version, shows key warnings, and regrades the old version', async () => {
    const user = userEvent.setup();
    const v3 = detail({ ...mcBody, version: 3, key: 'C' } as ItemBody);
    const { client, calls } = fakeClient({
      ...bankRoutes,
      [`GET ${ITEMS}/it1`]: detail(mcBody),
      [`PUT ${ITEMS}/it1`]: {
        item: v3,
        warnings: [{ path: 'body.options.2.text', message: '25606 looks odd' }],
      },
      [`POST /api/orgs/${ORG}/items/it1/regrade`]: {
        itemId: 'it1',
        fromVersion: 2,
        toVersion: 3,
        regraded: 2,
        inProgress: 1,
        changes: [
          {
            attemptId: 'a1',
            studentName: 'Sam',
            oldPercent: 68,
            newPercent: 70,
            passedBefore: false,
            passedAfter: true,
          },
          {
            attemptId: 'a2',
            studentName: 'Kim',
            oldPercent: 80,
            newPercent: 80,
            passedBefore: true,
            passedAfter: true,
          },
        ],
      },
    });
    renderBanks(`/staff/banks/${BANK.id}/items/it1`, client);
    await user.click(await screen.findByRole('radio', { name: 'Option C is correct' }));
    await user.click(screen.getByRole('button', { name: 'Save as version 3' }));

    expect(await screen.findByText(/Saved as version 3\./)).toBeTruthy();
    expect(sent(calls, 'PUT')).toMatchObject({ key: 'C' });
    expect(screen.getByRole('link', { name: 'Option C, text: 25606 looks odd' })).toBeTruthy();
    expect(field('Option C text').getAttribute('aria-describedby')).toContain('warning');

    await user.click(screen.getByRole('button', { name: 'Regrade attempts that used version 2' }));
    expect(calls.at(-1)).toMatchObject({ method: 'POST', body: { fromVersion: 2 } });
    expect(
      await screen.findByText('Regraded 2 attempts from version 2 to version 3; 1 score changed.'),
    ).toBeTruthy();
    expect(screen.getByText(/1 attempt is still in progress/)).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Regraded attempts' });
    expect(within(table).getByRole('row', { name: 'Sam 68% 70% Fail Pass' })).toBeTruthy();
  });

  it('does not offer a regrade after a change of wording only', async () => {
    const user = userEvent.setup();
    const { client } = fakeClient({
      ...bankRoutes,
      [`GET ${ITEMS}/it1`]: detail(mcBody),
      [`PUT ${ITEMS}/it1`]: {
        item: detail({ ...mcBody, version: 3, stem: 'New words' } as ItemBody),
        warnings: [],
      },
    });
    renderBanks(`/staff/banks/${BANK.id}/items/it1`, client);
    await user.type(await screen.findByLabelText('Stem'), ' More.');
    await user.click(screen.getByRole('button', { name: 'Save as version 3' }));
    await screen.findByText(/Saved as version 3\./);
    expect(screen.queryByRole('button', { name: /Regrade attempts/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Prepare regrade' })).toBeTruthy();
  });

  it('lists the versions and shows an old one read-only', async () => {
    const user = userEvent.setup();
    const old = { ...mcBody, version: 1, key: 'B', stem: 'The first wording' } as ItemBody;
    const { client } = fakeClient({
      ...bankRoutes,
      [`GET ${ITEMS}/it1`]: detail(mcBody),
      [`GET ${ITEMS}/it1/versions/1`]: {
        itemId: 'it1',
        version: 1,
        createdAt: 5,
        createdBy: null,
        body: old,
      },
    });
    renderBanks(`/staff/banks/${BANK.id}/items/it1`, client);
    const history = await screen.findByRole('region', { name: 'Version history' });
    expect(
      within(history)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringMatching(/^Version 2 \(current\)/), expect.stringMatching(/^Version 1 ·/)]);
    await user.click(within(history).getByRole('button', { name: 'View version 1' }));
    const heading = await screen.findByRole('heading', { name: 'Version 1 (read-only)' });
    expect(document.activeElement).toBe(heading);
    expect(screen.queryByRole('textbox', { name: 'Stem' })).toBeNull();
    const view = heading.closest('section') as HTMLElement;
    expect(within(view).getByText('The first wording')).toBeTruthy();
    expect(within(view).getByText('Key').closest('li')?.textContent).toContain('25605');

    await user.click(screen.getByRole('button', { name: 'Copy version 1 into the editor' }));
    expect(field('Stem').value).toBe('The first wording');
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
  });

  it('asks before leaving with unsaved changes', async () => {
    const user = userEvent.setup();
    const { client } = fakeClient({ ...bankRoutes, [`GET ${ITEMS}/it1`]: detail(mcBody) });
    const { router } = renderBanks(`/staff/banks/${BANK.id}/items/it1`, client);
    await screen.findByLabelText('Stem');
    await fill(user, 'Stem', 'Changed');
    await user.click(screen.getByRole('link', { name: 'Back to the bank' }));
    const guard = screen.getByRole('alertdialog', { name: 'Leave without saving?' });
    expect(document.activeElement).toBe(within(guard).getByRole('button', { name: 'Stay on this page' }));
    await user.click(within(guard).getByRole('button', { name: 'Stay on this page' }));
    expect(field('Stem').value).toBe('Changed');
    await user.click(screen.getByRole('link', { name: 'Back to the bank' }));
    await user.click(screen.getByRole('button', { name: 'Leave without saving' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/staff/banks/${BANK.id}`));
  });

  it('offers the regrade asked for by item analysis (?regradeFrom=1)', async () => {
    const { client } = fakeClient({ ...bankRoutes, [`GET ${ITEMS}/it1`]: detail(mcBody) });
    renderBanks(`/staff/banks/${BANK.id}/items/it1?regradeFrom=1`, client);
    expect(await screen.findByRole('button', { name: 'Regrade attempts that used version 1' })).toBeTruthy();
  });

  it("finds an item's bank from the item alone", async () => {
    const { client } = fakeClient({
      ...bankRoutes,
      [`GET /api/orgs/${ORG}/banks`]: {
        items: [{ ...BANK, id: 'other' }, BANK],
        total: 2,
        limit: 200,
        offset: 0,
      },
      [`GET /api/orgs/${ORG}/banks/other/items/it1`]: () => {
        throw new ApiError(404, 'not-found', 'The item was not found.');
      },
      [`GET ${ITEMS}/it1`]: detail(mcBody),
    });
    const { router } = renderBanks('/staff/items/it1?regradeFrom=1', client);
    await screen.findByRole('heading', { name: 'Edit item cpc-001' });
    expect(router.state.location.pathname + router.state.location.search).toBe(
      `/staff/banks/${BANK.id}/items/it1?regradeFrom=1`,
    );
  });
});

describe('item editor: access', () => {
  it('tells a student the page is not available (403)', async () => {
    const refuse = () => {
      throw new ApiError(403, 'forbidden', 'You do not have access to this.');
    };
    const { client } = fakeClient({ [`GET ${BANK_PATH}`]: refuse, [`GET ${BANK_PATH}/stats`]: refuse });
    renderBanks(`/staff/banks/${BANK.id}/items/new`, client, 'student');
    expect(await screen.findByRole('heading', { name: 'Not available' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/only the instructors and program admins/);
  });
});

describe('field names', () => {
  it('describes server paths in words', () => {
    expect(describePath('subItems.1.key.b2.codes.0.code')).toBe('Sub-item 2, blank b2, code 1');
    expect(describePath('options.2.text')).toBe('Option C, text');
    expect(describePath('key')).toBe('Correct answer');
    expect(describePath('id')).toBe('Item id');
    expect(describePath('key.b1.accepted.0')).toBe('Blank b1, accepted answer 1');
  });
});

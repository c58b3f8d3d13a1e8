import type { PresetInfo, SupplyReport } from '@coderprep/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { fakeClient, ORG, page, renderStaff } from '../admin/testing';
import { ExamBuilderPage, SUPPLY_CHECK_DELAY_MS } from './ExamBuilderPage';
import { labelOf } from './fieldPaths';
import { blueprintOf, createExamBuilderStore, examBodyOf } from './store';

const cpcBlueprint = {
  id: 'cpc',
  name: 'CPC-style mock exam',
  style: 'cpc',
  passPercent: 70,
  clock: { mode: 'shared', limitMinutes: 240 },
  warningMinutes: [30],
  graceSeconds: 30,
  sections: [
    {
      id: 'cpc',
      title: 'CPC mock exam',
      mayReturn: true,
      shuffleItems: true,
      shuffleOptions: false,
      pretestCount: 0,
      rules: [
        { domain: 'surgery-10000', count: 6, types: ['multiple-choice'] },
        { domain: 'anatomy', count: 4, types: ['multiple-choice'] },
      ],
    },
  ],
} as const;

const presets = [
  {
    id: 'cpc',
    name: 'CPC-style mock exam',
    style: 'cpc',
    blueprint: cpcBlueprint,
    itemCount: 10,
    limitMinutes: 240,
    domainCounts: [
      { domain: 'surgery-10000', count: 6 },
      { domain: 'anatomy', count: 4 },
    ],
    uncertainties: ['The split of the 28 ICD-10-CM items is not published.'],
  },
] as unknown as PresetInfo[];

const bank = {
  id: 'b1',
  name: 'CPC bank',
  description: '',
  itemCount: 7,
  archivedItemCount: 0,
  createdAt: 0,
  updatedAt: 0,
};

const shortReport: SupplyReport = {
  ok: false,
  itemCount: 10,
  bankIds: ['b1'],
  rules: [rule(0, 'surgery-10000', 6, 6), rule(1, 'anatomy', 4, 1)],
  shortages: [
    {
      sectionId: 'cpc',
      sectionTitle: 'CPC mock exam',
      rule: 1,
      description: 'domain anatomy (multiple-choice)',
      needed: 4,
      available: 1,
      short: 3,
    },
  ],
  message:
    "The bank cannot fill the blueprint. Section 'CPC mock exam': domain anatomy (multiple-choice) needs 4 items, bank has 1 (short by 3)",
  domains: [
    { domain: 'surgery-10000', needed: 6, available: 6, pretestAvailable: 0 },
    { domain: 'anatomy', needed: 4, available: 1, pretestAvailable: 0 },
  ],
};

function rule(index: number, domain: string, needed: number, available: number) {
  return {
    sectionId: 'cpc',
    sectionTitle: 'CPC mock exam',
    rule: index,
    description: `domain ${domain} (multiple-choice)`,
    domain,
    tag: null,
    types: ['multiple-choice' as const],
    needed,
    available,
    short: Math.max(0, needed - available),
  };
}

const okReport: SupplyReport = {
  ...shortReport,
  ok: true,
  shortages: [],
  message: null,
  rules: [],
  domains: [],
};

const routes = (extra: Record<string, unknown> = {}) => ({
  'GET /api/presets': { presets },
  [`GET /api/orgs/${ORG}/banks`]: page([bank]),
  [`POST /api/orgs/${ORG}/blueprint-supply`]: shortReport,
  ...extra,
});

describe('exam builder', { timeout: 20_000 }, () => {
  it('shows per domain what the banks hold against what the preset needs, shortages highlighted', async () => {
    const { client, calls } = fakeClient(routes());
    renderStaff(<ExamBuilderPage />, { client });

    const table = await screen.findByRole('table', { name: /Per domain: items the banks hold/ });
    const anatomy = within(table).getByRole('rowheader', { name: 'anatomy' }).closest('tr') as HTMLElement;
    expect(within(anatomy).getByText('Short by 3')).toBeTruthy();
    expect(anatomy.className).toContain('row-short');
    const cells = within(anatomy)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells.slice(0, 2)).toEqual(['4', '1']);
    const surgery = within(table)
      .getByRole('rowheader', { name: 'surgery-10000' })
      .closest('tr') as HTMLElement;
    expect(within(surgery).getByText('Enough')).toBeTruthy();
    expect(
      screen.getByText(/domain anatomy \(multiple-choice\) needs 4 items, bank has 1 \(short by 3\)/),
    ).toBeTruthy();
    expect(screen.getByText('The banks cannot fill this blueprint yet.')).toBeTruthy();
    // The preset's own count table says it too, beside the count to change.
    const counts = screen.getByRole('table', { name: 'Items drawn per domain' });
    const anatomyCount = within(counts)
      .getByRole('rowheader', { name: 'anatomy' })
      .closest('tr') as HTMLElement;
    expect(within(anatomyCount).getByText('(short by 3)')).toBeTruthy();
    expect(calls.find((c) => c.path.endsWith('/blueprint-supply'))?.body).toEqual({
      bankIds: ['b1'],
      presetId: 'cpc',
    });
  });

  it('shows the preset’s unconfirmed facts and sends only the settings changed', async () => {
    const { client, calls } = fakeClient(
      routes({ [`POST /api/orgs/${ORG}/exams`]: { id: 'e1', name: 'CPC-style mock exam' } }),
    );
    renderStaff(<ExamBuilderPage />, { client });
    expect(await screen.findByText('The split of the 28 ICD-10-CM items is not published.')).toBeTruthy();
    const anatomy = screen.getByRole('spinbutton', { name: 'Items from anatomy' });
    await userEvent.clear(anatomy);
    await userEvent.type(anatomy, '1');
    const limit = screen.getByRole('spinbutton', { name: /Time limit/ });
    await userEvent.clear(limit);
    await userEvent.type(limit, '200');
    await userEvent.click(screen.getByRole('button', { name: 'Save exam' }));
    // Still short: the save waits for a deliberate second click.
    await userEvent.click(await screen.findByRole('button', { name: 'Save anyway' }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.path.endsWith('/exams'))).toBe(true),
    );
    expect(calls.find((c) => c.path.endsWith('/exams'))?.body).toEqual({
      name: 'CPC-style mock exam',
      mode: 'exam',
      bankIds: ['b1'],
      presetId: 'cpc',
      overrides: { limitMinutes: 200, domainCounts: { anatomy: 1 } },
    });
    expect(await screen.findByText('Elsewhere')).toBeTruthy();
  });

  it('checks a custom blueprint’s supply only once its rules name what they draw', async () => {
    const { client, calls } = fakeClient(routes());
    renderStaff(<ExamBuilderPage />, { client });
    await screen.findByRole('table', { name: /Per domain: items the banks hold/ });
    const supplyCalls = () => calls.filter((c) => c.path.endsWith('/blueprint-supply'));
    const before = supplyCalls().length;

    await userEvent.click(screen.getByRole('radio', { name: 'Custom blueprint' }));
    await new Promise((resolve) => setTimeout(resolve, SUPPLY_CHECK_DELAY_MS + 200));
    expect(supplyCalls()).toHaveLength(before);
    expect(screen.getByText(/^Complete the blueprint to check the supply/)).toBeTruthy();

    const rule = within(screen.getByRole('group', { name: 'Section 1' })).getByRole('group', {
      name: 'Rule 1',
    });
    await userEvent.type(within(rule).getByRole('combobox', { name: 'Domain' }), 'anatomy');
    await waitFor(() => expect(supplyCalls()).toHaveLength(before + 1));
    const body = supplyCalls().at(-1)?.body as { blueprint: { sections: { rules: unknown[] }[] } };
    expect(body.blueprint.sections[0]?.rules).toEqual([{ domain: 'anatomy', count: 10 }]);
  });

  it('puts the server’s field errors on the blueprint fields they name', async () => {
    const { client } = fakeClient(
      routes({
        [`POST /api/orgs/${ORG}/blueprint-supply`]: okReport,
        [`POST /api/orgs/${ORG}/exams`]: () => {
          throw new ApiError(400, 'invalid-body', 'The request is not valid.', [
            { path: 'body.blueprint.sections.0.rules.1.count', message: 'draw at least 1 item' },
            {
              path: 'body.blueprint.warningMinutes.0',
              message: 'a warning at 300 minutes left comes before a 120-minute exam starts',
            },
          ]);
        },
      }),
    );
    renderStaff(<ExamBuilderPage />, { client });
    await userEvent.click(await screen.findByRole('radio', { name: 'Custom blueprint' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add rule to section 1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save exam' }));

    const section = screen.getByRole('group', { name: 'Section 1' });
    const secondRule = within(section).getByRole('group', { name: 'Rule 2' });
    const count = await within(secondRule).findByRole('spinbutton', { name: 'Items' });
    await waitFor(() => expect(count.getAttribute('aria-invalid')).toBe('true'));
    expect(count.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(count.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'draw at least 1 item',
    );
    // The first rule's count is not marked.
    const firstCount = within(within(section).getByRole('group', { name: 'Rule 1' })).getByRole(
      'spinbutton',
      { name: 'Items' },
    );
    expect(firstCount.getAttribute('aria-invalid')).toBeNull();
    // The warnings field takes its list entry's message.
    expect(
      screen.getByRole('textbox', { name: 'Warnings (minutes left)' }).getAttribute('aria-invalid'),
    ).toBe('true');
    // The summary names the field and links to it.
    const link = screen.getByRole('link', { name: 'Section 1, rule 2: items: draw at least 1 item' });
    expect(link.getAttribute('href')).toBe(`#${count.id}`);
  });
});

describe('exam builder store', { timeout: 20_000 }, () => {
  it('turns the custom form into the engine’s blueprint', () => {
    const store = createExamBuilderStore({ client: fakeClient({}).client, orgId: ORG });
    const state = store.getState();
    const section = state.custom.sections[0];
    if (!section) throw new Error('no section');
    state.set({ name: 'Week 3: E/M quiz', source: 'custom', mode: 'practice' });
    state.updateSection(section.key, { title: 'E/M', minutes: '30', pretestCount: '2' });
    const ruleKey = section.rules[0]?.key ?? '';
    state.updateRule(section.key, ruleKey, { by: 'tag', value: 'modifiers', count: '5', types: ['fill-in'] });
    state.setCustom({ limitMinutes: '', warningMinutes: '' });
    state.toggleBank('b1', true);
    const body = examBodyOf(store.getState());
    expect(body).toMatchObject({ name: 'Week 3: E/M quiz', mode: 'practice', bankIds: ['b1'] });
    expect(body.blueprint).toEqual({
      id: 'week-3-e-m-quiz',
      name: 'Week 3: E/M quiz',
      style: 'custom',
      passPercent: 70,
      clock: { mode: 'shared', limitMinutes: null },
      warningMinutes: [],
      sections: [
        {
          id: section.id,
          title: 'E/M',
          minutes: 30,
          mayReturn: true,
          shuffleItems: true,
          shuffleOptions: false,
          pretestCount: 2,
          rules: [{ tag: 'modifiers', count: 5, types: ['fill-in'] }],
        },
      ],
    });
  });

  it('names server paths the way people read them', () => {
    expect(labelOf('blueprint.sections.0.rules.1.count')).toBe('Section 1, rule 2: items');
    expect(labelOf('overrides.domainCounts.anatomy')).toBe('Items from anatomy');
    expect(labelOf('blueprint.sections.2.id')).toBe('Section 3: title');
    expect(
      blueprintOf('', {
        clockMode: 'shared',
        limitMinutes: '60',
        passPercent: '',
        warningMinutes: '10, 5',
        sections: [],
      }),
    ).toMatchObject({ id: 'custom-exam', name: 'Custom exam', passPercent: 70, warningMinutes: [10, 5] });
  });
});

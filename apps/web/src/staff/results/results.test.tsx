import type { AssignmentResults, ItemAnalysisBody, StudentResult } from '@coderprep/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { fakeClient, ORG, renderStaff } from '../admin/testing';
import { dubiousReasons, editItemPath } from './ItemAnalysis';
import { ResultsPage } from './ResultsPage';
import { sortStudents } from './store';

const A = `/api/orgs/${ORG}/assignments/a1`;

function student(name: string, over: Partial<StudentResult> = {}): StudentResult {
  return {
    userId: name.toLowerCase(),
    name,
    email: `${name.toLowerCase()}@demo.test`,
    inCohort: true,
    status: 'submitted',
    attemptsUsed: 1,
    attemptsAllowed: 2,
    bestPercent: null,
    latestPercent: null,
    passed: null,
    byDomain: [],
    timeUsedMs: null,
    submittedAt: null,
    latestAttemptId: null,
    ...over,
  };
}

const students = [
  student('Bea', {
    bestPercent: 82,
    latestPercent: 82,
    passed: true,
    byDomain: [{ domain: 'anatomy', percent: 50, earned: 2, possible: 4 }],
    timeUsedMs: 90 * 60_000,
    submittedAt: 2,
  }),
  student('Al', {
    bestPercent: 64.5,
    latestPercent: 60,
    passed: false,
    byDomain: [{ domain: 'anatomy', percent: 100, earned: 4, possible: 4 }],
    timeUsedMs: 120 * 60_000,
    submittedAt: 1,
  }),
  student('Cy', { status: 'not-started', attemptsUsed: 0 }),
  student('Di', {
    bestPercent: 91,
    latestPercent: 91,
    passed: true,
    byDomain: [{ domain: 'anatomy', percent: 75, earned: 3, possible: 4 }],
    timeUsedMs: 60 * 60_000,
    submittedAt: 3,
  }),
];

const results: AssignmentResults = {
  assignment: {
    id: 'a1',
    examId: 'e1',
    examName: 'CPC mock',
    cohortId: 'c1',
    cohortName: 'Spring CPC',
    opensAt: 0,
    closesAt: 1,
    attemptLimit: 2,
    passPercent: 70,
  },
  domains: ['anatomy'],
  summary: {
    students: 4,
    notStarted: 1,
    inProgress: 0,
    submitted: 3,
    mean: 79.17,
    median: 82,
    passRate: 66.67,
  },
  students: { items: students, total: 4, limit: 200, offset: 0 },
};

const row = (over: Partial<ItemAnalysisBody['items'][number]>): ItemAnalysisBody['items'][number] => ({
  itemId: 'i1',
  externalId: 'CPC-001',
  type: 'multiple-choice',
  stemExcerpt: 'A patient presents with…',
  domain: 'anatomy',
  versions: [1],
  pretest: false,
  maxMark: 1,
  attempts: 3,
  facility: 0.67,
  sd: 0.47,
  discrimination: 45,
  discriminativeEfficiency: 60,
  dubious: false,
  distractors: [],
  ...over,
});

const analysis: ItemAnalysisBody = {
  scope: { kind: 'assignment', id: 'a1', examName: 'CPC mock' },
  test: {
    attempts: 3,
    items: 2,
    allItemsCommon: true,
    mean: 1.33,
    sd: 0.47,
    cic: 71.4,
    errorRatio: 53.5,
    standardError: 0.25,
  },
  items: [
    row({}),
    row({
      itemId: 'i2',
      externalId: 'CPC-002',
      facility: 0.33,
      discrimination: -20,
      discriminativeEfficiency: -25,
      dubious: true,
      distractors: [
        { option: 'a', text: 'Code 10060', correct: true, total: 1, upper: 0, lower: 1 },
        { option: 'b', text: 'Code 10061', correct: false, total: 2, upper: 1, lower: 0 },
        { option: null, text: null, correct: false, total: 0, upper: 0, lower: 0 },
      ],
    }),
  ],
};

const exam = { id: 'e1', bankIds: ['b1'] };

const renderResults = (routes: Record<string, unknown>) => {
  const fake = fakeClient({
    [`GET ${A}/results`]: results,
    [`GET /api/orgs/${ORG}/exams/e1`]: exam,
    ...routes,
  });
  renderStaff(<ResultsPage />, {
    client: fake.client,
    path: '/staff/assignments/a1/results',
    route: '/staff/assignments/:assignmentId/results',
  });
  return fake;
};

const names = () =>
  within(screen.getByRole('table', { name: /Results per student/ }))
    .getAllByRole('rowheader')
    .map((cell) => cell.firstChild?.textContent);

describe('results page', { timeout: 20_000 }, () => {
  it('sorts the table by any column, missing values last, and says how', async () => {
    renderResults({ [`GET ${A}/item-analysis`]: analysis });
    await screen.findByRole('table', { name: /Results per student/ });
    expect(names()).toEqual(['Al', 'Bea', 'Cy', 'Di']);

    await userEvent.click(screen.getByRole('button', { name: 'Best score' }));
    expect(names()).toEqual(['Di', 'Bea', 'Al', 'Cy']);
    expect(screen.getByRole('columnheader', { name: 'Best score' }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    expect(screen.getByRole('columnheader', { name: 'Student' }).getAttribute('aria-sort')).toBe('none');

    await userEvent.click(screen.getByRole('button', { name: 'Best score' }));
    expect(names()).toEqual(['Al', 'Bea', 'Di', 'Cy']);
    expect(screen.getByRole('columnheader', { name: 'Best score' }).getAttribute('aria-sort')).toBe(
      'ascending',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Anatomy' }));
    expect(names()).toEqual(['Al', 'Di', 'Bea', 'Cy']);

    await userEvent.click(screen.getByRole('button', { name: 'Time used' }));
    expect(names()).toEqual(['Al', 'Bea', 'Di', 'Cy']);
  });

  it('shows the summary and links the CSV in the table’s order', async () => {
    renderResults({ [`GET ${A}/item-analysis`]: analysis });
    const summary = await screen.findByRole('region', { name: 'Summary' });
    expect(screen.getByText(/· 2 attempts allowed ·/)).toBeTruthy();
    expect(within(summary).getByText('Mean (best score)').nextSibling?.textContent).toBe('79.2%');
    expect(within(summary).getByText('Median').nextSibling?.textContent).toBe('82%');
    expect(within(summary).getByText('Pass rate').nextSibling?.textContent).toBe('66.7%');
    const csv = screen.getByRole('link', { name: 'Download CSV' });
    expect(csv.getAttribute('href')).toBe(`${A}/results.csv?sort=name&order=asc`);
    await userEvent.click(screen.getByRole('button', { name: 'Best score' }));
    expect(csv.getAttribute('href')).toBe(`${A}/results.csv?sort=score&order=desc`);
    const bea = screen.getByRole('rowheader', { name: /Bea/ }).closest('tr') as HTMLElement;
    expect(within(bea).getByText('Passed')).toBeTruthy();
    expect(within(bea).getByText('1 h 30 min')).toBeTruthy();
  });

  it('highlights dubious items with the reason, their distractors and a link to edit them', async () => {
    renderResults({ [`GET ${A}/item-analysis`]: analysis });
    const region = await screen.findByRole('region', { name: 'Item analysis' });
    const dubious = (await within(region).findByRole('rowheader', { name: 'CPC-002' })).closest(
      'tr',
    ) as HTMLElement;
    expect(dubious.className).toContain('dubious');
    expect(within(dubious).getByText('Dubious')).toBeTruthy();
    expect(
      within(dubious).getByText(/Negative discrimination \(-20\.0%\).*Check the key first/),
    ).toBeTruthy();
    expect(within(dubious).getByText(/Discriminative efficiency is -25\.0%, below 15%/)).toBeTruthy();
    expect(within(dubious).getByRole('link', { name: 'Edit item CPC-002' }).getAttribute('href')).toBe(
      '/staff/banks/b1/items/i2',
    );
    const distractors = within(dubious).getByRole('table');
    const b = within(distractors).getByRole('rowheader', { name: 'b' }).closest('tr') as HTMLElement;
    expect(
      within(b)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Code 10061', '2', '1', '0']);
    expect(within(distractors).getByRole('rowheader', { name: 'a Key' })).toBeTruthy();
    expect(within(distractors).getByRole('rowheader', { name: 'No answer' })).toBeTruthy();

    const fine = within(region).getByRole('rowheader', { name: 'CPC-001' }).closest('tr') as HTMLElement;
    expect(fine.className).not.toContain('dubious');
    expect(within(fine).queryByText('Dubious')).toBeNull();
    expect(within(fine).getByText('OK')).toBeTruthy();
    expect(within(region).getByText('CIC').closest('div')?.textContent).toContain('71.4%');

    await userEvent.click(
      within(region).getByRole('checkbox', { name: /Show only dubious items \(1 of 2\)/ }),
    );
    expect(within(region).queryByRole('rowheader', { name: 'CPC-001' })).toBeNull();
    expect(within(region).getByRole('rowheader', { name: 'CPC-002' })).toBeTruthy();
  });

  it('explains kindly when there are not enough attempts for item analysis', async () => {
    renderResults({
      [`GET ${A}/item-analysis`]: () => {
        throw new ApiError(
          409,
          'not-enough-attempts',
          'Item analysis needs at least 2 submitted attempts; there is 1.',
          {
            attempts: 1,
            needed: 2,
          },
        );
      },
    });
    const region = await screen.findByRole('region', { name: 'Item analysis' });
    expect(await within(region).findByText('Not enough attempts yet.')).toBeTruthy();
    expect(within(region).getByText(/at least two students have submitted/)).toBeTruthy();
    expect(within(region).queryByRole('alert')).toBeNull();
  });

  it('tells a student the results are not available', () => {
    const { client, calls } = fakeClient({});
    renderStaff(<ResultsPage />, { client, role: 'student' });
    expect(screen.getByRole('heading', { name: 'Not available' })).toBeTruthy();
    expect(calls).toHaveLength(0);
  });
});

describe('results helpers', { timeout: 20_000 }, () => {
  it('keeps students without a value last in both orders', () => {
    const asc = sortStudents(students, { by: 'latest', order: 'asc' }).map((s) => s.name);
    const desc = sortStudents(students, { by: 'latest', order: 'desc' }).map((s) => s.name);
    expect(asc).toEqual(['Al', 'Bea', 'Di', 'Cy']);
    expect(desc).toEqual(['Di', 'Bea', 'Al', 'Cy']);
  });

  it('links items through the exam when it draws from several banks', () => {
    expect(editItemPath('i9', 'e1', ['b1', 'b2'])).toBe('/staff/exams/e1/items/i9');
    expect(editItemPath('i9', 'e1', null)).toBe('/staff/exams/e1/items/i9');
    expect(
      dubiousReasons({ ...analysis.items[0], dubious: false } as ItemAnalysisBody['items'][number]),
    ).toEqual([]);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { assignment, attempt, cohort, fakeApi, me, page, renderPage } from '../results/test-support';
import { DashboardStoreProvider } from './context';
import { DashboardPage } from './DashboardPage';
import { createDashboardStore } from './store';

const weak = {
  domains: [
    { domain: 'surgery-20000', earned: 2, possible: 6, percent: 33.33, items: 6, attempts: 2 },
    { domain: 'icd-10-cm', earned: 4, possible: 6, percent: 66.67, items: 6, attempts: 2 },
  ],
};

function setup(routes: Record<string, (arg: unknown) => unknown> = {}, person = me()) {
  const api = fakeApi({
    'GET /api/me/assignments': () =>
      page([
        assignment(),
        assignment({
          assignmentId: 'as2',
          examName: 'CCS mock exam',
          timeLimitMinutes: 360,
          timeFactor: 1.5,
          attemptsUsed: 1,
          attemptsLeft: 0,
          openAttemptId: 'at-open',
        }),
        assignment({ assignmentId: 'as3', examName: 'CMC mock exam', state: 'upcoming', attemptsUsed: 0 }),
      ]),
    'GET /api/me/attempts': () =>
      page([
        attempt({
          id: 'at-open',
          examName: 'CCS mock exam',
          status: 'in-progress',
          scorePercent: null,
          passed: null,
          submittedAt: null,
        }),
        attempt({ id: 'at2', scorePercent: 74, passed: true, submittedAt: Date.UTC(2026, 3, 20) }),
        attempt({ id: 'at1', scorePercent: 64, passed: false, submittedAt: Date.UTC(2026, 3, 10) }),
      ]),
    'GET /api/me/cohorts': () => page([cohort()]),
    'GET /api/me/weak-domains': () => weak,
    ...routes,
  });
  const store = createDashboardStore(api.client);
  const view = renderPage(
    '/dashboard',
    <DashboardStoreProvider store={store}>
      <DashboardPage />
    </DashboardStoreProvider>,
    '/dashboard',
    { me: person },
  );
  return { ...view, calls: api.calls, store };
}

describe('dashboard page', () => {
  it('lists assigned exams with their time limit and attempts left', async () => {
    setup();
    const cpc = await screen.findByRole('listitem', { name: 'CPC mock exam' });
    expect(within(cpc).getByText('2 of 3')).toBeTruthy();
    expect(within(cpc).getByText('4 h')).toBeTruthy();
    expect(within(cpc).getByText('Open')).toBeTruthy();
    const ccs = screen.getByRole('listitem', { name: 'CCS mock exam' });
    expect(within(ccs).getByText('0 of 3')).toBeTruthy();
    expect(within(ccs).getByText(/1\.5× extra time; standard 4 h/)).toBeTruthy();
    const cmc = screen.getByRole('listitem', { name: 'CMC mock exam' });
    expect(within(cmc).getByText('Not open yet.')).toBeTruthy();
    expect(within(cmc).queryByRole('button')).toBeNull();
    // Windows are written with their time zone.
    expect(within(cpc).getAllByRole('time')).toHaveLength(2);
  });

  it('starts an attempt and goes to the exam screen', async () => {
    const { calls } = setup({ 'POST /api/assignments/as1/attempts': () => ({ id: 'at-new' }) });
    await userEvent.click(await screen.findByRole('button', { name: 'Start CPC mock exam' }));
    expect((await screen.findByTestId('probe')).textContent).toContain('exam at-new');
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/assignments/as1/attempts')).toBe(true);
  });

  it('resumes the open attempt without starting another', async () => {
    const { calls } = setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Resume CCS mock exam' }));
    expect((await screen.findByTestId('probe')).textContent).toContain('exam at-open');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('shows why a start was refused on the assignment', async () => {
    setup({
      'POST /api/assignments/as1/attempts': () => {
        throw new ApiError(409, 'no-attempts-left', 'You have used all 3 attempts at this assignment.');
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Start CPC mock exam' }));
    const cpc = screen.getByRole('listitem', { name: 'CPC mock exam' });
    expect((await within(cpc).findByRole('alert')).textContent).toBe(
      'You have used all 3 attempts at this assignment.',
    );
  });

  it('lists past attempts with score, result and links', async () => {
    setup();
    const table = await screen.findByRole('table', { name: 'Past attempts' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(
      within(rows[1] as HTMLElement)
        .getByRole('link', { name: /^Resume CCS mock exam/ })
        .getAttribute('href'),
    ).toBe('/attempts/at-open');
    const passed = rows[2] as HTMLElement;
    expect(within(passed).getByText('74%')).toBeTruthy();
    expect(within(passed).getByText('Passed')).toBeTruthy();
    expect(
      within(passed)
        .getByRole('link', { name: /^Result of CPC mock exam/ })
        .getAttribute('href'),
    ).toBe('/attempts/at2/result');
    expect(
      within(passed)
        .getByRole('link', { name: /^Review of CPC mock exam/ })
        .getAttribute('href'),
    ).toBe('/attempts/at2/review');
  });

  it('charts submitted scores against the pass line, with a table of the same figures', async () => {
    setup();
    const chart = await screen.findByRole('img', { name: /Scores over time/ });
    expect(chart.querySelectorAll('circle')).toHaveLength(2);
    expect(chart.textContent).toContain('Pass 70%');
    expect(chart.textContent).toContain('Latest 74%, best 74%; 1 at or above the 70% pass mark.');
    const table = screen.getByRole('table', { name: 'Scores over time' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
  });

  it('drills a weak domain in one click and goes to the drill', async () => {
    const { calls } = setup({ 'POST /api/me/drills': () => ({ id: 'drill-1' }) });
    await userEvent.click(await screen.findByRole('button', { name: 'Drill this domain: Surgery 20000' }));
    expect((await screen.findByTestId('probe')).textContent).toContain('exam drill-1');
    expect(calls.at(-1)?.arg).toMatchObject({ organisationId: 'o1', domains: ['surgery-20000'] });
  });

  it('drills the missed questions', async () => {
    const { calls } = setup({ 'POST /api/me/drills': () => ({ id: 'drill-2' }) });
    await userEvent.click(await screen.findByRole('button', { name: 'Drill my missed questions' }));
    expect((await screen.findByTestId('probe')).textContent).toContain('exam drill-2');
    expect(calls.at(-1)?.arg).toMatchObject({ organisationId: 'o1', missedOnly: true });
  });

  it('helps a student without a cohort to join one', async () => {
    setup({
      'GET /api/me/assignments': () => page([]),
      'GET /api/me/attempts': () => page([]),
      'GET /api/me/cohorts': () => page([]),
      'GET /api/me/weak-domains': () => ({ domains: [] }),
    });
    expect(await screen.findByText(/Join a cohort with the code your instructor gave you/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Join a cohort' }).getAttribute('href')).toBe('/join');
    expect(screen.getByText('Your scores will show here once you submit an attempt.')).toBeTruthy();
  });

  it('gives staff an overview with links to their work instead', async () => {
    setup(
      {
        'GET /api/me/assignments': () => page([]),
        'GET /api/me/attempts': () => page([]),
        'GET /api/me/cohorts': () => page([]),
        'GET /api/me/weak-domains': () => ({ domains: [] }),
      },
      me('instructor'),
    );
    expect(await screen.findByRole('heading', { name: 'Teaching in Demo College' })).toBeTruthy();
    for (const [name, href] of [
      ['Banks', '/staff/banks'],
      ['Exams', '/staff/exams'],
      ['Cohorts', '/staff/cohorts'],
    ] as const)
      expect(screen.getByRole('link', { name }).getAttribute('href')).toBe(href);
    await waitFor(() => expect(screen.queryByText(/Loading/)).toBeNull());
    expect(screen.queryByRole('heading', { name: /assignments/i })).toBeNull();
  });

  it('shows staff their own student assignments when they have some', async () => {
    setup({}, me('admin'));
    expect(await screen.findByRole('heading', { name: 'Your assignments as a student' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Members' }).getAttribute('href')).toBe('/admin/members');
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { fakeClient, ORG, page, renderStaff } from '../admin/testing';
import { CohortPage } from './CohortPage';
import { localInputToUtcMs, utcMsToLocalInput } from './time';

const C = `/api/orgs/${ORG}/cohorts/c1`;
const cohort = {
  id: 'c1',
  name: 'Spring CPC',
  joinCode: 'DEMO2027',
  createdAt: 0,
  studentCount: 1,
  instructorCount: 1,
};
const sam = {
  userId: 'u3',
  email: 'sam@demo.test',
  name: 'Sam Student',
  role: 'student',
  timeFactor: 1,
  extraAttempts: 0,
  joinedAt: 0,
} as const;
const ivan = {
  ...sam,
  userId: 'u2',
  email: 'ivan@demo.test',
  name: 'Ivan Instructor',
  role: 'instructor',
} as const;
const exam = {
  id: 'e1',
  name: 'CPC mock',
  mode: 'exam',
  presetId: 'cpc',
  bankIds: ['b1'],
  itemCount: 100,
  limitMinutes: 240,
  passPercent: 70,
  archivedAt: null,
  assignmentCount: 0,
};

function routes(extra: Record<string, unknown> = {}) {
  return {
    [`GET ${C}`]: cohort,
    [`GET ${C}/members`]: page([ivan, sam]),
    [`GET ${C}/assignments`]: page([]),
    [`GET /api/orgs/${ORG}/exams`]: page([exam]),
    ...extra,
  };
}

const renderCohort = (client: ReturnType<typeof fakeClient>['client']) =>
  renderStaff(<CohortPage />, { client, path: '/staff/cohorts/c1', route: '/staff/cohorts/:cohortId' });

const samRow = async () =>
  (await screen.findByRole('rowheader', { name: 'Sam Student' })).closest('tr') as HTMLElement;

describe('cohort page: accommodations', { timeout: 20_000 }, () => {
  it('saves a 1.5x time factor and an extra attempt for one student', async () => {
    const { client, calls } = fakeClient(
      routes({ [`PATCH ${C}/members/u3`]: (body: unknown) => ({ ...sam, ...(body as object) }) }),
    );
    renderCohort(client);
    const row = await samRow();
    const save = within(row).getByRole('button', { name: 'Save accommodations for Sam Student' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await userEvent.selectOptions(
      within(row).getByRole('combobox', { name: 'Time factor for Sam Student' }),
      '1.5',
    );
    const extra = within(row).getByRole('spinbutton', { name: 'Extra attempts for Sam Student' });
    await userEvent.clear(extra);
    await userEvent.type(extra, '1');
    await userEvent.click(save);
    expect(calls.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `${C}/members/u3`,
      body: { timeFactor: 1.5, extraAttempts: 1 },
    });
    expect(
      await screen.findByText('Accommodations saved for Sam Student: 1.5× time, 1 extra attempt.'),
    ).toBeTruthy();
    const after = await samRow();
    expect(
      (within(after).getByRole('combobox', { name: 'Time factor for Sam Student' }) as HTMLSelectElement)
        .value,
    ).toBe('1.5');
    // Instructors have no accommodations to set.
    const ivanRow = screen.getByRole('rowheader', { name: 'Ivan Instructor' }).closest('tr') as HTMLElement;
    expect(within(ivanRow).queryByRole('combobox')).toBeNull();
  });

  it('sends a custom time factor, and shows the server’s message on that field', async () => {
    const { client, calls } = fakeClient(
      routes({
        [`PATCH ${C}/members/u3`]: () => {
          throw new ApiError(400, 'invalid-body', 'The request is not valid.', [
            { path: 'body.timeFactor', message: 'must be at most 4' },
          ]);
        },
      }),
    );
    renderCohort(client);
    const row = await samRow();
    await userEvent.selectOptions(
      within(row).getByRole('combobox', { name: 'Time factor for Sam Student' }),
      'custom',
    );
    const custom = within(row).getByRole('spinbutton', { name: 'Custom time factor for Sam Student' });
    await userEvent.clear(custom);
    await userEvent.type(custom, '5');
    await userEvent.click(within(row).getByRole('button', { name: 'Save accommodations for Sam Student' }));
    expect(calls.at(-1)?.body).toEqual({ timeFactor: 5 });
    await waitFor(() => expect(custom.getAttribute('aria-invalid')).toBe('true'));
    expect(within(row).getByText('must be at most 4')).toBeTruthy();
  });
});

describe('cohort page: join code', { timeout: 20_000 }, () => {
  it('rotates the join code only after a confirmation that says the old one stops working', async () => {
    const { client, calls } = fakeClient(
      routes({ [`POST ${C}/join-code`]: { ...cohort, joinCode: 'NEWC0DE9' } }),
    );
    renderCohort(client);
    expect((await screen.findByTestId('join-code')).textContent).toBe('DEMO2027');

    await userEvent.click(screen.getByRole('button', { name: 'Rotate join code' }));
    expect(screen.getByText(/The old code DEMO2027 stops working/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.path.endsWith('/join-code'))).toBe(false);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rotate join code' }));

    await userEvent.click(screen.getByRole('button', { name: 'Rotate join code' }));
    const confirm = screen.getByRole('button', { name: 'Rotate code' });
    expect(document.activeElement).toBe(confirm);
    await userEvent.click(confirm);
    await waitFor(() => expect(screen.getByTestId('join-code').textContent).toBe('NEWC0DE9'));
    expect(calls.filter((c) => c.method === 'POST' && c.path === `${C}/join-code`)).toHaveLength(1);
    expect(screen.getByText('New join code NEWC0DE9. The old code DEMO2027 no longer works.')).toBeTruthy();
  });
});

describe('cohort page: roster and assignments', { timeout: 20_000 }, () => {
  it('adds a student by email', async () => {
    const kim = { ...sam, userId: 'u9', email: 'kim@demo.test', name: 'Kim New' };
    const { client, calls } = fakeClient(routes({ [`POST ${C}/members`]: kim }));
    renderCohort(client);
    await samRow();
    await userEvent.type(screen.getByRole('textbox', { name: 'Email' }), 'kim@demo.test');
    await userEvent.click(screen.getByRole('button', { name: 'Add to cohort' }));
    expect(calls.at(-1)?.body).toEqual({ email: 'kim@demo.test', role: 'student' });
    expect(await screen.findByRole('rowheader', { name: 'Kim New' })).toBeTruthy();
  });

  it('assigns an exam with a window typed in local time and sent as UTC milliseconds', async () => {
    const opensAt = localInputToUtcMs('2027-03-01T09:00') as number;
    const closesAt = localInputToUtcMs('2027-03-08T17:30') as number;
    const created = {
      id: 'a1',
      cohortId: 'c1',
      examId: 'e1',
      examName: 'CPC mock',
      examMode: 'exam',
      opensAt,
      closesAt,
      attemptLimit: 2,
      reviewPolicy: 'after-close',
      createdBy: 'u-me',
      createdAt: 0,
      attemptCount: 0,
    };
    const { client, calls } = fakeClient(routes({ [`POST ${C}/assignments`]: created }));
    renderCohort(client);
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Exam' }), 'e1');
    fireEvent.change(screen.getByLabelText('Opens'), { target: { value: '2027-03-01T09:00' } });
    fireEvent.change(screen.getByLabelText('Closes'), { target: { value: '2027-03-08T17:30' } });
    const limit = screen.getByRole('spinbutton', { name: 'Attempts allowed' });
    await userEvent.clear(limit);
    await userEvent.type(limit, '2');
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Students see keys and rationales' }),
      'after-close',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Assign exam' }));
    expect(calls.at(-1)).toMatchObject({
      method: 'POST',
      path: `${C}/assignments`,
      body: { examId: 'e1', opensAt, closesAt, attemptLimit: 2, reviewPolicy: 'after-close' },
    });
    expect(new Date(opensAt).getHours()).toBe(9);
    const link = await screen.findByRole('link', { name: 'Results of CPC mock' });
    expect(link.getAttribute('href')).toBe('/staff/assignments/a1/results');
  });

  it('refuses a window that closes before it opens without asking the server', async () => {
    const { client, calls } = fakeClient(routes());
    renderCohort(client);
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Exam' }), 'e1');
    fireEvent.change(screen.getByLabelText('Opens'), { target: { value: '2027-03-08T09:00' } });
    fireEvent.change(screen.getByLabelText('Closes'), { target: { value: '2027-03-01T09:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Assign exam' }));
    expect(screen.getByText('must be after the opening time')).toBeTruthy();
    expect(screen.getByLabelText('Closes').getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});

describe('window times', { timeout: 20_000 }, () => {
  it('round-trips a local date-time through UTC milliseconds', () => {
    const ms = localInputToUtcMs('2027-11-07T01:30');
    expect(ms).not.toBeNull();
    expect(utcMsToLocalInput(ms as number)).toBe('2027-11-07T01:30');
    expect(localInputToUtcMs('')).toBeNull();
  });
});

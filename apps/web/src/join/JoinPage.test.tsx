import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { fakeApi, me, renderPage } from '../results/test-support';
import { JoinStoreProvider } from './context';
import { JoinPage } from './JoinPage';
import { createJoinStore, normaliseCode } from './store';

const joined = {
  cohortId: 'c2',
  cohortName: 'Fall CCS cohort',
  organisationId: 'o2',
  organisationName: 'Second College',
  role: 'student',
  joined: true,
};

function setup(join: (body: unknown) => unknown, initial = '/join') {
  const api = fakeApi({ 'POST /api/cohorts/join': join });
  const person = me();
  const afterJoin = {
    ...person,
    memberships: [
      ...person.memberships,
      { organisationId: 'o2', organisationName: 'Second College', role: 'student' as const },
    ],
  };
  const authApi = fakeApi({ 'GET /api/auth/me': () => afterJoin });
  const view = renderPage(
    '/join',
    <JoinStoreProvider store={createJoinStore(api.client)}>
      <JoinPage />
    </JoinStoreProvider>,
    initial,
    { authClient: authApi.client },
  );
  return { ...view, calls: api.calls, authCalls: authApi.calls };
}

describe('join page', () => {
  it('joins with the code, refreshes the programs and shows the dashboard with a notice', async () => {
    const { calls, authCalls, auth } = setup(() => joined);
    await userEvent.type(screen.getByLabelText('Join code'), ' demo-2027 ');
    await userEvent.click(screen.getByRole('button', { name: 'Join cohort' }));
    const probe = await screen.findByTestId('probe');
    expect(probe.textContent).toContain('dashboard');
    expect(probe.textContent).toContain('"cohortName":"Fall CCS cohort"');
    expect(calls[0]?.arg).toEqual({ code: 'DEMO2027' });
    expect(authCalls).toHaveLength(1);
    expect(auth.getState().organisationId).toBe('o2');
  });

  it('marks the field when the code is wrong', async () => {
    setup(() => {
      throw new ApiError(404, 'invalid-join-code', 'No cohort has this join code.');
    });
    const input = screen.getByLabelText('Join code');
    await userEvent.type(input, 'WRONG123');
    await userEvent.click(screen.getByRole('button', { name: 'Join cohort' }));
    expect((await screen.findByRole('alert')).textContent).toBe('No cohort has this join code.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('join-code-error');
    expect(document.activeElement).toBe(input);
  });

  it('says when too many wrong codes were tried', async () => {
    setup(() => {
      throw new ApiError(429, 'too-many-attempts', 'Too many wrong join codes. Try again in 15 minute(s).');
    });
    const input = screen.getByLabelText('Join code');
    await userEvent.type(input, 'WRONG123');
    await userEvent.click(screen.getByRole('button', { name: 'Join cohort' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many wrong join codes. Try again in 15 minute(s).',
    );
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  it('asks for a code before calling the server', async () => {
    const { calls } = setup(() => joined);
    await userEvent.click(screen.getByRole('button', { name: 'Join cohort' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter the join code.');
    expect(calls).toHaveLength(0);
  });

  it('takes the code from the link an instructor shared', () => {
    setup(() => joined, '/join?code=DEMO2027');
    expect((screen.getByLabelText('Join code') as HTMLInputElement).value).toBe('DEMO2027');
  });
});

describe('join codes', () => {
  it('are read without spaces or dashes, in capitals', () => {
    expect(normaliseCode(' abcd-efgh ')).toBe('ABCDEFGH');
  });
});

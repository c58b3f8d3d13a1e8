import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { MembersPage } from './MembersPage';
import { NewProgramPage } from './NewProgramPage';
import { createMembersStore } from './store';
import { fakeClient, ORG, page, renderStaff } from './testing';

const dana = {
  userId: 'u1',
  email: 'admin@demo.test',
  name: 'Dana Admin',
  role: 'admin',
  joinedAt: 0,
} as const;
const ivan = {
  userId: 'u2',
  email: 'ivan@demo.test',
  name: 'Ivan Instructor',
  role: 'instructor',
  joinedAt: 0,
} as const;
const sam = {
  userId: 'u3',
  email: 'sam@demo.test',
  name: 'Sam Student',
  role: 'student',
  joinedAt: 0,
} as const;

describe('members page', { timeout: 20_000 }, () => {
  it('changes a member’s role on the server and shows the new one', async () => {
    const { client, calls } = fakeClient({
      [`GET /api/orgs/${ORG}/members`]: page([dana, ivan, sam]),
      [`PATCH /api/orgs/${ORG}/members/u3`]: (body: unknown) => ({ ...sam, ...(body as object) }),
    });
    renderStaff(<MembersPage />, { client, role: 'admin' });
    const select = await screen.findByRole('combobox', { name: 'Role of Sam Student' });
    await userEvent.selectOptions(select, 'instructor');
    expect(calls.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `/api/orgs/${ORG}/members/u3`,
      body: { role: 'instructor' },
    });
    expect(await screen.findByText('Sam Student is now an instructor.', { exact: false })).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Role of Sam Student' }) as HTMLSelectElement).value).toBe(
      'instructor',
    );
  });

  it('shows the last-admin rule and keeps the role as it was', async () => {
    const { client } = fakeClient({
      [`GET /api/orgs/${ORG}/members`]: page([dana, ivan]),
      [`PATCH /api/orgs/${ORG}/members/u1`]: () => {
        throw new ApiError(
          409,
          'last-admin',
          'This is the last admin of the organisation: make someone else an admin first, so it keeps one.',
        );
      },
    });
    renderStaff(<MembersPage />, { client, role: 'admin' });
    await userEvent.selectOptions(
      await screen.findByRole('combobox', { name: 'Role of Dana Admin' }),
      'student',
    );
    expect((await screen.findByRole('alert')).textContent).toMatch(/last admin/);
    expect((screen.getByRole('combobox', { name: 'Role of Dana Admin' }) as HTMLSelectElement).value).toBe(
      'admin',
    );
  });

  it('adds an existing account by email and removes a member after confirming', async () => {
    const { client, calls } = fakeClient({
      [`GET /api/orgs/${ORG}/members`]: page([dana]),
      [`POST /api/orgs/${ORG}/members`]: { ...ivan },
      [`DELETE /api/orgs/${ORG}/members/u2`]: undefined,
    });
    renderStaff(<MembersPage />, { client, role: 'admin' });
    await screen.findByRole('combobox', { name: 'Role of Dana Admin' });
    await userEvent.type(screen.getByRole('textbox', { name: 'Email' }), 'ivan@demo.test');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Role' }), 'instructor');
    await userEvent.click(screen.getByRole('button', { name: 'Add member' }));
    expect(calls.at(-1)?.body).toEqual({ email: 'ivan@demo.test', role: 'instructor' });
    const row = (await screen.findByRole('rowheader', { name: /Ivan Instructor/ })).closest(
      'tr',
    ) as HTMLElement;
    await userEvent.click(within(row).getByRole('button', { name: 'Remove Ivan Instructor' }));
    await userEvent.click(within(row).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: /Ivan Instructor/ })).toBeNull());
    expect(calls.at(-1)).toMatchObject({ method: 'DELETE', path: `/api/orgs/${ORG}/members/u2` });
  });

  it('tells an instructor the page is not available, and where to create a program', async () => {
    const { client } = fakeClient({});
    renderStaff(<MembersPage />, { client, role: 'instructor' });
    expect(screen.getByRole('heading', { name: 'Not available' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'create a training program' }).getAttribute('href')).toBe(
      '/programs/new',
    );
  });
});

describe('members store', { timeout: 20_000 }, () => {
  it('keeps the add form’s field messages from the server', async () => {
    const { client } = fakeClient({
      [`POST /api/orgs/${ORG}/members`]: () => {
        throw new ApiError(400, 'invalid-body', 'The request is not valid.', [
          { path: 'body.email', message: 'enter a valid email' },
        ]);
      },
    });
    const store = createMembersStore({ client, orgId: ORG });
    expect(await store.getState().add('nope', 'student')).toBe(false);
    expect(store.getState().addErrors).toEqual({ email: 'enter a valid email' });
  });
});

describe('new program page', { timeout: 20_000 }, () => {
  it('creates a program, works in it and goes to its members', async () => {
    const { client, calls } = fakeClient({
      'POST /api/orgs': { id: 'o2', name: 'Night class', createdAt: 0, role: 'admin', memberCount: 1 },
      'GET /api/auth/me': {
        user: { id: 'u-me', email: 'me@demo.test', name: 'Me Myself', createdAt: 0 },
        memberships: [
          { organisationId: ORG, organisationName: 'Demo Program', role: 'student' },
          { organisationId: 'o2', organisationName: 'Night class', role: 'admin' },
        ],
      },
    });
    const { auth } = renderStaff(<NewProgramPage />, { client, role: 'student' });
    await userEvent.type(screen.getByRole('textbox', { name: 'Program name' }), 'Night class');
    await userEvent.click(screen.getByRole('button', { name: 'Create program' }));
    expect(await screen.findByText('Elsewhere')).toBeTruthy();
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/api/orgs', body: { name: 'Night class' } });
    expect(auth.getState().organisationId).toBe('o2');
  });
});

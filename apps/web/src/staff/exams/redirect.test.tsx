import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { fakeClient, ORG, renderStaff } from '../admin/testing';
import { ExamItemRedirect } from './ExamItemRedirect';

const notFound = () => {
  throw new ApiError(404, 'not-found', 'The item was not found.');
};

describe('opening an item of an exam', { timeout: 20_000 }, () => {
  it('finds the bank that holds the item and opens its editor there', async () => {
    const { client, calls } = fakeClient({
      [`GET /api/orgs/${ORG}/exams/e1`]: { id: 'e1', bankIds: ['b1', 'b2'] },
      [`GET /api/orgs/${ORG}/banks/b1/items/i7`]: notFound,
      [`GET /api/orgs/${ORG}/banks/b2/items/i7`]: { id: 'i7', bankId: 'b2' },
    });
    renderStaff(<ExamItemRedirect />, {
      client,
      path: '/staff/exams/e1/items/i7',
      route: '/staff/exams/:examId/items/:itemId',
    });
    expect(await screen.findByText('Elsewhere')).toBeTruthy();
    expect(calls.map((c) => c.path)).toEqual([
      `/api/orgs/${ORG}/exams/e1`,
      `/api/orgs/${ORG}/banks/b1/items/i7`,
      `/api/orgs/${ORG}/banks/b2/items/i7`,
    ]);
  });

  it('says so when no bank of the exam holds the item', async () => {
    const { client } = fakeClient({
      [`GET /api/orgs/${ORG}/exams/e1`]: { id: 'e1', bankIds: ['b1'] },
      [`GET /api/orgs/${ORG}/banks/b1/items/i7`]: notFound,
    });
    renderStaff(<ExamItemRedirect />, {
      client,
      path: '/staff/exams/e1/items/i7',
      route: '/staff/exams/:examId/items/:itemId',
    });
    expect(await screen.findByText(/holds the item any more/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/holds the item any more/);
    expect(screen.getByRole('link', { name: 'Go to the banks' })).toBeTruthy();
  });
});

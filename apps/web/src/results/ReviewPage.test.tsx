import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { ReviewStoreProvider } from './context';
import { ReviewPage } from './ReviewPage';
import { createReviewStore } from './store';
import { fakeApi, renderPage, review } from './test-support';

function setup(answer: () => unknown) {
  const api = fakeApi({ 'GET /api/attempts/at1/review': answer });
  return renderPage(
    '/attempts/:attemptId/review',
    <ReviewStoreProvider store={createReviewStore(api.client)}>
      <ReviewPage />
    </ReviewStoreProvider>,
    '/attempts/at1/review',
  );
}

const question = (n: number) => screen.getByRole('article', { name: `Question ${n}` });

describe('review page', () => {
  it("shows each item with the student's answer, the key and the rationales", async () => {
    setup(() => review());
    await screen.findByRole('heading', { level: 1, name: 'CPC mock exam: review' });
    const wrong = question(2);
    expect(within(wrong).getByText('Incorrect')).toBeTruthy();
    expect(within(wrong).getByText('Flagged')).toBeTruthy();
    const options = within(wrong).getAllByRole('listitem');
    expect(options[0]?.textContent).toContain('Your answer');
    expect(options[0]?.textContent).toContain('Closed treatment without manipulation.');
    expect(options[1]?.textContent).toContain('Correct answer');
    expect(options[1]?.textContent).toContain('Closed treatment with manipulation: the key.');
    expect(within(wrong).getByText('The fracture care is global to the procedure.')).toBeTruthy();
  });

  it('shows typed answers blank by blank and marks pretest items', async () => {
    setup(() => review());
    await screen.findByRole('heading', { level: 1 });
    const fill = question(3);
    expect(within(fill).getByText('Pretest: not counted')).toBeTruthy();
    expect(within(fill).getByText('E11.8')).toBeTruthy();
    expect(within(fill).getByText('E11.9')).toBeTruthy();
    expect(within(fill).getByText('E11.8 is not the expected code.')).toBeTruthy();
  });

  it('filters to incorrect and to flagged items', async () => {
    setup(() => review());
    await screen.findByRole('heading', { level: 1 });
    expect(screen.getAllByRole('article')).toHaveLength(3);
    await userEvent.click(screen.getByRole('radio', { name: 'Incorrect (2)' }));
    expect(
      screen
        .getAllByRole('article')
        .map((a) => a.getAttribute('aria-labelledby') && a.querySelector('h2')?.textContent),
    ).toEqual(['Question 2', 'Question 3']);
    expect(screen.getByText('Showing 2 of 3 items.')).toBeTruthy();
    await userEvent.click(screen.getByRole('radio', { name: 'Flagged (2)' }));
    expect(screen.getAllByRole('article')).toHaveLength(2);
    await userEvent.click(screen.getByRole('radio', { name: 'All (3)' }));
    expect(screen.getAllByRole('article')).toHaveLength(3);
  });

  it("shows the server's message, dated in the student's zone, when review is not open yet", async () => {
    setup(() => {
      throw new ApiError(
        403,
        'review-not-available',
        'Review opens when the assignment closes, at 2026-05-03T17:00:00.000Z.',
      );
    });
    const message = await screen.findByText(/^Review opens when the assignment closes, at /);
    expect(message.textContent).not.toContain('2026-05-03T');
    expect(message.textContent).toMatch(/2026/);
    expect(screen.queryByRole('article')).toBeNull();
    expect(screen.getByRole('link', { name: 'Back to the result' }).getAttribute('href')).toBe(
      '/attempts/at1/result',
    );
  });
});

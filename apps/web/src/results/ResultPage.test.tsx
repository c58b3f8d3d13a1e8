import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { ResultStoreProvider } from './context';
import { ResultPage } from './ResultPage';
import { createResultStore } from './store';
import { fakeApi, renderPage, result } from './test-support';

function setup(answer: () => unknown) {
  const api = fakeApi({ 'GET /api/attempts/at1/result': answer });
  return renderPage(
    '/attempts/:attemptId/result',
    <ResultStoreProvider store={createResultStore(api.client)}>
      <ResultPage />
    </ResultStoreProvider>,
    '/attempts/at1/result',
  );
}

describe('result page', () => {
  it('shows the score against the pass mark', async () => {
    setup(() => result());
    expect(await screen.findByRole('heading', { level: 1, name: 'CPC mock exam: result' })).toBeTruthy();
    expect(screen.getByText('75%')).toBeTruthy();
    expect(screen.getByText('Passed')).toBeTruthy();
    expect(screen.getByText('3 of 4')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Review your answers' }).getAttribute('href')).toBe(
      '/attempts/at1/review',
    );
    expect(screen.getByRole('link', { name: 'Back to the dashboard' }).getAttribute('href')).toBe(
      '/dashboard',
    );
  });

  it('charts every domain and section, with a table of the figures', async () => {
    setup(() => result());
    const domains = await screen.findByRole('region', { name: 'Score by domain' });
    const bars = within(domains).getAllByRole('listitem');
    expect(bars.map((b) => b.textContent)).toEqual([
      'Surgery 2000050% (below the pass mark)',
      'ICD-10-CM100% (at or above the pass mark)',
    ]);
    const table = within(domains).getByRole('table', { name: 'Score by domain' });
    // Too wide for a phone, it scrolls inside its own region, which takes keyboard focus.
    const scroller = within(domains).getByRole('region', { name: 'Figures per domain' });
    expect(scroller.contains(table)).toBe(true);
    expect(scroller.tabIndex).toBe(0);
    const surgery = within(table).getByRole('row', { name: /Surgery 20000/ });
    expect(
      within(surgery)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['50%', '1 of 2', '2', '2']);
    const sections = screen.getByRole('region', { name: 'Score by section' });
    expect(within(sections).getByRole('row', { name: /Part 2/ }).textContent).toContain('50%');
  });

  it('reports time used, time per item and that pretest items do not count', async () => {
    setup(() => result());
    const fact = (name: string) => screen.getByText(name).nextElementSibling?.textContent;
    await screen.findByRole('heading', { name: 'Time' });
    expect(fact('Time on questions')).toBe('25 min');
    expect(fact('From start to submission')).toBe('3 h 00 min');
    expect(fact('Average per item')).toBe('5 min');
    const perItem = screen.getByRole('table', { name: 'Time spent on each item' });
    expect(within(perItem).getAllByRole('row')).toHaveLength(6);
    expect(screen.getByText(/1 pretest item was on this exam.*not counted in your score/)).toBeTruthy();
  });

  it('says that time ran out when the server submitted the attempt', async () => {
    setup(() => result({ submitReason: 'expired', passed: false, scorePercent: 40 }));
    expect(await screen.findByText(/Time ran out, so your attempt was submitted automatically/)).toBeTruthy();
    expect(screen.getByText('Not passed')).toBeTruthy();
  });

  it('sends a student back to an attempt still in progress', async () => {
    setup(() => {
      throw new ApiError(409, 'not-submitted', 'The result is ready once the attempt is submitted.');
    });
    expect(
      await screen.findByText('This attempt is still in progress, so it has no result yet.'),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Return to the attempt' }).getAttribute('href')).toBe(
      '/attempts/at1',
    );
  });

  it('says when the attempt is not theirs', async () => {
    setup(() => {
      throw new ApiError(404, 'not-found', 'The attempt was not found.');
    });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'There is no attempt of yours at this address.',
    );
  });
});

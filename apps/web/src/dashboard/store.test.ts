import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { assignment, attempt, cohort, fakeApi, page } from '../results/test-support';
import { createDashboardStore, DRILL_SIZE } from './store';

const weak = {
  domains: [{ domain: 'surgery-20000', earned: 2, possible: 6, percent: 33.33, items: 6, attempts: 1 }],
};

function api(over: Record<string, (arg: unknown) => unknown> = {}) {
  return fakeApi({
    'GET /api/me/assignments': () => page([assignment()]),
    'GET /api/me/attempts': () => page([attempt()]),
    'GET /api/me/cohorts': () => page([cohort()]),
    'GET /api/me/weak-domains': () => weak,
    ...over,
  });
}

describe('dashboard store', () => {
  it('loads assignments, attempts, cohorts and the weak domains of the current program', async () => {
    const { client, calls } = api();
    const store = createDashboardStore(client);
    await store.getState().load('o1');
    const state = store.getState();
    expect(state.status).toBe('ready');
    expect(state.assignments.map((a) => a.attemptsLeft)).toEqual([2]);
    expect(state.attempts).toHaveLength(1);
    expect(state.cohorts).toHaveLength(1);
    expect(state.weakDomains[0]?.domain).toBe('surgery-20000');
    expect(calls.find((c) => c.path === '/api/me/weak-domains')?.arg).toMatchObject({ organisationId: 'o1' });
  });

  it('asks for no weak domains without a program', async () => {
    const { client, calls } = api();
    const store = createDashboardStore(client);
    await store.getState().load(null);
    expect(store.getState().weakDomains).toEqual([]);
    expect(calls.some((c) => c.path === '/api/me/weak-domains')).toBe(false);
  });

  it('reports a failed load with the reason', async () => {
    const { client } = api({
      'GET /api/me/assignments': () => {
        throw new ApiError(500, 'internal', 'Something went wrong on our side.');
      },
    });
    const store = createDashboardStore(client);
    await store.getState().load('o1');
    expect(store.getState()).toMatchObject({ status: 'error', message: 'Something went wrong on our side.' });
  });

  it('starts an attempt and returns its id', async () => {
    const { client, calls } = api({ 'POST /api/assignments/as1/attempts': () => ({ id: 'at9' }) });
    const store = createDashboardStore(client);
    expect(await store.getState().start('as1')).toBe('at9');
    expect(calls.at(-1)).toMatchObject({ method: 'POST', path: '/api/assignments/as1/attempts' });
    expect(store.getState().starting).toBeNull();
  });

  it('keeps a refused start on its assignment, with dates in local words, and refreshes the list', async () => {
    let listed = 0;
    const { client } = api({
      'GET /api/me/assignments': () => {
        listed++;
        return page([assignment({ attemptsLeft: listed > 1 ? 0 : 2 })]);
      },
      'POST /api/assignments/as1/attempts': () => {
        throw new ApiError(409, 'window-closed', 'This assignment closed at 2026-05-01T12:00:00.000Z.');
      },
    });
    const store = createDashboardStore(client);
    await store.getState().load('o1');
    expect(await store.getState().start('as1')).toBeNull();
    const error = store.getState().startError;
    expect(error?.assignmentId).toBe('as1');
    expect(error?.message).toMatch(/^This assignment closed at /);
    expect(error?.message).not.toContain('2026-05-01T');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(listed).toBe(2);
    expect(store.getState().assignments[0]?.attemptsLeft).toBe(0);
  });

  it('drills a domain with the one-click size', async () => {
    const { client, calls } = api({ 'POST /api/me/drills': () => ({ id: 'd1' }) });
    const store = createDashboardStore(client);
    expect(await store.getState().drill('o1', { kind: 'domain', domain: 'surgery-20000' })).toBe('d1');
    expect(calls.at(-1)?.arg).toEqual({
      organisationId: 'o1',
      count: DRILL_SIZE,
      domains: ['surgery-20000'],
    });
  });

  it('drills what there is when the bank holds fewer items than a full drill', async () => {
    const counts: number[] = [];
    const { client } = api({
      'POST /api/me/drills': (body) => {
        const { count } = body as { count: number };
        counts.push(count);
        if (count > 4)
          throw new ApiError(409, 'bank-shortage', 'The bank cannot fill the blueprint.', {
            shortages: [{ needed: count, available: 4, short: count - 4 }],
          });
        return { id: 'd2' };
      },
    });
    const store = createDashboardStore(client);
    expect(await store.getState().drill('o1', { kind: 'missed' })).toBe('d2');
    expect(counts).toEqual([DRILL_SIZE, 4]);
  });

  it('explains a drill that cannot start', async () => {
    const { client } = api({
      'POST /api/me/drills': () => {
        throw new ApiError(409, 'no-missed-items', 'There are no missed items to drill yet.');
      },
    });
    const store = createDashboardStore(client);
    expect(await store.getState().drill('o1', { kind: 'missed' })).toBeNull();
    expect(store.getState()).toMatchObject({
      drilling: null,
      drillError: 'There are no missed items to drill yet.',
    });
  });
});

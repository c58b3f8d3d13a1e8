import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api/client';
import { createResultStore, createReviewStore, filterCounts, filterItems } from './store';
import { fakeApi, result, review } from './test-support';

describe('result store', () => {
  it('loads a result', async () => {
    const { client } = fakeApi({ 'GET /api/attempts/at1/result': () => result() });
    const store = createResultStore(client);
    await store.getState().load('at1');
    expect(store.getState()).toMatchObject({ status: 'ready', attemptId: 'at1' });
    expect(store.getState().result?.scorePercent).toBe(75);
  });

  it('knows an attempt in progress from a 409 not-submitted', async () => {
    const { client } = fakeApi({
      'GET /api/attempts/at1/result': () => {
        throw new ApiError(409, 'not-submitted', 'The result is ready once the attempt is submitted.');
      },
    });
    const store = createResultStore(client);
    await store.getState().load('at1');
    expect(store.getState().status).toBe('in-progress');
  });

  it('keeps a network failure apart from a refusal', async () => {
    const { client } = fakeApi({
      'GET /api/attempts/at1/result': () => {
        throw new NetworkError('offline');
      },
    });
    const store = createResultStore(client);
    await store.getState().load('at1');
    expect(store.getState()).toMatchObject({
      status: 'error',
      message: 'Could not reach the server. Check your connection and try again.',
    });
  });
});

describe('review store', () => {
  it('is blocked with the server’s reason when the policy keeps review closed', async () => {
    const { client } = fakeApi({
      'GET /api/attempts/at1/review': () => {
        throw new ApiError(
          403,
          'review-not-available',
          'Your instructor has not made review available for this assignment.',
        );
      },
    });
    const store = createReviewStore(client);
    await store.getState().load('at1');
    expect(store.getState()).toMatchObject({
      status: 'blocked',
      message: 'Your instructor has not made review available for this assignment.',
    });
  });

  it('filters items: all, not fully right, flagged', () => {
    const { items } = review();
    expect(filterCounts(items)).toEqual({ all: 3, incorrect: 2, flagged: 2 });
    expect(filterItems(items, 'incorrect').map((i) => i.itemId)).toEqual(['i2', 'i3']);
    expect(filterItems(items, 'flagged').map((i) => i.itemId)).toEqual(['i2', 'i3']);
    expect(filterItems([...items].reverse(), 'all').map((i) => i.itemId)).toEqual(['i1', 'i2', 'i3']);
  });

  it('remembers the chosen filter', () => {
    const store = createReviewStore(fakeApi({}).client);
    store.getState().setFilter('flagged');
    expect(store.getState().filter).toBe('flagged');
  });
});

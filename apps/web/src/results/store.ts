/**
 * The result page and the review page, one store each. Both load one attempt and turn the
 * server's refusals into states the page can explain: an attempt still in progress, a review the
 * policy keeps closed (with the server's message saying when it opens), an attempt that is not
 * the student's.
 */
import type { AttemptResult, AttemptReview } from '@coderprep/contracts';
import { createStore } from 'zustand/vanilla';
import { type ApiClient, ApiError, api } from '../api/client';
import { fetchResult, fetchReview } from './api';
import { codeOf, messageOf } from './errors';

export type ReviewItem = AttemptReview['items'][number];

type LoadStatus = 'idle' | 'loading' | 'ready' | 'not-found' | 'error';

// ---------------------------------------------------------------- result

export interface ResultState {
  attemptId: string | null;
  /** 'in-progress': the attempt is not submitted yet, so it has no result. */
  status: LoadStatus | 'in-progress';
  result: AttemptResult | null;
  message: string | null;
  load(attemptId: string): Promise<void>;
}

/** A fresh result store. */
export function createResultStore(client: ApiClient = api) {
  return createStore<ResultState>()((set, get) => ({
    attemptId: null,
    status: 'idle',
    result: null,
    message: null,
    async load(attemptId) {
      set({ attemptId, status: 'loading', result: null, message: null });
      try {
        const result = await fetchResult(client, attemptId);
        if (get().attemptId === attemptId) set({ status: 'ready', result });
      } catch (error) {
        if (get().attemptId !== attemptId) return;
        const code = codeOf(error);
        set({
          status:
            code === 'not-submitted'
              ? 'in-progress'
              : error instanceof ApiError && error.status === 404
                ? 'not-found'
                : 'error',
          message: messageOf(error),
        });
      }
    },
  }));
}

export type ResultStore = ReturnType<typeof createResultStore>;

// ---------------------------------------------------------------- review

export const REVIEW_FILTERS = ['all', 'incorrect', 'flagged'] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];

/** The items a filter shows, in exam order. "Incorrect" is every item without full credit. */
export function filterItems(items: readonly ReviewItem[], filter: ReviewFilter): ReviewItem[] {
  const shown =
    filter === 'incorrect'
      ? items.filter((i) => !i.grade.correct)
      : filter === 'flagged'
        ? items.filter((i) => i.flagged)
        : [...items];
  return shown.sort((a, b) => a.position - b.position);
}

/** How many items each filter shows. */
export function filterCounts(items: readonly ReviewItem[]): Record<ReviewFilter, number> {
  return {
    all: items.length,
    incorrect: items.filter((i) => !i.grade.correct).length,
    flagged: items.filter((i) => i.flagged).length,
  };
}

export interface ReviewState {
  attemptId: string | null;
  /** 'blocked': the review policy does not allow review now (`message` says why and when). */
  status: LoadStatus | 'blocked';
  review: AttemptReview | null;
  message: string | null;
  filter: ReviewFilter;
  load(attemptId: string): Promise<void>;
  setFilter(filter: ReviewFilter): void;
}

/** A fresh review store. */
export function createReviewStore(client: ApiClient = api) {
  return createStore<ReviewState>()((set, get) => ({
    attemptId: null,
    status: 'idle',
    review: null,
    message: null,
    filter: 'all',
    async load(attemptId) {
      set({ attemptId, status: 'loading', review: null, message: null });
      try {
        const review = await fetchReview(client, attemptId);
        if (get().attemptId === attemptId) set({ status: 'ready', review });
      } catch (error) {
        if (get().attemptId !== attemptId) return;
        const code = codeOf(error);
        set({
          status:
            code === 'review-not-available'
              ? 'blocked'
              : error instanceof ApiError && error.status === 404
                ? 'not-found'
                : 'error',
          message: messageOf(error),
        });
      }
    },
    setFilter(filter) {
      set({ filter });
    },
  }));
}

export type ReviewStore = ReturnType<typeof createReviewStore>;

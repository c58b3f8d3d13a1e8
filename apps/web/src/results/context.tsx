import { createContext, type ReactNode } from 'react';
import {
  createResultStore,
  createReviewStore,
  type ResultState,
  type ResultStore,
  type ReviewState,
  type ReviewStore,
} from './store';
import { StoreProvider, useStoreOf } from './store-context';

const ResultContext = createContext<ResultStore | null>(null);
const ReviewContext = createContext<ReviewStore | null>(null);

export function ResultStoreProvider({ children, store }: { children: ReactNode; store?: ResultStore }) {
  return (
    <StoreProvider context={ResultContext} create={() => createResultStore()} store={store}>
      {children}
    </StoreProvider>
  );
}

export function useResult<T>(selector: (state: ResultState) => T): T {
  return useStoreOf(ResultContext, selector);
}

export function ReviewStoreProvider({ children, store }: { children: ReactNode; store?: ReviewStore }) {
  return (
    <StoreProvider context={ReviewContext} create={() => createReviewStore()} store={store}>
      {children}
    </StoreProvider>
  );
}

export function useReview<T>(selector: (state: ReviewState) => T): T {
  return useStoreOf(ReviewContext, selector);
}

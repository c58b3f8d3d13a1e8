import { createContext, type ReactNode } from 'react';
import { StoreProvider, useStoreOf } from '../results/store-context';
import { createJoinStore, type JoinState, type JoinStore } from './store';

const JoinContext = createContext<JoinStore | null>(null);

export function JoinStoreProvider({ children, store }: { children: ReactNode; store?: JoinStore }) {
  return (
    <StoreProvider context={JoinContext} create={() => createJoinStore()} store={store}>
      {children}
    </StoreProvider>
  );
}

export function useJoin<T>(selector: (state: JoinState) => T): T {
  return useStoreOf(JoinContext, selector);
}

import { createContext, type ReactNode } from 'react';
import { StoreProvider, useStoreOf } from '../results/store-context';
import { createDashboardStore, type DashboardState, type DashboardStore } from './store';

const DashboardContext = createContext<DashboardStore | null>(null);

export function DashboardStoreProvider({ children, store }: { children: ReactNode; store?: DashboardStore }) {
  return (
    <StoreProvider context={DashboardContext} create={() => createDashboardStore()} store={store}>
      {children}
    </StoreProvider>
  );
}

export function useDashboard<T>(selector: (state: DashboardState) => T): T {
  return useStoreOf(DashboardContext, selector);
}

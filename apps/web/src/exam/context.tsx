import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { ExamState, ExamStore } from './store';

const ExamContext = createContext<ExamStore | null>(null);

/** Provides one exam store (one per attempt screen, one per test). */
export function ExamStoreProvider({ store, children }: { store: ExamStore; children: ReactNode }) {
  return <ExamContext.Provider value={store}>{children}</ExamContext.Provider>;
}

export function useExamStore(): ExamStore {
  const store = useContext(ExamContext);
  if (!store) throw new Error('useExam needs an ExamStoreProvider');
  return store;
}

/** Selects from the exam store (keep selectors atomic). */
export function useExam<T>(selector: (state: ExamState) => T): T {
  return useStore(useExamStore(), selector);
}

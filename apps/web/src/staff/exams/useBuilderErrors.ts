import { useMemo } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { messagesByField } from './fieldPaths';
import { type BuilderState, useBuilder } from './store';

/** The builder's field messages (supply check, then save), keyed by the control that shows them. */
export function useBuilderErrors(store: StoreApi<BuilderState>) {
  const supplyErrors = useBuilder(store, (s) => s.supplyErrors);
  const saveErrors = useBuilder(store, (s) => s.saveErrors);
  return useMemo(() => messagesByField({ ...supplyErrors, ...saveErrors }), [supplyErrors, saveErrors]);
}

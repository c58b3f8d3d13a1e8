/**
 * Giving a page its own store: the page makes a fresh store when it mounts, unless a store is
 * given (tests) or an outer provider of the same context already holds one (a test wrapping the
 * page).
 */
import { type Context, type ReactNode, useContext, useState } from 'react';
import { type StoreApi, useStore } from 'zustand';

export function StoreProvider<S>({
  context,
  create,
  store,
  children,
}: {
  context: Context<StoreApi<S> | null>;
  create: () => StoreApi<S>;
  store?: StoreApi<S> | undefined;
  children: ReactNode;
}) {
  const outer = useContext(context);
  const [value] = useState(() => store ?? outer ?? create());
  return <context.Provider value={value}>{children}</context.Provider>;
}

/** Selects from the store of `context` (one value per call: atomic selectors). */
export function useStoreOf<S, T>(context: Context<StoreApi<S> | null>, selector: (state: S) => T): T {
  const store = useContext(context);
  if (!store) throw new Error('a page store is used outside its provider');
  return useStore(store, selector);
}

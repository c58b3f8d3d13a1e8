import { createContext, type ReactNode, useContext, useState } from 'react';
import { useStore } from 'zustand';
import { type AuthState, type AuthStore, createAuthStore } from './store';

const AuthContext = createContext<AuthStore | null>(null);

/** Provides one auth store to the tree (tests pass their own). */
export function AuthProvider({ children, store }: { children: ReactNode; store?: AuthStore }) {
  const [value] = useState(() => store ?? createAuthStore());
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** Selects from the auth store. */
export function useAuth<T>(selector: (state: AuthState) => T): T {
  const store = useContext(AuthContext);
  if (!store) throw new Error('useAuth needs an AuthProvider');
  return useStore(store, selector);
}

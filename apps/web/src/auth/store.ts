/** Who is logged in, and their roles per training program. */
import type { Me, Membership } from '@coderprep/contracts';
import { createStore } from 'zustand/vanilla';
import { type ApiClient, ApiError, api } from '../api/client';

export interface AuthState {
  me: Me | null;
  /** 'unknown' until the first /api/auth/me answers. */
  status: 'unknown' | 'anonymous' | 'authenticated';
  /** The program the person is working in (their first membership by default). */
  organisationId: string | null;
  load(): Promise<void>;
  login(email: string, password: string): Promise<void>;
  signup(name: string, email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  selectOrganisation(id: string): void;
}

/** The current membership, if any. */
export const currentMembership = (state: AuthState): Membership | undefined =>
  state.me?.memberships.find((m) => m.organisationId === state.organisationId);

/** A fresh auth store (one per app, one per test). */
export function createAuthStore(client: ApiClient = api) {
  return createStore<AuthState>()((set, get) => {
    const signedIn = (me: Me) =>
      set({
        me,
        status: 'authenticated',
        organisationId:
          me.memberships.find((m) => m.organisationId === get().organisationId)?.organisationId ??
          me.memberships[0]?.organisationId ??
          null,
      });
    return {
      me: null,
      status: 'unknown',
      organisationId: null,
      async load() {
        try {
          signedIn(await client.get<Me>('/api/auth/me'));
        } catch (error) {
          if (error instanceof ApiError && error.status === 401) set({ me: null, status: 'anonymous' });
          else throw error;
        }
      },
      async login(email, password) {
        signedIn(await client.post<Me>('/api/auth/login', { email, password }));
      },
      async signup(name, email, password) {
        signedIn(await client.post<Me>('/api/auth/signup', { name, email, password }));
      },
      async logout() {
        await client.post('/api/auth/logout');
        set({ me: null, status: 'anonymous', organisationId: null });
      },
      selectOrganisation(id) {
        set({ organisationId: id });
      },
    };
  });
}

export type AuthStore = ReturnType<typeof createAuthStore>;

/** The members screen of a program: who is in it, in which role; admins change that. */
import type { OrgMember, Role } from '@coderprep/contracts';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type ApiClient, fieldErrors } from '../../api/client';
import { adminApi } from './api';
import { errorMessage } from './common';

export interface MembersState {
  status: 'loading' | 'ready' | 'failed';
  members: OrgMember[];
  /** The last failed action's message (e.g. the last-admin rule). */
  error: string | null;
  /** What the last action did, for the live region. */
  message: string | null;
  /** Field messages of the add form. */
  addErrors: Record<string, string>;
  load(): Promise<void>;
  add(email: string, role: Role): Promise<boolean>;
  changeRole(userId: string, role: Role): Promise<void>;
  remove(userId: string): Promise<void>;
}

export interface MembersDeps {
  client: ApiClient;
  orgId: string;
}

export function createMembersStore({ client, orgId }: MembersDeps): StoreApi<MembersState> {
  const requests = adminApi(client);
  return createStore<MembersState>()((set, get) => {
    const nameOf = (userId: string) => get().members.find((m) => m.userId === userId)?.name ?? 'The member';
    return {
      status: 'loading',
      members: [],
      error: null,
      message: null,
      addErrors: {},
      async load() {
        set({ status: 'loading', error: null });
        try {
          set({ members: await requests.members(orgId), status: 'ready' });
        } catch (error) {
          set({ status: 'failed', error: errorMessage(error) });
        }
      },
      async add(email, role) {
        set({ error: null, message: null, addErrors: {} });
        try {
          const member = await requests.addMember(orgId, email, role);
          set((s) => ({
            members: [...s.members, member].sort((a, b) => a.name.localeCompare(b.name)),
            message: `${member.name} was added as ${role}.`,
          }));
          return true;
        } catch (error) {
          set({ error: errorMessage(error), addErrors: fieldErrors(error) });
          return false;
        }
      },
      async changeRole(userId, role) {
        set({ error: null, message: null });
        try {
          const updated = await requests.changeRole(orgId, userId, role);
          set((s) => ({
            members: s.members.map((m) => (m.userId === userId ? updated : m)),
            message: `${updated.name} is now ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}.`,
          }));
        } catch (error) {
          set({ error: errorMessage(error) });
        }
      },
      async remove(userId) {
        set({ error: null, message: null });
        const name = nameOf(userId);
        try {
          await requests.removeMember(orgId, userId);
          set((s) => ({
            members: s.members.filter((m) => m.userId !== userId),
            message: `${name} was removed from the program and its cohorts.`,
          }));
        } catch (error) {
          set({ error: errorMessage(error) });
        }
      },
    };
  });
}

/** Selects from a members store. */
export const useMembers = <T>(store: StoreApi<MembersState>, selector: (s: MembersState) => T) =>
  useStore(store, selector);

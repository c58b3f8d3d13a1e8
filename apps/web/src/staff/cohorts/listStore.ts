/** The cohorts of a program; staff create them (each gets a join code). */
import type { CohortInfo } from '@coderprep/contracts';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type ApiClient, fieldErrors } from '../../api/client';
import { errorMessage } from '../admin/common';
import { cohortsApi } from './api';

export interface CohortListState {
  status: 'loading' | 'ready' | 'failed';
  cohorts: CohortInfo[];
  error: string | null;
  createErrors: Record<string, string>;
  load(): Promise<void>;
  create(name: string): Promise<CohortInfo | null>;
}

export function createCohortListStore({ client, orgId }: { client: ApiClient; orgId: string }) {
  const requests = cohortsApi(client);
  return createStore<CohortListState>()((set) => ({
    status: 'loading',
    cohorts: [],
    error: null,
    createErrors: {},
    async load() {
      set({ status: 'loading', error: null });
      try {
        set({ cohorts: await requests.cohorts(orgId), status: 'ready' });
      } catch (error) {
        set({ status: 'failed', error: errorMessage(error) });
      }
    },
    async create(name) {
      set({ error: null, createErrors: {} });
      try {
        const cohort = await requests.createCohort(orgId, name);
        set((s) => ({ cohorts: [...s.cohorts, cohort] }));
        return cohort;
      } catch (error) {
        set({ error: errorMessage(error), createErrors: fieldErrors(error) });
        return null;
      }
    },
  }));
}

export const useCohortList = <T>(store: StoreApi<CohortListState>, selector: (s: CohortListState) => T) =>
  useStore(store, selector);

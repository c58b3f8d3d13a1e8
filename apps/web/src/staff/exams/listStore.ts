/** The exams of a program, archived ones on request; removing one archives it when it is in use. */
import type { ExamInfo, PresetInfo } from '@coderprep/contracts';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../api/client';
import { errorMessage } from '../admin/common';
import { examsApi } from './api';

export interface ExamListState {
  status: 'loading' | 'ready' | 'failed';
  exams: ExamInfo[];
  presetNames: Record<string, string>;
  includeArchived: boolean;
  error: string | null;
  message: string | null;
  load(): Promise<void>;
  showArchived(on: boolean): Promise<void>;
  remove(examId: string): Promise<void>;
}

export function createExamListStore({ client, orgId }: { client: ApiClient; orgId: string }) {
  const requests = examsApi(client);
  return createStore<ExamListState>()((set, get) => ({
    status: 'loading',
    exams: [],
    presetNames: {},
    includeArchived: false,
    error: null,
    message: null,
    async load() {
      set({ status: 'loading', error: null });
      try {
        const [exams, presets] = await Promise.all([
          requests.exams(orgId, get().includeArchived),
          requests.presets().catch((): PresetInfo[] => []),
        ]);
        set({
          exams,
          presetNames: Object.fromEntries(presets.map((p) => [p.id, p.name])),
          status: 'ready',
        });
      } catch (error) {
        set({ status: 'failed', error: errorMessage(error) });
      }
    },
    async showArchived(on) {
      set({ includeArchived: on });
      await get().load();
    },
    async remove(examId) {
      const exam = get().exams.find((e) => e.id === examId);
      set({ error: null, message: null });
      try {
        const removed = await requests.removeExam(orgId, examId);
        set((s) => ({
          exams:
            removed.outcome === 'deleted' || !s.includeArchived
              ? s.exams.filter((e) => e.id !== examId)
              : s.exams.map((e) => (e.id === examId ? { ...e, archivedAt: e.archivedAt ?? 0 } : e)),
          message:
            removed.outcome === 'deleted'
              ? `${exam?.name ?? 'The exam'} was deleted.`
              : `${exam?.name ?? 'The exam'} is in use, so it was archived: its assignments and results stay.`,
        }));
        if (removed.outcome === 'archived' && get().includeArchived) await get().load();
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
  }));
}

export const useExamList = <T>(store: StoreApi<ExamListState>, selector: (s: ExamListState) => T) =>
  useStore(store, selector);

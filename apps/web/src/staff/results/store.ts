/**
 * An assignment's results for staff: every student's line, sortable on any column (students
 * without a value come last either way), the summary, and the item analysis of the submitted
 * attempts (which needs at least two of them).
 */
import type { AssignmentResults, ItemAnalysisBody, StudentResult } from '@coderprep/contracts';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type ApiClient, ApiError } from '../../api/client';
import { errorMessage } from '../admin/common';
import { resultsApi } from './api';

/** A column to sort by: a fixed one or a domain ("domain:anatomy"). */
export type SortKey =
  | 'name'
  | 'status'
  | 'attempts'
  | 'best'
  | 'latest'
  | 'passed'
  | 'time'
  | 'submittedAt'
  | `domain:${string}`;

export interface Sort {
  by: SortKey;
  order: 'asc' | 'desc';
}

export interface ResultsState {
  status: 'loading' | 'ready' | 'failed';
  results: AssignmentResults | null;
  /** The banks of the assignment's exam (to link items to their editor); null until known. */
  bankIds: string[] | null;
  sort: Sort;
  error: string | null;
  analysis: ItemAnalysisBody | null;
  analysisStatus: 'idle' | 'loading' | 'ready' | 'not-enough' | 'failed';
  analysisError: string | null;
  load(): Promise<void>;
  loadAnalysis(): Promise<void>;
  /** Sorts by a column; the same column again reverses the order. */
  sortBy(by: SortKey): void;
}

export interface ResultsDeps {
  client: ApiClient;
  orgId: string;
  assignmentId: string;
}

const STATUS_ORDER = { 'not-started': 0, 'in-progress': 1, submitted: 2 } as const;

/** A student's value in a column (null = no value: sorts last). */
function columnValue(student: StudentResult, by: SortKey): string | number | null {
  switch (by) {
    case 'name':
      return student.name.toLocaleLowerCase();
    case 'status':
      return STATUS_ORDER[student.status];
    case 'attempts':
      return student.attemptsUsed;
    case 'best':
      return student.bestPercent;
    case 'latest':
      return student.latestPercent;
    case 'passed':
      return student.passed === null ? null : student.passed ? 1 : 0;
    case 'time':
      return student.timeUsedMs;
    case 'submittedAt':
      return student.submittedAt;
    default: {
      const domain = by.slice('domain:'.length);
      return student.byDomain.find((d) => d.domain === domain)?.percent ?? null;
    }
  }
}

/** The students in the order of `sort`; ties by name; missing values last in either order. */
export function sortStudents(students: readonly StudentResult[], sort: Sort): StudentResult[] {
  const sign = sort.order === 'asc' ? 1 : -1;
  const byName = (a: StudentResult, b: StudentResult) => a.name.localeCompare(b.name);
  return [...students].sort((a, b) => {
    const x = columnValue(a, sort.by);
    const y = columnValue(b, sort.by);
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    const order =
      typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : (x as number) - (y as number);
    return order !== 0 ? sign * order : byName(a, b);
  });
}

/** The first order a column sorts in: scores and times high first, names A to Z. */
const firstOrder = (by: SortKey): Sort['order'] => (by === 'name' || by === 'status' ? 'asc' : 'desc');

export function createResultsStore({ client, orgId, assignmentId }: ResultsDeps): StoreApi<ResultsState> {
  const requests = resultsApi(client);
  return createStore<ResultsState>()((set, get) => ({
    status: 'loading',
    results: null,
    bankIds: null,
    sort: { by: 'name', order: 'asc' },
    error: null,
    analysis: null,
    analysisStatus: 'idle',
    analysisError: null,

    async load() {
      set({ status: 'loading', error: null });
      try {
        const results = await requests.results(orgId, assignmentId);
        set({ results, status: 'ready' });
        try {
          const exam = await requests.exam(orgId, results.assignment.examId);
          set({ bankIds: exam.bankIds });
        } catch {
          // Without the banks, item links find the bank when followed.
        }
      } catch (error) {
        set({ status: 'failed', error: errorMessage(error) });
      }
    },

    async loadAnalysis() {
      set({ analysisStatus: 'loading', analysisError: null });
      try {
        set({ analysis: await requests.itemAnalysis(orgId, assignmentId), analysisStatus: 'ready' });
      } catch (error) {
        if (error instanceof ApiError && error.status === 409 && error.code === 'not-enough-attempts')
          set({ analysis: null, analysisStatus: 'not-enough', analysisError: error.message });
        else set({ analysis: null, analysisStatus: 'failed', analysisError: errorMessage(error) });
      }
    },

    sortBy(by) {
      const { sort } = get();
      set({
        sort:
          sort.by === by
            ? { by, order: sort.order === 'asc' ? 'desc' : 'asc' }
            : { by, order: firstOrder(by) },
      });
    },
  }));
}

/** Selects from a results store. */
export const useResults = <T>(store: StoreApi<ResultsState>, selector: (s: ResultsState) => T) =>
  useStore(store, selector);

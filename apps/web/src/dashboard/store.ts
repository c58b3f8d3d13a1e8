/**
 * The student's home: what is assigned to them, what they have done, where they are weak, and
 * the two ways to act on it (start or resume an assignment, start a drill). Starting returns the
 * new attempt's id; the page navigates to the exam screen with it.
 */
import type { MyAssignment, MyAttempt, MyCohort, WeakDomains } from '@coderprep/contracts';
import { createStore } from 'zustand/vanilla';
import { type ApiClient, ApiError, api } from '../api/client';
import { codeOf, messageOf } from '../results/errors';
import {
  type DrillRequest,
  fetchMyAssignments,
  fetchMyAttempts,
  fetchMyCohorts,
  fetchWeakDomains,
  startAssignment,
  startDrill,
} from './api';

export type WeakDomain = WeakDomains['domains'][number];

/** Items in a one-click drill. */
export const DRILL_SIZE = 10;

/** What a drill draws from: one domain, or the items the student missed before. */
export type DrillTarget = { kind: 'domain'; domain: string } | { kind: 'missed' };

/** The key of a drill target (which button is busy). */
export const drillKey = (target: DrillTarget) =>
  target.kind === 'missed' ? 'missed' : `domain:${target.domain}`;

export interface DashboardState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  message: string | null;
  assignments: MyAssignment[];
  /** Newest first. */
  attempts: MyAttempt[];
  cohorts: MyCohort[];
  /** Weakest first, in the current program. */
  weakDomains: WeakDomain[];
  /** The assignment whose attempt is being started. */
  starting: string | null;
  startError: { assignmentId: string; message: string } | null;
  /** The drill being started (drillKey). */
  drilling: string | null;
  drillError: string | null;
  /** Loads everything; the weak domains are those of `organisationId` (none without one). */
  load(organisationId: string | null): Promise<void>;
  /** Starts (or resumes) an attempt at an assignment: the attempt id, or null when refused. */
  start(assignmentId: string): Promise<string | null>;
  /** Starts a drill in a program: the attempt id, or null when refused. */
  drill(organisationId: string, target: DrillTarget): Promise<string | null>;
}

/** How many items the bank could give, from a bank-shortage refusal (0 when unknown). */
function available(error: unknown): number {
  if (!(error instanceof ApiError) || error.code !== 'bank-shortage') return 0;
  const shortages = (error.details as { shortages?: { available?: unknown }[] } | undefined)?.shortages;
  const first = shortages?.[0]?.available;
  return typeof first === 'number' ? first : 0;
}

/** A fresh dashboard store. */
export function createDashboardStore(client: ApiClient = api) {
  let loads = 0;
  return createStore<DashboardState>()((set, get) => ({
    status: 'idle',
    message: null,
    assignments: [],
    attempts: [],
    cohorts: [],
    weakDomains: [],
    starting: null,
    startError: null,
    drilling: null,
    drillError: null,

    async load(organisationId) {
      const mine = ++loads;
      // A refresh keeps what is on screen; only the first load shows "Loading".
      if (get().status !== 'ready') set({ status: 'loading', message: null });
      try {
        const [assignments, attempts, cohorts, weak] = await Promise.all([
          fetchMyAssignments(client),
          fetchMyAttempts(client),
          fetchMyCohorts(client),
          organisationId ? fetchWeakDomains(client, organisationId) : Promise.resolve({ domains: [] }),
        ]);
        if (mine !== loads) return;
        set({
          status: 'ready',
          message: null,
          assignments: assignments.items,
          attempts: attempts.items,
          cohorts: cohorts.items,
          weakDomains: weak.domains,
        });
      } catch (error) {
        if (mine === loads) set({ status: 'error', message: messageOf(error) });
      }
    },

    async start(assignmentId) {
      if (get().starting) return null;
      set({ starting: assignmentId, startError: null });
      try {
        const view = await startAssignment(client, assignmentId);
        set({ starting: null });
        return view.id;
      } catch (error) {
        set({ starting: null, startError: { assignmentId, message: messageOf(error) } });
        // The window, the attempts left or an open attempt changed under us: show the truth.
        if (error instanceof ApiError && error.status === 409) {
          const organisationId = get().assignments.find(
            (a) => a.assignmentId === assignmentId,
          )?.organisationId;
          void get().load(organisationId ?? null);
        }
        return null;
      }
    },

    async drill(organisationId, target) {
      if (get().drilling) return null;
      set({ drilling: drillKey(target), drillError: null });
      const body = (count: number): DrillRequest =>
        target.kind === 'missed'
          ? { organisationId, count, missedOnly: true }
          : { organisationId, count, domains: [target.domain] };
      try {
        let view: { id: string };
        try {
          view = await startDrill(client, body(DRILL_SIZE));
        } catch (error) {
          // Fewer items than a full drill: drill what there is.
          const count = available(error);
          if (count < 1) throw error;
          view = await startDrill(client, body(count));
        }
        set({ drilling: null });
        return view.id;
      } catch (error) {
        const message =
          codeOf(error) === 'bank-shortage'
            ? 'There are no questions to drill in this domain yet. Try another domain.'
            : messageOf(error);
        set({ drilling: null, drillError: message });
        return null;
      }
    },
  }));
}

export type DashboardStore = ReturnType<typeof createDashboardStore>;

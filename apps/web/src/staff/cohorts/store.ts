/**
 * One cohort for its staff: the join code (rotatable), the roster with per-student
 * accommodations (time factor, extra attempts), and its assignments.
 */
import type {
  AssignmentInfo,
  CohortInfo,
  CohortMember,
  CohortRole,
  CreateAssignmentBody,
  ExamInfo,
  UpdateCohortMemberBody,
} from '@coderprep/contracts';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type ApiClient, fieldErrors } from '../../api/client';
import { errorMessage } from '../admin/common';
import { cohortsApi } from './api';

export interface CohortState {
  status: 'loading' | 'ready' | 'failed';
  cohort: CohortInfo | null;
  roster: CohortMember[];
  assignments: AssignmentInfo[];
  /** Exams that can be assigned (not archived). */
  exams: ExamInfo[];
  error: string | null;
  message: string | null;
  addErrors: Record<string, string>;
  assignErrors: Record<string, string>;
  /** Field messages of the last accommodation change, per student. */
  accommodationErrors: Record<string, Record<string, string>>;
  load(): Promise<void>;
  rename(name: string): Promise<boolean>;
  rotateJoinCode(): Promise<void>;
  addMember(email: string, role: CohortRole): Promise<boolean>;
  removeMember(userId: string): Promise<void>;
  setAccommodations(userId: string, body: UpdateCohortMemberBody): Promise<boolean>;
  createAssignment(body: CreateAssignmentBody): Promise<boolean>;
  removeAssignment(assignmentId: string): Promise<void>;
}

export interface CohortDeps {
  client: ApiClient;
  orgId: string;
  cohortId: string;
}

const byName = (a: CohortMember, b: CohortMember) => a.name.localeCompare(b.name);

/** "1.5× time, 1 extra attempt" */
export function describeAccommodations(member: Pick<CohortMember, 'timeFactor' | 'extraAttempts'>): string {
  const time = member.timeFactor === 1 ? 'standard time' : `${member.timeFactor}× time`;
  const extra =
    member.extraAttempts === 0
      ? 'no extra attempts'
      : `${member.extraAttempts} extra attempt${member.extraAttempts === 1 ? '' : 's'}`;
  return `${time}, ${extra}`;
}

export function createCohortStore({ client, orgId, cohortId }: CohortDeps): StoreApi<CohortState> {
  const requests = cohortsApi(client);
  return createStore<CohortState>()((set, get) => {
    const failed = (error: unknown) => set({ error: errorMessage(error) });
    const start = () => set({ error: null, message: null });
    return {
      status: 'loading',
      cohort: null,
      roster: [],
      assignments: [],
      exams: [],
      error: null,
      message: null,
      addErrors: {},
      assignErrors: {},
      accommodationErrors: {},

      async load() {
        set({ status: 'loading', error: null });
        try {
          const [cohort, roster, assignments, exams] = await Promise.all([
            requests.cohort(orgId, cohortId),
            requests.roster(orgId, cohortId),
            requests.assignments(orgId, cohortId),
            requests.exams(orgId),
          ]);
          set({
            cohort,
            roster: roster.sort(byName),
            assignments,
            exams: exams.filter((e) => e.archivedAt === null),
            status: 'ready',
          });
        } catch (error) {
          set({ status: 'failed', error: errorMessage(error) });
        }
      },

      async rename(name) {
        start();
        try {
          const cohort = await requests.rename(orgId, cohortId, name);
          set({ cohort, message: `The cohort is now called ${cohort.name}.` });
          return true;
        } catch (error) {
          failed(error);
          return false;
        }
      },

      async rotateJoinCode() {
        start();
        const old = get().cohort?.joinCode;
        try {
          const cohort = await requests.rotateJoinCode(orgId, cohortId);
          set({
            cohort,
            message: `New join code ${cohort.joinCode}.${old ? ` The old code ${old} no longer works.` : ''}`,
          });
        } catch (error) {
          failed(error);
        }
      },

      async addMember(email, role) {
        set({ error: null, message: null, addErrors: {} });
        try {
          const member = await requests.addMember(orgId, cohortId, email, role);
          set((s) => ({
            roster: [...s.roster, member].sort(byName),
            message: `${member.name} was added as ${role}.`,
            cohort: s.cohort && {
              ...s.cohort,
              ...(role === 'student'
                ? { studentCount: s.cohort.studentCount + 1 }
                : { instructorCount: s.cohort.instructorCount + 1 }),
            },
          }));
          return true;
        } catch (error) {
          set({ error: errorMessage(error), addErrors: fieldErrors(error) });
          return false;
        }
      },

      async removeMember(userId) {
        start();
        const member = get().roster.find((m) => m.userId === userId);
        try {
          await requests.removeMember(orgId, cohortId, userId);
          set((s) => ({
            roster: s.roster.filter((m) => m.userId !== userId),
            message: `${member?.name ?? 'The member'} left the cohort.`,
            cohort: s.cohort && {
              ...s.cohort,
              ...(member?.role === 'instructor'
                ? { instructorCount: Math.max(0, s.cohort.instructorCount - 1) }
                : { studentCount: Math.max(0, s.cohort.studentCount - 1) }),
            },
          }));
        } catch (error) {
          failed(error);
        }
      },

      async setAccommodations(userId, body) {
        start();
        set((s) => ({ accommodationErrors: { ...s.accommodationErrors, [userId]: {} } }));
        try {
          const member = await requests.updateMember(orgId, cohortId, userId, body);
          set((s) => ({
            roster: s.roster.map((m) => (m.userId === userId ? member : m)),
            message: `Accommodations saved for ${member.name}: ${describeAccommodations(member)}.`,
          }));
          return true;
        } catch (error) {
          set((s) => ({
            error: errorMessage(error),
            accommodationErrors: { ...s.accommodationErrors, [userId]: fieldErrors(error) },
          }));
          return false;
        }
      },

      async createAssignment(body) {
        set({ error: null, message: null, assignErrors: {} });
        try {
          const assignment = await requests.createAssignment(orgId, cohortId, body);
          set((s) => ({
            assignments: [...s.assignments, assignment],
            message: `${assignment.examName} is assigned to the cohort.`,
          }));
          return true;
        } catch (error) {
          set({ error: errorMessage(error), assignErrors: fieldErrors(error) });
          return false;
        }
      },

      async removeAssignment(assignmentId) {
        start();
        const assignment = get().assignments.find((a) => a.id === assignmentId);
        try {
          await requests.removeAssignment(orgId, assignmentId);
          set((s) => ({
            assignments: s.assignments.filter((a) => a.id !== assignmentId),
            message: `The assignment of ${assignment?.examName ?? 'the exam'} was deleted.`,
          }));
        } catch (error) {
          failed(error);
        }
      },
    };
  });
}

/** Selects from a cohort store. */
export const useCohort = <T>(store: StoreApi<CohortState>, selector: (s: CohortState) => T) =>
  useStore(store, selector);

/** Cohort requests: cohorts, rosters with accommodations, join codes, assignments. */
import type {
  AssignmentInfo,
  CohortInfo,
  CohortMember,
  CohortRole,
  CreateAssignmentBody,
  ExamInfo,
  UpdateCohortMemberBody,
} from '@coderprep/contracts';
import type { ApiClient } from '../../api/client';
import { allPages } from '../admin/api';

interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export const cohortsApi = (client: ApiClient) => {
  const cohortPath = (orgId: string, cohortId: string) => `/api/orgs/${orgId}/cohorts/${cohortId}`;
  return {
    cohorts: (orgId: string) =>
      allPages((q) => client.get<Page<CohortInfo>>(`/api/orgs/${orgId}/cohorts`, q)),
    createCohort: (orgId: string, name: string) =>
      client.post<CohortInfo>(`/api/orgs/${orgId}/cohorts`, { name }),
    cohort: (orgId: string, cohortId: string) => client.get<CohortInfo>(cohortPath(orgId, cohortId)),
    rename: (orgId: string, cohortId: string, name: string) =>
      client.patch<CohortInfo>(cohortPath(orgId, cohortId), { name }),
    rotateJoinCode: (orgId: string, cohortId: string) =>
      client.post<CohortInfo>(`${cohortPath(orgId, cohortId)}/join-code`),
    roster: (orgId: string, cohortId: string) =>
      allPages((q) => client.get<Page<CohortMember>>(`${cohortPath(orgId, cohortId)}/members`, q)),
    addMember: (orgId: string, cohortId: string, email: string, role: CohortRole) =>
      client.post<CohortMember>(`${cohortPath(orgId, cohortId)}/members`, { email, role }),
    updateMember: (orgId: string, cohortId: string, userId: string, body: UpdateCohortMemberBody) =>
      client.patch<CohortMember>(`${cohortPath(orgId, cohortId)}/members/${userId}`, body),
    removeMember: (orgId: string, cohortId: string, userId: string) =>
      client.del<void>(`${cohortPath(orgId, cohortId)}/members/${userId}`),
    assignments: (orgId: string, cohortId: string) =>
      allPages((q) => client.get<Page<AssignmentInfo>>(`${cohortPath(orgId, cohortId)}/assignments`, q)),
    createAssignment: (orgId: string, cohortId: string, body: CreateAssignmentBody) =>
      client.post<AssignmentInfo>(`${cohortPath(orgId, cohortId)}/assignments`, body),
    removeAssignment: (orgId: string, assignmentId: string) =>
      client.del<void>(`/api/orgs/${orgId}/assignments/${assignmentId}`),
    exams: (orgId: string) => allPages((q) => client.get<Page<ExamInfo>>(`/api/orgs/${orgId}/exams`, q)),
  };
};

/** The server calls of the student's dashboard. */
import type { AttemptView, MyAssignment, MyAttempt, MyCohort, WeakDomains } from '@coderprep/contracts';
import type { ApiClient } from '../api/client';

type Page<T> = { items: T[]; total: number; limit: number; offset: number };

/** The body of POST /api/me/drills (the contract's input: `missedOnly` and `minutes` have defaults). */
export interface DrillRequest {
  organisationId: string;
  count: number;
  domains?: string[];
  missedOnly?: boolean;
}

export const fetchMyAssignments = (client: ApiClient) =>
  client.get<Page<MyAssignment>>('/api/me/assignments', { limit: 200 });

export const fetchMyAttempts = (client: ApiClient) =>
  client.get<Page<MyAttempt>>('/api/me/attempts', { limit: 200 });

export const fetchMyCohorts = (client: ApiClient) =>
  client.get<Page<MyCohort>>('/api/me/cohorts', { limit: 200 });

export const fetchWeakDomains = (client: ApiClient, organisationId: string) =>
  client.get<WeakDomains>('/api/me/weak-domains', { organisationId, limit: 5 });

/** Starts an attempt at an assignment, or resumes the open one. */
export const startAssignment = (client: ApiClient, assignmentId: string) =>
  client.post<AttemptView>(`/api/assignments/${encodeURIComponent(assignmentId)}/attempts`);

export const startDrill = (client: ApiClient, body: DrillRequest) =>
  client.post<AttemptView>('/api/me/drills', body);

/** The server call of the join page. */
import type { JoinCohortResult } from '@coderprep/contracts';
import type { ApiClient } from '../api/client';

export const joinCohort = (client: ApiClient, code: string) =>
  client.post<JoinCohortResult>('/api/cohorts/join', { code });

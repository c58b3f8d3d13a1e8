/** The server calls of the result and review pages. */
import type { AttemptResult, AttemptReview } from '@coderprep/contracts';
import type { ApiClient } from '../api/client';

const attemptPath = (attemptId: string) => `/api/attempts/${encodeURIComponent(attemptId)}`;

export const fetchResult = (client: ApiClient, attemptId: string) =>
  client.get<AttemptResult>(`${attemptPath(attemptId)}/result`);

export const fetchReview = (client: ApiClient, attemptId: string) =>
  client.get<AttemptReview>(`${attemptPath(attemptId)}/review`);

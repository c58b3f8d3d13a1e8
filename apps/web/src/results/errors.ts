import { ApiError } from '../api/client';
import { localiseInstants } from './format';

export const OFFLINE_MESSAGE = 'Could not reach the server. Check your connection and try again.';

/** What to tell the student about a failed request: the server's message (dates localised) or why it failed. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return localiseInstants(error.message);
  if (error instanceof Error && error.name === 'NetworkError') return OFFLINE_MESSAGE;
  return 'Something went wrong. Try again.';
}

/** The stable error code of a server refusal, or null for anything else. */
export const codeOf = (error: unknown): string | null => (error instanceof ApiError ? error.code : null);

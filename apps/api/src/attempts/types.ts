/** The response bodies of the attempt routes, as their contracts define them. */
import type {
  attemptResultSchema,
  attemptReviewSchema,
  attemptViewSchema,
  flagResultSchema,
  savedResponseSchema,
  visitResultSchema,
} from '@coderprep/contracts';
import type { z } from 'zod';

export type AttemptViewBody = z.output<typeof attemptViewSchema>;
export type SavedResponseBody = z.output<typeof savedResponseSchema>;
export type FlagResultBody = z.output<typeof flagResultSchema>;
export type VisitResultBody = z.output<typeof visitResultSchema>;
export type AttemptResultBody = z.output<typeof attemptResultSchema>;
export type AttemptReviewBody = z.output<typeof attemptReviewSchema>;

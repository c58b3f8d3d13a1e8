/**
 * HTTP bodies of attempts: starting, the attempt as the student sees it (never any key material
 * while it is in progress), saves, flags, visits, sections, submission, results, review, the
 * student's own lists and drills.
 *
 * The student item schema is an allow-list: anything not named here is stripped from a
 * response body, a second guard behind the engine's studentView.
 */
import { CODE_KINDS, itemSchema, responseSchema } from '@coderprep/exam-engine';
import { z } from 'zod';
import { idSchema, pageOf, paginationQuerySchema, timestampSchema } from './common';

export const ATTEMPT_MODES = ['exam', 'practice', 'drill'] as const;
export const attemptModeSchema = z.enum(ATTEMPT_MODES);
export const attemptStatusSchema = z.enum(['in-progress', 'submitted']);
export const submitReasonSchema = z.enum(['student', 'expired', 'instructor']);

// ---------------------------------------------------------------- params

export const assignmentAttemptParamsSchema = z.object({ assignmentId: idSchema });
export const attemptParamsSchema = z.object({ attemptId: idSchema });
export const attemptItemParamsSchema = attemptParamsSchema.extend({ itemId: idSchema });
export const attemptSectionParamsSchema = attemptParamsSchema.extend({ sectionId: idSchema });

// ---------------------------------------------------------------- the student's items

const studentOptionSchema = z.object({ id: z.string(), text: z.string() });

const studentBlankSchema = z.union([
  z.object({
    id: z.string(),
    label: z.string(),
    kind: z.enum([...CODE_KINDS, 'procedure-line', 'number', 'text']),
  }),
  z.object({
    id: z.string(),
    label: z.string(),
    kind: z.literal('code-list'),
    codeKind: z.enum(CODE_KINDS),
    principalFirst: z.boolean(),
  }),
]);

const mcBody = { type: z.literal('multiple-choice'), options: z.array(studentOptionSchema) };
const mrBody = {
  type: z.literal('multiple-response'),
  options: z.array(studentOptionSchema),
  select: z.int().nullable(),
};
const fillInBody = { type: z.literal('fill-in'), blanks: z.array(studentBlankSchema) };

const studentSubItemSchema = z.discriminatedUnion('type', [
  z.object({ id: z.string(), stem: z.string(), ...mcBody }),
  z.object({ id: z.string(), stem: z.string(), ...mrBody }),
  z.object({ id: z.string(), stem: z.string(), ...fillInBody }),
]);

const studentMeta = {
  id: z.string(),
  version: z.int(),
  domain: z.string(),
  codeSetYear: z.int(),
  stem: z.string(),
};

/** An item as a student sees it during an attempt: no key, accepted answers, rationales or `scored`. */
export const studentItemSchema = z.discriminatedUnion('type', [
  z.object({ ...studentMeta, ...mcBody }),
  z.object({ ...studentMeta, ...mrBody }),
  z.object({ ...studentMeta, ...fillInBody }),
  z.object({
    ...studentMeta,
    type: z.literal('scenario'),
    caseText: z.string(),
    subItems: z.array(studentSubItemSchema),
  }),
]);
export type StudentItemView = z.infer<typeof studentItemSchema>;

/** The engine's grade of one response (detail varies by item type; see the engine's Grade). */
export const gradeSchema = z.object({
  score: z.number(),
  correct: z.boolean(),
  answered: z.boolean(),
  detail: z.looseObject({ type: z.string() }),
  feedback: z.object({
    rationale: z.string(),
    messages: z.array(z.object({ about: z.string(), text: z.string() })),
  }),
});
export type GradeView = z.infer<typeof gradeSchema>;

// ---------------------------------------------------------------- the attempt

export const attemptSectionViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  mayReturn: z.boolean(),
  entered: z.boolean(),
  locked: z.boolean(),
  /** Per-section clock: when this section ends (set once entered); null otherwise. */
  deadline: timestampSchema.nullable(),
  itemIds: z.array(idSchema),
});

export const attemptItemViewSchema = z.object({
  itemId: idSchema,
  sectionId: z.string(),
  position: z.int(),
  item: studentItemSchema,
  /** The last saved response, exactly as saved; null before the first save. */
  response: responseSchema.nullable(),
  /** Its sequence number (0 before the first save): the next save must send a higher one. */
  seq: z.int(),
  savedAt: timestampSchema.nullable(),
  flagged: z.boolean(),
  /** Practice and drill modes only: the grade of the saved response. */
  feedback: gradeSchema.optional(),
});

export const attemptViewSchema = z.object({
  id: idSchema,
  organisationId: idSchema,
  examId: idSchema,
  examName: z.string(),
  assignmentId: idSchema.nullable(),
  mode: attemptModeSchema,
  status: attemptStatusSchema,
  /** The server's clock: the client shows time left against this, never its own clock. */
  now: timestampSchema,
  startedAt: timestampSchema,
  /** The overall deadline (start + limit x accommodation, capped by the window close); null = none. */
  deadline: timestampSchema.nullable(),
  /** When the attempt ends where the student is (the section's or the overall deadline); null = none. */
  endsAt: timestampSchema.nullable(),
  /** Saves in flight are accepted this long after a deadline. */
  graceMs: z.int(),
  /** Time left where the student is; null = untimed. */
  timeLeftMs: z.int().nullable(),
  /**
   * The attempt's own time limit (x accommodation, plus extensions); null = untimed: the only
   * deadline, if any, is the assignment window's close (`deadline`), which is not a time limit.
   */
  timeLimitMs: z.int().nullable(),
  /** The warning thresholds (minutes left) due now, largest first. */
  warningsDue: z.array(z.number()),
  warningMinutes: z.array(z.number()),
  timeFactor: z.number(),
  currentSectionId: z.string().nullable(),
  sections: z.array(attemptSectionViewSchema),
  items: z.array(attemptItemViewSchema),
  submittedAt: timestampSchema.nullable(),
  submitReason: submitReasonSchema.nullable(),
});
export type AttemptView = z.infer<typeof attemptViewSchema>;

// ---------------------------------------------------------------- events

export const saveResponseBodySchema = z.object({
  response: responseSchema,
  /** Per item, strictly increasing: a save with a seq not above the stored one is stale (409). */
  seq: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
});
export type SaveResponseBody = z.infer<typeof saveResponseBodySchema>;

export const savedResponseSchema = z.object({
  itemId: idSchema,
  seq: z.int(),
  savedAt: timestampSchema,
  /** Practice and drill modes: immediate feedback on this item (score, detail, rationale). */
  feedback: gradeSchema.optional(),
});
export type SavedResponse = z.infer<typeof savedResponseSchema>;

export const flagBodySchema = z.object({ flagged: z.boolean() });
export const flagResultSchema = z.object({ itemId: idSchema, flagged: z.boolean() });

export const visitBodySchema = z.object({ itemId: idSchema, action: z.enum(['enter', 'leave']) });
export const visitResultSchema = z.object({
  itemId: idSchema,
  action: z.enum(['enter', 'leave']),
  /** Time recorded on this item so far (an open visit counts once it is left). */
  timeSpentMs: z.int(),
});

// ---------------------------------------------------------------- results

const tallySchema = z.object({
  earned: z.number(),
  possible: z.number(),
  percent: z.number(),
  items: z.int(),
  answered: z.int(),
});

export const attemptResultSchema = z.object({
  attemptId: idSchema,
  examName: z.string(),
  mode: attemptModeSchema,
  status: attemptStatusSchema,
  startedAt: timestampSchema,
  submittedAt: timestampSchema,
  submitReason: submitReasonSchema,
  scorePercent: z.number(),
  passed: z.boolean(),
  passPercent: z.number(),
  earned: z.number(),
  possible: z.number(),
  items: z.int(),
  answered: z.int(),
  byDomain: z.array(tallySchema.extend({ domain: z.string() })),
  bySection: z.array(tallySchema.extend({ sectionId: z.string(), title: z.string() })),
  /** Unscored (pretest) items, reported apart. */
  pretest: tallySchema,
  /** Time used: the sum of the time spent on items. */
  timeSpentMs: z.int(),
  /** Wall-clock time from start to submission. */
  elapsedMs: z.int(),
  timePerItem: z.array(z.object({ itemId: idSchema, position: z.int(), timeSpentMs: z.int() })),
});
export type AttemptResult = z.infer<typeof attemptResultSchema>;

export const attemptReviewItemSchema = z.object({
  itemId: idSchema,
  sectionId: z.string(),
  position: z.int(),
  scored: z.boolean(),
  /** The whole item at the drawn version, key and rationales included. */
  item: itemSchema,
  response: responseSchema.nullable(),
  grade: gradeSchema,
  timeSpentMs: z.int(),
  flagged: z.boolean(),
});

export const attemptReviewSchema = z.object({
  attemptId: idSchema,
  examName: z.string(),
  mode: attemptModeSchema,
  scorePercent: z.number(),
  passed: z.boolean(),
  items: z.array(attemptReviewItemSchema),
});
export type AttemptReview = z.infer<typeof attemptReviewSchema>;

// ---------------------------------------------------------------- the student's lists

export const myAttemptSchema = z.object({
  id: idSchema,
  organisationId: idSchema,
  examId: idSchema,
  examName: z.string(),
  assignmentId: idSchema.nullable(),
  mode: attemptModeSchema,
  status: attemptStatusSchema,
  startedAt: timestampSchema,
  submittedAt: timestampSchema.nullable(),
  submitReason: submitReasonSchema.nullable(),
  scorePercent: z.number().nullable(),
  passed: z.boolean().nullable(),
});
export type MyAttempt = z.infer<typeof myAttemptSchema>;
export const myAttemptsQuerySchema = paginationQuerySchema;
export const myAttemptPageSchema = pageOf(myAttemptSchema);

export const weakDomainsQuerySchema = z.object({
  organisationId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(5),
});
export const weakDomainsSchema = z.object({
  /** Weakest first (lowest percent; ties: more items first). */
  domains: z.array(
    z.object({
      domain: z.string(),
      earned: z.number(),
      possible: z.number(),
      percent: z.number(),
      items: z.int(),
      attempts: z.int(),
    }),
  ),
});
export type WeakDomains = z.infer<typeof weakDomainsSchema>;

export const drillBodySchema = z.object({
  organisationId: idSchema,
  count: z.int().min(1).max(100),
  domains: z
    .array(
      z
        .string()
        .min(1)
        .max(120)
        .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case slug'),
    )
    .max(50)
    .optional(),
  /** Only items the student did not get fully right in earlier submitted attempts. */
  missedOnly: z.boolean().default(false),
  /** A time limit; absent or null = untimed. */
  minutes: z.number().positive().max(600).nullable().default(null),
});
export type DrillBody = z.infer<typeof drillBodySchema>;

/**
 * HTTP bodies of results for instructors: the per-assignment results table (and its CSV), one
 * student's attempt with keys, item analysis, regrades after a key fix, and the audit log.
 * Everything here is for staff (admin or instructor of the organisation); staff may always see keys.
 */
import { itemSchema, responseSchema } from '@coderprep/exam-engine';
import { z } from 'zod';
import { idSchema, pageOf, paginationQuerySchema, timestampSchema } from './common';

export const resultsOrgParamsSchema = z.object({ orgId: idSchema });
export const resultsAssignmentParamsSchema = z.object({ orgId: idSchema, assignmentId: idSchema });
export const resultsExamParamsSchema = z.object({ orgId: idSchema, examId: idSchema });
export const staffAttemptParamsSchema = z.object({ orgId: idSchema, attemptId: idSchema });
export const regradeParamsSchema = z.object({ orgId: idSchema, itemId: idSchema });

// ---------------------------------------------------------------- results table

export const RESULT_SORTS = ['name', 'score', 'submittedAt'] as const;
export const RESULT_SORT_ORDERS = ['asc', 'desc'] as const;

/**
 * Sorting of the results table: by name, by score (the student's best percent) or by the time of
 * their latest submission. Students without a score or a submission come last in either order.
 */
export const resultsSortQuerySchema = z.object({
  sort: z.enum(RESULT_SORTS).default('name'),
  order: z.enum(RESULT_SORT_ORDERS).default('asc'),
});
export const resultsQuerySchema = paginationQuerySchema.extend(resultsSortQuerySchema.shape);
export type ResultsQuery = z.infer<typeof resultsQuerySchema>;

export const STUDENT_RESULT_STATUSES = ['not-started', 'in-progress', 'submitted'] as const;

export const resultDomainSchema = z.object({
  domain: z.string(),
  /** 0..100. */
  percent: z.number(),
  earned: z.number(),
  possible: z.number(),
});

/** One student's line of the results table. */
export const studentResultSchema = z.object({
  userId: idSchema,
  name: z.string(),
  email: z.string(),
  /** false: left the cohort after making an attempt (still listed: their attempts count). */
  inCohort: z.boolean(),
  /** in-progress while any attempt is open; else submitted once one is; else not-started. */
  status: z.enum(STUDENT_RESULT_STATUSES),
  attemptsUsed: z.int().min(0),
  /** The assignment's attempt limit plus the student's extra attempts. */
  attemptsAllowed: z.int().min(0),
  /** Highest percent over submitted attempts: the score that counts; null before any submission. */
  bestPercent: z.number().nullable(),
  /** Percent of the latest submitted attempt. */
  latestPercent: z.number().nullable(),
  /** Whether any submitted attempt passed; null before any submission. */
  passed: z.boolean().nullable(),
  /** Per-domain percent of the latest submitted attempt (scored items only). */
  byDomain: z.array(resultDomainSchema),
  /** Time spent on items in the latest submitted attempt. */
  timeUsedMs: z.int().nullable(),
  /** When the latest submitted attempt was submitted. */
  submittedAt: timestampSchema.nullable(),
  latestAttemptId: idSchema.nullable(),
});
export type StudentResult = z.infer<typeof studentResultSchema>;

/** Over the students with a submitted attempt, using each one's best percent. */
export const resultsSummarySchema = z.object({
  students: z.int().min(0),
  notStarted: z.int().min(0),
  inProgress: z.int().min(0),
  submitted: z.int().min(0),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  /** 0..100: the share of students with a submission who passed; null when nobody submitted. */
  passRate: z.number().nullable(),
});

export const assignmentResultsSchema = z.object({
  assignment: z.object({
    id: idSchema,
    examId: idSchema,
    examName: z.string(),
    cohortId: idSchema,
    cohortName: z.string(),
    opensAt: timestampSchema,
    closesAt: timestampSchema,
    attemptLimit: z.int(),
    passPercent: z.number(),
  }),
  /** The domains of the per-domain columns, sorted. */
  domains: z.array(z.string()),
  summary: resultsSummarySchema,
  students: pageOf(studentResultSchema),
});
export type AssignmentResults = z.infer<typeof assignmentResultsSchema>;

// ---------------------------------------------------------------- one attempt, for staff

/** The engine's grade of one response (detail varies by item type). */
export const staffGradeSchema = z.object({
  score: z.number(),
  correct: z.boolean(),
  answered: z.boolean(),
  detail: z.looseObject({ type: z.string() }),
  feedback: z.object({
    rationale: z.string(),
    messages: z.array(z.object({ about: z.string(), text: z.string() })),
  }),
});

export const staffAttemptItemSchema = z.object({
  itemId: idSchema,
  externalId: z.string(),
  version: z.int(),
  position: z.int(),
  sectionId: z.string(),
  domain: z.string(),
  /** false for pretest items. */
  scored: z.boolean(),
  points: z.number(),
  /** The whole item at the version the attempt holds: key and rationales included. */
  item: itemSchema,
  response: responseSchema.nullable(),
  /** The stored score (0..1) once submitted. */
  score: z.number().nullable(),
  /** The engine's grade of the response; null while the attempt is in progress. */
  grade: staffGradeSchema.nullable(),
  timeSpentMs: z.int(),
  flagged: z.boolean(),
});

export const staffAttemptSchema = z.object({
  id: idSchema,
  student: z.object({ id: idSchema, name: z.string(), email: z.string() }),
  examId: idSchema,
  examName: z.string(),
  assignmentId: idSchema.nullable(),
  mode: z.string(),
  status: z.enum(['in-progress', 'submitted']),
  startedAt: timestampSchema,
  submittedAt: timestampSchema.nullable(),
  submitReason: z.string().nullable(),
  deadlineAt: timestampSchema.nullable(),
  scorePercent: z.number().nullable(),
  passed: z.boolean().nullable(),
  passPercent: z.number().nullable(),
  byDomain: z.array(resultDomainSchema),
  timeUsedMs: z.int().nullable(),
  items: z.array(staffAttemptItemSchema),
});
export type StaffAttempt = z.infer<typeof staffAttemptSchema>;

// ---------------------------------------------------------------- item analysis

export const distractorRowSchema = z.object({
  /** The option id, or null for "no answer". */
  option: z.string().nullable(),
  text: z.string().nullable(),
  /** The keyed option (at the latest version analysed). */
  correct: z.boolean(),
  total: z.int().min(0),
  upper: z.int().min(0),
  lower: z.int().min(0),
});

export const itemAnalysisRowSchema = z.object({
  itemId: idSchema,
  externalId: z.string(),
  type: z.string(),
  /** The first 140 characters of the stem (of the latest version analysed). */
  stemExcerpt: z.string(),
  domain: z.string(),
  /** Every version the analysed attempts hold (a regrade moves attempts to the fixed version). */
  versions: z.array(z.int()),
  /** Unscored pretest item: analysed, never in a score. */
  pretest: z.boolean(),
  maxMark: z.number(),
  /** How many analysed attempts drew this item: its statistics are over these only. */
  attempts: z.int().min(0),
  /** Statistics below are null when fewer than 2 attempts drew the item. facility and sd: 0..1. */
  facility: z.number().nullable(),
  sd: z.number().nullable(),
  /** Percent: 100 x corr(mark, rest of the scored total). */
  discrimination: z.number().nullable(),
  /** Percent. */
  discriminativeEfficiency: z.number().nullable(),
  /** Discriminative efficiency < 15 or discrimination < 0. */
  dubious: z.boolean(),
  /** Multiple-choice items only: every option (and "no answer"), upper and lower 27% groups. */
  distractors: z.array(distractorRowSchema),
});
export type ItemAnalysisRow = z.infer<typeof itemAnalysisRowSchema>;

export const testStatisticsSchema = z.object({
  /** Submitted attempts analysed. */
  attempts: z.int(),
  /** Scored items the test statistics are computed over: those every analysed attempt drew. */
  items: z.int(),
  /** false when attempts drew different items, so only the common ones could be used. */
  allItemsCommon: z.boolean(),
  /** Mean and standard deviation of the attempt totals over those items, in marks. */
  mean: z.number(),
  sd: z.number(),
  /** Cronbach's alpha as a percent. */
  cic: z.number().nullable(),
  errorRatio: z.number().nullable(),
  /** In marks. */
  standardError: z.number().nullable(),
});

export const itemAnalysisSchema = z.object({
  scope: z.object({
    kind: z.enum(['assignment', 'exam']),
    id: idSchema,
    examName: z.string(),
  }),
  test: testStatisticsSchema,
  items: z.array(itemAnalysisRowSchema),
});
export type ItemAnalysisBody = z.infer<typeof itemAnalysisSchema>;

// ---------------------------------------------------------------- regrade

export const regradeBodySchema = z.object({
  /** The version whose key was wrong: the attempts holding it are regraded. */
  fromVersion: z.int().min(1),
  /** The fixed version (default: the item's current version). */
  toVersion: z.int().min(1).optional(),
});
export type RegradeBody = z.infer<typeof regradeBodySchema>;

export const regradeChangeSchema = z.object({
  attemptId: idSchema,
  studentName: z.string(),
  oldPercent: z.number().nullable(),
  newPercent: z.number(),
  passedBefore: z.boolean().nullable(),
  passedAfter: z.boolean(),
});

export const regradeResultSchema = z.object({
  itemId: idSchema,
  fromVersion: z.int(),
  toVersion: z.int(),
  /** Submitted attempts regraded. */
  regraded: z.int().min(0),
  changes: z.array(regradeChangeSchema),
  /**
   * Attempts still in progress on fromVersion: they will be graded against it at submission and
   * need a regrade after that.
   */
  inProgress: z.int().min(0),
});
export type RegradeResult = z.infer<typeof regradeResultSchema>;

export const regradesQuerySchema = paginationQuerySchema.extend({
  itemId: idSchema.optional(),
  attemptId: idSchema.optional(),
});

export const regradeRecordSchema = z.object({
  id: idSchema,
  attemptId: idSchema,
  studentId: idSchema,
  studentName: z.string(),
  itemId: idSchema,
  externalId: z.string(),
  fromVersion: z.int(),
  toVersion: z.int(),
  oldPercent: z.number().nullable(),
  newPercent: z.number().nullable(),
  actorId: idSchema.nullable(),
  actorName: z.string().nullable(),
  at: timestampSchema,
});
export const regradePageSchema = pageOf(regradeRecordSchema);
export type RegradePage = z.infer<typeof regradePageSchema>;

// ---------------------------------------------------------------- audit log

export const auditQuerySchema = paginationQuerySchema.extend({ targetId: idSchema.optional() });

export const auditEventSchema = z.object({
  id: idSchema,
  actorId: idSchema.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  details: z.record(z.string(), z.unknown()),
  at: timestampSchema,
});
export const auditPageSchema = pageOf(auditEventSchema);
export type AuditPage = z.infer<typeof auditPageSchema>;

/**
 * Cohorts (a class of students with its instructors), their rosters and accommodations, join
 * codes for self-enrolment, assignments (an exam for a cohort in a window), and the student's
 * own view of what is assigned to them.
 */
import { z } from 'zod';
import { emailSchema } from './auth';
import { idSchema, pageOf, paginationQuerySchema, timestampSchema } from './common';
import { examModeSchema } from './exams';

export const COHORT_ROLES = ['instructor', 'student'] as const;
export const cohortRoleSchema = z.enum(COHORT_ROLES);
export type CohortRole = z.infer<typeof cohortRoleSchema>;

export const REVIEW_POLICIES = ['after-submit', 'after-close', 'never'] as const;
/** When students see keys and rationales of a submitted attempt. */
export const reviewPolicySchema = z.enum(REVIEW_POLICIES);
export type ReviewPolicy = z.infer<typeof reviewPolicySchema>;

export const orgCohortParamsSchema = z.object({ orgId: idSchema, cohortId: idSchema });
export const cohortMemberParamsSchema = orgCohortParamsSchema.extend({ userId: idSchema });
export const orgAssignmentParamsSchema = z.object({ orgId: idSchema, assignmentId: idSchema });

/**
 * Join codes: 8 characters from an alphabet without look-alikes (no 0/O, no 1/I), so a code read
 * aloud or copied from a slide is typed right.
 */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 8;

const cohortName = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const createCohortBodySchema = z.object({ name: cohortName });
export type CreateCohortBody = z.infer<typeof createCohortBodySchema>;
export const updateCohortBodySchema = z.object({ name: cohortName });
export type UpdateCohortBody = z.infer<typeof updateCohortBodySchema>;

export const cohortSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** Self-enrolment code (staff only see it). */
  joinCode: z.string(),
  createdAt: timestampSchema,
  studentCount: z.int().min(0),
  instructorCount: z.int().min(0),
});
export type CohortInfo = z.infer<typeof cohortSchema>;
export const cohortPageSchema = pageOf(cohortSchema);

// ---------------------------------------------------------------- roster

export const cohortMemberSchema = z.object({
  userId: idSchema,
  email: z.string(),
  name: z.string(),
  role: cohortRoleSchema,
  /** Extra-time accommodation: 1 = none, 1.5 = half as long again, 2 = double time. */
  timeFactor: z.number(),
  /** Attempts on top of every assignment's limit. */
  extraAttempts: z.int().min(0),
  joinedAt: timestampSchema,
});
export type CohortMember = z.infer<typeof cohortMemberSchema>;
export const cohortMemberPageSchema = pageOf(cohortMemberSchema);

export const cohortMembersQuerySchema = paginationQuerySchema.extend({ role: cohortRoleSchema.optional() });
export type CohortMembersQuery = z.infer<typeof cohortMembersQuerySchema>;

export const addCohortMemberBodySchema = z.object({ email: emailSchema, role: cohortRoleSchema });
export type AddCohortMemberBody = z.infer<typeof addCohortMemberBodySchema>;

export const TIME_FACTOR_MAX = 4;
export const EXTRA_ATTEMPTS_MAX = 20;

/** Per-student accommodations. */
export const updateCohortMemberBodySchema = z
  .object({
    timeFactor: z
      .number()
      .min(1, 'must be at least 1 (no extra time)')
      .max(TIME_FACTOR_MAX, `must be at most ${TIME_FACTOR_MAX}`)
      .optional(),
    extraAttempts: z.int().min(0).max(EXTRA_ATTEMPTS_MAX, `must be at most ${EXTRA_ATTEMPTS_MAX}`).optional(),
  })
  .refine((body) => body.timeFactor !== undefined || body.extraAttempts !== undefined, {
    message: 'give a timeFactor or extraAttempts',
  });
export type UpdateCohortMemberBody = z.infer<typeof updateCohortMemberBodySchema>;

// ---------------------------------------------------------------- self-enrolment

export const joinCohortBodySchema = z.object({
  /** Case-insensitive; surrounding spaces ignored. */
  code: z.string().trim().min(1, 'enter the join code').max(32).toUpperCase(),
});
export type JoinCohortBody = z.infer<typeof joinCohortBodySchema>;

export const joinCohortResultSchema = z.object({
  cohortId: idSchema,
  cohortName: z.string(),
  organisationId: idSchema,
  organisationName: z.string(),
  /** The person's role in the cohort (an instructor who joins stays an instructor). */
  role: cohortRoleSchema,
  /** False when they were already in the cohort. */
  joined: z.boolean(),
});
export type JoinCohortResult = z.infer<typeof joinCohortResultSchema>;

// ---------------------------------------------------------------- assignments

const attemptLimit = z.int().min(1, 'allow at least 1 attempt').max(20, 'at most 20 attempts');

export const createAssignmentBodySchema = z
  .object({
    examId: idSchema,
    opensAt: timestampSchema.min(0),
    closesAt: timestampSchema.min(0),
    attemptLimit: attemptLimit.default(1),
    reviewPolicy: reviewPolicySchema.default('after-submit'),
  })
  .refine((body) => body.closesAt > body.opensAt, {
    path: ['closesAt'],
    message: 'must be after opensAt',
  });
export type CreateAssignmentBody = z.infer<typeof createAssignmentBodySchema>;

export const updateAssignmentBodySchema = z
  .object({
    examId: idSchema.optional(),
    opensAt: timestampSchema.min(0).optional(),
    closesAt: timestampSchema.min(0).optional(),
    attemptLimit: attemptLimit.optional(),
    reviewPolicy: reviewPolicySchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (Object.values(body).every((value) => value === undefined))
      ctx.addIssue({ code: 'custom', path: [], message: 'give at least one field to change' });
    if (body.opensAt !== undefined && body.closesAt !== undefined && body.closesAt <= body.opensAt)
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'must be after opensAt' });
  });
export type UpdateAssignmentBody = z.infer<typeof updateAssignmentBodySchema>;

export const assignmentSchema = z.object({
  id: idSchema,
  cohortId: idSchema,
  examId: idSchema,
  examName: z.string(),
  examMode: examModeSchema,
  opensAt: timestampSchema,
  closesAt: timestampSchema,
  attemptLimit: z.int().min(1),
  reviewPolicy: reviewPolicySchema,
  createdBy: idSchema.nullable(),
  createdAt: timestampSchema,
  /** Attempts made at it by anyone (once there is one, it can no longer be deleted). */
  attemptCount: z.int().min(0),
});
export type AssignmentInfo = z.infer<typeof assignmentSchema>;
export const assignmentPageSchema = pageOf(assignmentSchema);

// ---------------------------------------------------------------- the student's view

export const assignmentStateSchema = z.enum(['upcoming', 'open', 'closed']);
export type AssignmentState = z.infer<typeof assignmentStateSchema>;

export const myAssignmentSchema = z.object({
  assignmentId: idSchema,
  cohortId: idSchema,
  cohortName: z.string(),
  organisationId: idSchema,
  organisationName: z.string(),
  examId: idSchema,
  examName: z.string(),
  mode: examModeSchema,
  itemCount: z.int().min(0),
  /** The student's time limit: the exam's limit scaled by their time factor; null = untimed. */
  timeLimitMinutes: z.number().nullable(),
  /** The exam's limit before accommodations. */
  baseTimeLimitMinutes: z.number().nullable(),
  timeFactor: z.number(),
  opensAt: timestampSchema,
  closesAt: timestampSchema,
  state: assignmentStateSchema,
  reviewPolicy: reviewPolicySchema,
  attemptLimit: z.int().min(1),
  extraAttempts: z.int().min(0),
  attemptsUsed: z.int().min(0),
  /** attemptLimit + extraAttempts - attemptsUsed, never below 0. */
  attemptsLeft: z.int().min(0),
  /** The attempt in progress, to resume; null when there is none. */
  openAttemptId: idSchema.nullable(),
});
export type MyAssignment = z.infer<typeof myAssignmentSchema>;
export const myAssignmentPageSchema = pageOf(myAssignmentSchema);

export const myCohortSchema = z.object({
  cohortId: idSchema,
  name: z.string(),
  organisationId: idSchema,
  organisationName: z.string(),
  role: cohortRoleSchema,
  timeFactor: z.number(),
  extraAttempts: z.int().min(0),
  joinedAt: timestampSchema,
});
export type MyCohort = z.infer<typeof myCohortSchema>;
export const myCohortPageSchema = pageOf(myCohortSchema);

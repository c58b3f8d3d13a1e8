import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organisations, users } from './accounts';

export const EXAM_MODES = ['exam', 'practice', 'drill'] as const;
export type ExamMode = (typeof EXAM_MODES)[number];

export const exams = sqliteTable(
  'exams',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mode: text('mode', { enum: EXAM_MODES }).notNull(),
    /** The engine Blueprint as JSON. */
    blueprint: text('blueprint').notNull(),
    /** JSON array of the bank ids the exam draws from. */
    bankIds: text('bank_ids').notNull(),
    /** The preset it was built from, if any. */
    presetId: text('preset_id'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    archivedAt: integer('archived_at'),
  },
  (t) => [index('exams_organisation_idx').on(t.organisationId)],
);

export const cohorts = sqliteTable(
  'cohorts',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Self-enrolment code; rotatable. */
    joinCode: text('join_code').notNull().unique(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('cohorts_organisation_idx').on(t.organisationId)],
);

export const COHORT_ROLES = ['instructor', 'student'] as const;

export const cohortMembers = sqliteTable(
  'cohort_members',
  {
    cohortId: text('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: COHORT_ROLES }).notNull(),
    /** Extra-time accommodation: 1, 1.5, 2 ... */
    timeFactor: real('time_factor').notNull().default(1),
    extraAttempts: integer('extra_attempts').notNull().default(0),
    joinedAt: integer('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] }), index('cohort_members_user_idx').on(t.userId)],
);

export const REVIEW_POLICIES = ['after-submit', 'after-close', 'never'] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

export const assignments = sqliteTable(
  'assignments',
  {
    id: text('id').primaryKey(),
    cohortId: text('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    examId: text('exam_id')
      .notNull()
      .references(() => exams.id, { onDelete: 'restrict' }),
    opensAt: integer('opens_at').notNull(),
    closesAt: integer('closes_at').notNull(),
    attemptLimit: integer('attempt_limit').notNull().default(1),
    reviewPolicy: text('review_policy', { enum: REVIEW_POLICIES }).notNull().default('after-submit'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('assignments_cohort_idx').on(t.cohortId)],
);

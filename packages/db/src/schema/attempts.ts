import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organisations, users } from './accounts';
import { items } from './banks';
import { assignments, EXAM_MODES, exams } from './exams';

export const ATTEMPT_STATUSES = ['in-progress', 'submitted'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

export const attempts = sqliteTable(
  'attempts',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    examId: text('exam_id')
      .notNull()
      .references(() => exams.id, { onDelete: 'restrict' }),
    assignmentId: text('assignment_id').references(() => assignments.id, { onDelete: 'restrict' }),
    mode: text('mode', { enum: EXAM_MODES }).notNull(),
    status: text('status', { enum: ATTEMPT_STATUSES }).notNull(),
    /**
     * Set while the attempt is open (user + assignment or exam) and cleared at submission: its
     * unique index makes parallel starts create one attempt.
     */
    openKey: text('open_key').unique(),
    seed: text('seed').notNull(),
    /** The engine DrawnExam as JSON (sections, item versions, option orders). */
    drawn: text('drawn').notNull(),
    /** The engine attempt state as JSON, without the responses (they live in attempt_items). */
    state: text('state').notNull(),
    timeFactor: real('time_factor').notNull().default(1),
    extensionMs: integer('extension_ms').notNull().default(0),
    startedAt: integer('started_at').notNull(),
    /** null = untimed and no window. */
    deadlineAt: integer('deadline_at'),
    graceMs: integer('grace_ms').notNull(),
    submittedAt: integer('submitted_at'),
    submitReason: text('submit_reason'),
    scorePercent: real('score_percent'),
    passed: integer('passed', { mode: 'boolean' }),
    /** The engine ScoreReport as JSON. */
    result: text('result'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('attempts_user_idx').on(t.userId, t.startedAt),
    index('attempts_assignment_idx').on(t.assignmentId),
    index('attempts_open_deadline_idx').on(t.status, t.deadlineAt),
  ],
);

/** One row per drawn item of an attempt: the version drawn, the saved response, the grade. */
export const attemptItems = sqliteTable(
  'attempt_items',
  {
    attemptId: text('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'restrict' }),
    itemVersion: integer('item_version').notNull(),
    position: integer('position').notNull(),
    sectionId: text('section_id').notNull(),
    domain: text('domain').notNull(),
    scored: integer('scored', { mode: 'boolean' }).notNull(),
    points: real('points').notNull(),
    /** The engine Response as JSON, exactly as saved; null until the first save. */
    response: text('response'),
    /** The sequence number of the saved response: a save with a lower or equal one is stale. */
    seq: integer('seq').notNull().default(0),
    savedAt: integer('saved_at'),
    flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
    timeSpentMs: integer('time_spent_ms').notNull().default(0),
    /** 0..1 once graded. */
    score: real('score'),
    /** The chosen option of a multiple-choice item, for distractor analysis. */
    choice: text('choice'),
  },
  (t) => [
    primaryKey({ columns: [t.attemptId, t.itemId] }),
    index('attempt_items_item_version_idx').on(t.itemId, t.itemVersion),
  ],
);

/** Every regrade of an attempt after a key fix: who, when, old and new score. */
export const regrades = sqliteTable(
  'regrades',
  {
    id: text('id').primaryKey(),
    attemptId: text('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'restrict' }),
    fromVersion: integer('from_version').notNull(),
    toVersion: integer('to_version').notNull(),
    oldPercent: real('old_percent'),
    newPercent: real('new_percent'),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    at: integer('at').notNull(),
  },
  (t) => [index('regrades_attempt_idx').on(t.attemptId)],
);

/** What instructors and admins did to banks, exams, cohorts and grades. */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    details: text('details').notNull().default('{}'),
    at: integer('at').notNull(),
  },
  (t) => [index('audit_events_organisation_idx').on(t.organisationId, t.at)],
);

/**
 * Data access for attempts: starting (the assignment, exam, cohort member and drawable items it
 * needs), the per-item saves, flags and times, submission, expiry and the student's own lists.
 * Callers run multi-statement writes inside one `inTransaction`.
 */
import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, lt, lte, sql } from 'drizzle-orm';
import { type Db, preparedStatements } from './client';
import {
  assignments,
  attemptItems,
  attempts,
  banks,
  cohortMembers,
  cohorts,
  exams,
  items,
  itemVersions,
} from './schema/index';

export type AttemptRow = typeof attempts.$inferSelect;
export type NewAttemptRow = typeof attempts.$inferInsert;
export type AttemptItemRow = typeof attemptItems.$inferSelect;
export type NewAttemptItemRow = typeof attemptItems.$inferInsert;
/** An attempt item with the item body (engine Item JSON) at the version the attempt drew. */
export type AttemptItemWithBody = AttemptItemRow & { body: string };
export type AttemptExamRow = typeof exams.$inferSelect;
export type AttemptAssignmentRow = typeof assignments.$inferSelect;
export type AttemptCohortMemberRow = typeof cohortMembers.$inferSelect;

/** The assignment with its cohort's organisation and its exam, for starting an attempt. */
export function findAssignmentForAttempt(
  db: Db,
  assignmentId: string,
): { assignment: AttemptAssignmentRow; organisationId: string; exam: AttemptExamRow } | undefined {
  return db
    .select({ assignment: assignments, organisationId: cohorts.organisationId, exam: exams })
    .from(assignments)
    .innerJoin(cohorts, eq(cohorts.id, assignments.cohortId))
    .innerJoin(exams, eq(exams.id, assignments.examId))
    .where(eq(assignments.id, assignmentId))
    .get();
}

/** A person's membership of a cohort (role, accommodations), if any. */
export function findCohortMemberForAttempt(
  db: Db,
  cohortId: string,
  userId: string,
): AttemptCohortMemberRow | undefined {
  return db
    .select()
    .from(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)))
    .get();
}

export function findExamForAttempt(db: Db, examId: string): AttemptExamRow | undefined {
  return hot(db).findExam.get({ examId });
}

/** An active item at its current version: the row id, the version and the engine Item JSON. */
export interface DrawableItem {
  id: string;
  version: number;
  body: string;
}

/**
 * The active items a draw may use, at their current versions: of the given banks (null = every
 * bank), only banks of the organisation, optionally only these item ids.
 */
export function listDrawableItems(
  db: Db,
  organisationId: string,
  bankIds: readonly string[] | null,
  itemIds?: readonly string[],
): DrawableItem[] {
  if (bankIds !== null && bankIds.length === 0) return [];
  if (itemIds !== undefined && itemIds.length === 0) return [];
  const conditions = [eq(banks.organisationId, organisationId), eq(items.status, 'active')];
  if (bankIds !== null) conditions.push(inArray(items.bankId, [...bankIds]));
  if (itemIds !== undefined) conditions.push(inArray(items.id, [...itemIds]));
  return db
    .select({ id: items.id, version: items.currentVersion, body: itemVersions.body })
    .from(items)
    .innerJoin(banks, eq(banks.id, items.bankId))
    .innerJoin(
      itemVersions,
      and(eq(itemVersions.itemId, items.id), eq(itemVersions.version, items.currentVersion)),
    )
    .where(and(...conditions))
    .orderBy(asc(items.id))
    .all();
}

/** The open attempt holding this open key (`${userId}:${assignmentId}`), if any. */
export function findOpenAttemptByKey(db: Db, openKey: string): AttemptRow | undefined {
  return db.select().from(attempts).where(eq(attempts.openKey, openKey)).get();
}

/** How many attempts (any status) a person has made at an assignment. */
export function countAttemptsAtAssignment(db: Db, userId: string, assignmentId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(attempts)
    .where(and(eq(attempts.userId, userId), eq(attempts.assignmentId, assignmentId)))
    .get();
  return row?.n ?? 0;
}

/**
 * Inserts an attempt and its items. Returns false (and inserts nothing) when another attempt
 * already holds the open key: a parallel start won. Run it inside a transaction.
 */
export function insertAttemptWithItems(
  db: Db,
  attempt: NewAttemptRow,
  rows: readonly NewAttemptItemRow[],
): boolean {
  const inserted = db
    .insert(attempts)
    .values(attempt)
    .onConflictDoNothing({ target: attempts.openKey })
    .run();
  if (inserted.changes === 0) return false;
  // One prepared single-row insert per item: preparing a 50-row insert cost more than running it.
  const insertItem = hot(db).insertItem;
  for (const row of rows)
    insertItem.run({
      attemptId: row.attemptId,
      itemId: row.itemId,
      itemVersion: row.itemVersion,
      position: row.position,
      sectionId: row.sectionId,
      domain: row.domain,
      scored: row.scored ? 1 : 0,
      points: row.points,
    });
  return true;
}

export function findAttempt(db: Db, attemptId: string): AttemptRow | undefined {
  return hot(db).findAttempt.get({ attemptId });
}

/** An attempt row without its two large JSON columns (the drawn exam and the score report). */
export type AttemptHead = Omit<AttemptRow, 'drawn' | 'result'>;

/** The attempt without the drawn exam and the report: what a save or a flag needs, read faster. */
export function findAttemptHead(db: Db, attemptId: string): AttemptHead | undefined {
  return hot(db).findAttemptHead.get({ attemptId });
}

const itemWithBody = {
  attemptId: attemptItems.attemptId,
  itemId: attemptItems.itemId,
  itemVersion: attemptItems.itemVersion,
  position: attemptItems.position,
  sectionId: attemptItems.sectionId,
  domain: attemptItems.domain,
  scored: attemptItems.scored,
  points: attemptItems.points,
  response: attemptItems.response,
  seq: attemptItems.seq,
  savedAt: attemptItems.savedAt,
  flagged: attemptItems.flagged,
  timeSpentMs: attemptItems.timeSpentMs,
  score: attemptItems.score,
  choice: attemptItems.choice,
  body: itemVersions.body,
};

const versionJoin = and(
  eq(itemVersions.itemId, attemptItems.itemId),
  eq(itemVersions.version, attemptItems.itemVersion),
);

/** Every item of an attempt in exam order, with its body at the drawn version. */
export function listAttemptItemsWithBodies(db: Db, attemptId: string): AttemptItemWithBody[] {
  return hot(db).listItems.all({ attemptId });
}

/** One item of an attempt with its body at the drawn version. */
export function findAttemptItemWithBody(
  db: Db,
  attemptId: string,
  itemId: string,
): AttemptItemWithBody | undefined {
  return hot(db).findItem.get({ attemptId, itemId });
}

/**
 * Stores a save unless a newer one is already stored (race-safe: the row changes only when its
 * seq is lower). Returns whether it was stored.
 */
export function saveAttemptResponse(
  db: Db,
  save: { attemptId: string; itemId: string; response: string; seq: number; savedAt: number },
): boolean {
  return hot(db).saveResponse.run(save).changes === 1;
}

/**
 * The statements of the save and read paths, prepared once per database: building a drizzle
 * query costs far more than running it, and these are what a whole cohort hammers.
 */
function prepareHot(db: Db) {
  const p = sql.placeholder;
  return {
    findExam: db
      .select()
      .from(exams)
      .where(eq(exams.id, p('examId')))
      .prepare(),
    listItems: db
      .select(itemWithBody)
      .from(attemptItems)
      .innerJoin(itemVersions, versionJoin)
      .where(eq(attemptItems.attemptId, p('attemptId')))
      .orderBy(asc(attemptItems.position))
      .prepare(),
    findAttempt: db
      .select()
      .from(attempts)
      .where(eq(attempts.id, p('attemptId')))
      .prepare(),
    findAttemptHead: db
      .select(attemptHeadColumns)
      .from(attempts)
      .where(eq(attempts.id, p('attemptId')))
      .prepare(),
    insertItem: db
      .insert(attemptItems)
      .values({
        attemptId: sql`${p('attemptId')}`,
        itemId: sql`${p('itemId')}`,
        itemVersion: sql`${p('itemVersion')}`,
        position: sql`${p('position')}`,
        sectionId: sql`${p('sectionId')}`,
        domain: sql`${p('domain')}`,
        scored: sql`${p('scored')}`,
        points: sql`${p('points')}`,
      })
      .prepare(),
    gradeItem: db
      .update(attemptItems)
      .set({ score: sql`${p('score')}`, choice: sql`${p('choice')}`, timeSpentMs: sql`${p('timeSpentMs')}` })
      .where(and(eq(attemptItems.attemptId, p('attemptId')), eq(attemptItems.itemId, p('itemId'))))
      .prepare(),
    // null leaves a fact as it is.
    setItemFacts: db
      .update(attemptItems)
      .set({
        flagged: sql`coalesce(${p('flagged')}, ${attemptItems.flagged})`,
        timeSpentMs: sql`coalesce(${p('timeSpentMs')}, ${attemptItems.timeSpentMs})`,
      })
      .where(and(eq(attemptItems.attemptId, p('attemptId')), eq(attemptItems.itemId, p('itemId'))))
      .prepare(),
    findItem: db
      .select(itemWithBody)
      .from(attemptItems)
      .innerJoin(itemVersions, versionJoin)
      .where(and(eq(attemptItems.attemptId, p('attemptId')), eq(attemptItems.itemId, p('itemId'))))
      .prepare(),
    saveResponse: db
      .update(attemptItems)
      .set({ response: sql`${p('response')}`, seq: sql`${p('seq')}`, savedAt: sql`${p('savedAt')}` })
      .where(
        and(
          eq(attemptItems.attemptId, p('attemptId')),
          eq(attemptItems.itemId, p('itemId')),
          lt(attemptItems.seq, p('seq')),
        ),
      )
      .prepare(),
  };
}

const hot = preparedStatements(prepareHot);

const { drawn: _drawn, result: _result, ...attemptHeadColumns } = getTableColumns(attempts);

/** Per-item facts that change during an attempt besides the response. */
export interface AttemptItemChange {
  itemId: string;
  flagged?: boolean;
  timeSpentMs?: number;
}

export function updateAttemptItems(db: Db, attemptId: string, changes: readonly AttemptItemChange[]): void {
  const setItemFacts = hot(db).setItemFacts;
  for (const { itemId, flagged, timeSpentMs } of changes) {
    if (flagged === undefined && timeSpentMs === undefined) continue;
    setItemFacts.run({
      attemptId,
      itemId,
      flagged: flagged === undefined ? null : flagged ? 1 : 0,
      timeSpentMs: timeSpentMs ?? null,
    });
  }
}

/** Stores the attempt's engine state (without responses) and when it ends. */
export function updateAttemptState(
  db: Db,
  attemptId: string,
  set: { state: string; deadlineAt: number | null; extensionMs?: number; updatedAt: number },
): void {
  db.update(attempts).set(set).where(eq(attempts.id, attemptId)).run();
}

/** The grade of one item at submission. */
export interface AttemptItemGrade {
  itemId: string;
  score: number;
  choice: string | null;
  timeSpentMs: number;
}

/**
 * Stores a submission: the attempt's final state, score and report, and every item's grade; the
 * open key is cleared so the student may start again. Returns false when the attempt was no
 * longer in progress (nothing written). Run it inside a transaction.
 */
export function storeAttemptSubmission(
  db: Db,
  attemptId: string,
  submission: {
    state: string;
    submittedAt: number;
    submitReason: string;
    scorePercent: number;
    passed: boolean;
    result: string;
    updatedAt: number;
  },
  grades: readonly AttemptItemGrade[],
): boolean {
  const changed = db
    .update(attempts)
    .set({ ...submission, status: 'submitted', openKey: null })
    .where(and(eq(attempts.id, attemptId), eq(attempts.status, 'in-progress')))
    .run().changes;
  if (changed === 0) return false;
  const gradeItem = hot(db).gradeItem;
  for (const grade of grades) gradeItem.run({ attemptId, ...grade });
  return true;
}

/**
 * In-progress attempts whose end plus grace is at or before `now` (optionally of one person):
 * the ones the expiry job finalises.
 */
export function listDueAttemptIds(db: Db, now: number, userId?: string): string[] {
  const conditions = [
    eq(attempts.status, 'in-progress'),
    isNotNull(attempts.deadlineAt),
    lte(attempts.deadlineAt, now),
    lte(sql`${attempts.deadlineAt} + ${attempts.graceMs}`, now),
  ];
  if (userId !== undefined) conditions.push(eq(attempts.userId, userId));
  return db
    .select({ id: attempts.id })
    .from(attempts)
    .where(and(...conditions))
    .all()
    .map((row) => row.id);
}

/** A person's attempt as their own list shows it. */
export type OwnAttemptSummary = Pick<
  AttemptRow,
  | 'id'
  | 'organisationId'
  | 'examId'
  | 'assignmentId'
  | 'mode'
  | 'status'
  | 'startedAt'
  | 'submittedAt'
  | 'submitReason'
  | 'scorePercent'
  | 'passed'
> & { examName: string };

/** A person's own attempts, newest first, with the total count. */
export function listAttemptsOfUser(
  db: Db,
  userId: string,
  page: { limit: number; offset: number },
): { rows: OwnAttemptSummary[]; total: number } {
  const rows = db
    .select({
      id: attempts.id,
      organisationId: attempts.organisationId,
      examId: attempts.examId,
      examName: exams.name,
      assignmentId: attempts.assignmentId,
      mode: attempts.mode,
      status: attempts.status,
      startedAt: attempts.startedAt,
      submittedAt: attempts.submittedAt,
      submitReason: attempts.submitReason,
      scorePercent: attempts.scorePercent,
      passed: attempts.passed,
    })
    .from(attempts)
    .innerJoin(exams, eq(exams.id, attempts.examId))
    .where(eq(attempts.userId, userId))
    .orderBy(desc(attempts.startedAt), desc(attempts.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total =
    db.select({ n: sql<number>`count(*)` }).from(attempts).where(eq(attempts.userId, userId)).get()?.n ?? 0;
  return { rows, total };
}

/** Points earned and possible per domain over a person's submitted attempts (scored items only). */
export interface DomainTally {
  domain: string;
  earned: number;
  possible: number;
  items: number;
  attempts: number;
}

export function domainTalliesOfUser(db: Db, userId: string, organisationId?: string): DomainTally[] {
  const conditions = [
    eq(attempts.userId, userId),
    eq(attempts.status, 'submitted'),
    eq(attemptItems.scored, true),
  ];
  if (organisationId !== undefined) conditions.push(eq(attempts.organisationId, organisationId));
  return db
    .select({
      domain: attemptItems.domain,
      earned: sql<number>`coalesce(sum(coalesce(${attemptItems.score}, 0) * ${attemptItems.points}), 0)`,
      possible: sql<number>`sum(${attemptItems.points})`,
      items: sql<number>`count(*)`,
      attempts: sql<number>`count(distinct ${attempts.id})`,
    })
    .from(attemptItems)
    .innerJoin(attempts, eq(attempts.id, attemptItems.attemptId))
    .where(and(...conditions))
    .groupBy(attemptItems.domain)
    .all();
}

/** The items a person did not get fully right in their submitted attempts in an organisation. */
export function missedItemIdsOfUser(db: Db, userId: string, organisationId: string): string[] {
  return db
    .selectDistinct({ itemId: attemptItems.itemId })
    .from(attemptItems)
    .innerJoin(attempts, eq(attempts.id, attemptItems.attemptId))
    .where(
      and(
        eq(attempts.userId, userId),
        eq(attempts.organisationId, organisationId),
        eq(attempts.status, 'submitted'),
        lt(sql`coalesce(${attemptItems.score}, 0)`, 1),
      ),
    )
    .all()
    .map((row) => row.itemId);
}

/** The preset id marking an organisation's one hidden exam row that drills belong to. */
export const DRILL_EXAM_PRESET = 'drill';

/**
 * The organisation's hidden drill exam (mode 'drill', archived so exam lists leave it out),
 * created on first use. Run it inside a transaction.
 */
export function findOrCreateDrillExam(
  db: Db,
  input: { organisationId: string; id: string; blueprint: string; now: number },
): AttemptExamRow {
  const existing = db
    .select()
    .from(exams)
    .where(
      and(
        eq(exams.organisationId, input.organisationId),
        eq(exams.mode, 'drill'),
        eq(exams.presetId, DRILL_EXAM_PRESET),
      ),
    )
    .orderBy(asc(exams.createdAt))
    .get();
  if (existing) return existing;
  const row: AttemptExamRow = {
    id: input.id,
    organisationId: input.organisationId,
    name: 'Drill',
    mode: 'drill',
    blueprint: input.blueprint,
    bankIds: '[]',
    presetId: DRILL_EXAM_PRESET,
    createdBy: null,
    createdAt: input.now,
    archivedAt: input.now,
  };
  db.insert(exams).values(row).run();
  return row;
}

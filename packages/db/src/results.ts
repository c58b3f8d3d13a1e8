/**
 * Data access for results for instructors: the per-assignment table, one attempt for staff, item
 * analysis inputs, regrades after a key fix and the audit log's count and actor names.
 * Callers run multi-statement writes inside one `inTransaction`.
 */
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from './client';
import {
  assignments,
  attemptItems,
  attempts,
  auditEvents,
  banks,
  cohortMembers,
  cohorts,
  exams,
  items,
  itemVersions,
  regrades,
  users,
} from './schema/index';

type AttemptRow = typeof attempts.$inferSelect;
type ExamRow = typeof exams.$inferSelect;
export type RegradeRow = typeof regrades.$inferSelect;

// ---------------------------------------------------------------- scopes

export interface ResultsAssignmentScope {
  assignment: typeof assignments.$inferSelect;
  cohort: { id: string; name: string };
  exam: ExamRow;
}

/** An assignment of the organisation (through its cohort) with its cohort and exam. */
export function findAssignmentForResults(
  db: Db,
  organisationId: string,
  assignmentId: string,
): ResultsAssignmentScope | undefined {
  return db
    .select({ assignment: assignments, cohort: { id: cohorts.id, name: cohorts.name }, exam: exams })
    .from(assignments)
    .innerJoin(cohorts, eq(cohorts.id, assignments.cohortId))
    .innerJoin(exams, eq(exams.id, assignments.examId))
    .where(and(eq(assignments.id, assignmentId), eq(cohorts.organisationId, organisationId)))
    .get();
}

export function findExamForResults(db: Db, organisationId: string, examId: string): ExamRow | undefined {
  return db
    .select()
    .from(exams)
    .where(and(eq(exams.id, examId), eq(exams.organisationId, organisationId)))
    .get();
}

// ---------------------------------------------------------------- results table

export interface ResultsStudent {
  userId: string;
  name: string;
  email: string;
  extraAttempts: number;
}

/** The students of a cohort. */
export function listCohortStudentsForResults(db: Db, cohortId: string): ResultsStudent[] {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      extraAttempts: cohortMembers.extraAttempts,
    })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.role, 'student')))
    .all();
}

export type ResultAttempt = Pick<
  AttemptRow,
  'id' | 'userId' | 'status' | 'startedAt' | 'submittedAt' | 'scorePercent' | 'passed' | 'result'
> & { name: string; email: string };

/** Every attempt at an assignment (any status) with its student's name and email, oldest first. */
export function listAttemptsForResults(db: Db, assignmentId: string): ResultAttempt[] {
  return db
    .select({
      id: attempts.id,
      userId: attempts.userId,
      status: attempts.status,
      startedAt: attempts.startedAt,
      submittedAt: attempts.submittedAt,
      scorePercent: attempts.scorePercent,
      passed: attempts.passed,
      result: attempts.result,
      name: users.name,
      email: users.email,
    })
    .from(attempts)
    .innerJoin(users, eq(users.id, attempts.userId))
    .where(eq(attempts.assignmentId, assignmentId))
    .orderBy(asc(attempts.startedAt), asc(attempts.id))
    .all();
}

// ---------------------------------------------------------------- one attempt

export interface StaffAttemptRecord {
  attempt: AttemptRow;
  student: { id: string; name: string; email: string };
  exam: ExamRow;
}

/** An attempt made in the organisation, with its student and exam. */
export function findAttemptForStaff(
  db: Db,
  organisationId: string,
  attemptId: string,
): StaffAttemptRecord | undefined {
  return db
    .select({
      attempt: attempts,
      student: { id: users.id, name: users.name, email: users.email },
      exam: exams,
    })
    .from(attempts)
    .innerJoin(users, eq(users.id, attempts.userId))
    .innerJoin(exams, eq(exams.id, attempts.examId))
    .where(and(eq(attempts.id, attemptId), eq(attempts.organisationId, organisationId)))
    .get();
}

export type AttemptItemRecord = typeof attemptItems.$inferSelect & { body: string; externalId: string };

/** Every item of an attempt in exam order, with its body at the version the attempt holds. */
export function listAttemptItemsForStaff(db: Db, attemptId: string): AttemptItemRecord[] {
  return db
    .select({
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
      externalId: items.externalId,
    })
    .from(attemptItems)
    .innerJoin(
      itemVersions,
      and(eq(itemVersions.itemId, attemptItems.itemId), eq(itemVersions.version, attemptItems.itemVersion)),
    )
    .innerJoin(items, eq(items.id, attemptItems.itemId))
    .where(eq(attemptItems.attemptId, attemptId))
    .orderBy(asc(attemptItems.position))
    .all();
}

// ---------------------------------------------------------------- item analysis

/** One graded item of a submitted attempt, as item analysis needs it. */
export interface AnalysisMark {
  attemptId: string;
  itemId: string;
  itemVersion: number;
  position: number;
  scored: boolean;
  points: number;
  score: number | null;
  choice: string | null;
}

/**
 * The graded items of the submitted attempts at an assignment, or at an exam (with or without an
 * assignment), grouped by attempt in submission order.
 */
export function listAnalysisMarks(
  db: Db,
  scope: { assignmentId: string } | { examId: string },
): AnalysisMark[] {
  const where =
    'assignmentId' in scope
      ? eq(attempts.assignmentId, scope.assignmentId)
      : eq(attempts.examId, scope.examId);
  return db
    .select({
      attemptId: attemptItems.attemptId,
      itemId: attemptItems.itemId,
      itemVersion: attemptItems.itemVersion,
      position: attemptItems.position,
      scored: attemptItems.scored,
      points: attemptItems.points,
      score: attemptItems.score,
      choice: attemptItems.choice,
    })
    .from(attemptItems)
    .innerJoin(attempts, eq(attempts.id, attemptItems.attemptId))
    .where(and(where, eq(attempts.status, 'submitted')))
    .orderBy(asc(attempts.submittedAt), asc(attempts.id), asc(attemptItems.position))
    .all();
}

export interface VersionBodyRecord {
  itemId: string;
  externalId: string;
  version: number;
  body: string;
}

/** Every version of these items, with the authored id. */
export function listVersionBodyRecords(db: Db, itemIds: readonly string[]): VersionBodyRecord[] {
  const out: VersionBodyRecord[] = [];
  // SQLite caps bound parameters per statement; ask in chunks.
  for (let i = 0; i < itemIds.length; i += 500) {
    const chunk = itemIds.slice(i, i + 500);
    out.push(
      ...db
        .select({
          itemId: itemVersions.itemId,
          externalId: items.externalId,
          version: itemVersions.version,
          body: itemVersions.body,
        })
        .from(itemVersions)
        .innerJoin(items, eq(items.id, itemVersions.itemId))
        .where(inArray(itemVersions.itemId, chunk))
        .all(),
    );
  }
  return out;
}

// ---------------------------------------------------------------- regrade

type ItemRow = typeof items.$inferSelect;

/** An item of one of the organisation's banks. */
export function findItemForRegrade(db: Db, organisationId: string, itemId: string): ItemRow | undefined {
  return db
    .select({ item: items })
    .from(items)
    .innerJoin(banks, eq(banks.id, items.bankId))
    .where(and(eq(items.id, itemId), eq(banks.organisationId, organisationId)))
    .get()?.item;
}

/** The body (engine Item JSON) of one version of an item. */
export function findRegradeVersionBody(db: Db, itemId: string, version: number): string | undefined {
  return db
    .select({ body: itemVersions.body })
    .from(itemVersions)
    .where(and(eq(itemVersions.itemId, itemId), eq(itemVersions.version, version)))
    .get()?.body;
}

export type HolderAttempt = AttemptRow & { studentName: string; examBlueprint: string };

/** The organisation's attempts in this status that hold this item at this version, oldest first. */
export function listAttemptsHoldingItemVersion(
  db: Db,
  organisationId: string,
  itemId: string,
  version: number,
  status: 'in-progress' | 'submitted',
): HolderAttempt[] {
  return db
    .select({ attempt: attempts, studentName: users.name, examBlueprint: exams.blueprint })
    .from(attempts)
    .innerJoin(attemptItems, eq(attemptItems.attemptId, attempts.id))
    .innerJoin(users, eq(users.id, attempts.userId))
    .innerJoin(exams, eq(exams.id, attempts.examId))
    .where(
      and(
        eq(attempts.organisationId, organisationId),
        eq(attempts.status, status),
        eq(attemptItems.itemId, itemId),
        eq(attemptItems.itemVersion, version),
      ),
    )
    .orderBy(asc(attempts.submittedAt), asc(attempts.id))
    .all()
    .map((row) => ({ ...row.attempt, studentName: row.studentName, examBlueprint: row.examBlueprint }));
}

/** A regraded item's new grade; `itemVersion` only for the item whose key was fixed. */
export interface RegradedItem {
  itemId: string;
  score: number;
  choice: string | null;
  itemVersion?: number;
}

/**
 * Stores one attempt's regrade: the changed item grades, the attempt's new score and report, and
 * the regrade trail row. Run it inside a transaction.
 */
export function storeRegrade(
  db: Db,
  attempt: { id: string; scorePercent: number; passed: boolean; result: string; updatedAt: number },
  changed: readonly RegradedItem[],
  trail: RegradeRow,
): void {
  for (const { itemId, ...set } of changed) {
    db.update(attemptItems)
      .set(set)
      .where(and(eq(attemptItems.attemptId, attempt.id), eq(attemptItems.itemId, itemId)))
      .run();
  }
  const { id, ...set } = attempt;
  db.update(attempts).set(set).where(eq(attempts.id, id)).run();
  db.insert(regrades).values(trail).run();
}

export type RegradeRecord = RegradeRow & {
  studentId: string;
  studentName: string;
  externalId: string;
  actorName: string | null;
};

/** The organisation's regrade trail, newest first, optionally for one item and/or one attempt. */
export function listRegrades(
  db: Db,
  organisationId: string,
  options: { itemId?: string | undefined; attemptId?: string | undefined; limit: number; offset: number },
): { rows: RegradeRecord[]; total: number } {
  const conditions: SQL[] = [eq(attempts.organisationId, organisationId)];
  if (options.itemId !== undefined) conditions.push(eq(regrades.itemId, options.itemId));
  if (options.attemptId !== undefined) conditions.push(eq(regrades.attemptId, options.attemptId));
  const where = and(...conditions);
  const actors = sql`(select ${users.name} from ${users} where ${users.id} = ${regrades.actorId})`;
  const rows = db
    .select({
      regrade: regrades,
      studentId: users.id,
      studentName: users.name,
      externalId: items.externalId,
      actorName: sql<string | null>`${actors}`,
    })
    .from(regrades)
    .innerJoin(attempts, eq(attempts.id, regrades.attemptId))
    .innerJoin(users, eq(users.id, attempts.userId))
    .innerJoin(items, eq(items.id, regrades.itemId))
    .where(where)
    .orderBy(desc(regrades.at), desc(regrades.id))
    .limit(options.limit)
    .offset(options.offset)
    .all()
    .map(({ regrade, ...rest }) => ({ ...regrade, ...rest }));
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(regrades)
      .innerJoin(attempts, eq(attempts.id, regrades.attemptId))
      .where(where)
      .get()?.n ?? 0;
  return { rows, total };
}

// ---------------------------------------------------------------- audit log

/** How many audit events an organisation has (optionally for one target): the total of listAuditEvents. */
export function countAuditEvents(
  db: Db,
  organisationId: string,
  options: { targetId?: string } = {},
): number {
  const where = options.targetId
    ? and(eq(auditEvents.organisationId, organisationId), eq(auditEvents.targetId, options.targetId))
    : eq(auditEvents.organisationId, organisationId);
  return db.select({ n: sql<number>`count(*)` }).from(auditEvents).where(where).get()?.n ?? 0;
}

/** People's names by id (for showing who did what). */
export function actorNamesById(db: Db, userIds: readonly string[]): Map<string, string> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  return new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, unique))
      .all()
      .map((row) => [row.id, row.name]),
  );
}

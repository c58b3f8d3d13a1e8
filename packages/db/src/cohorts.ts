/**
 * Data access for cohorts, their rosters (with per-student accommodations), join codes,
 * assignments, and the student's own view: the cohorts they belong to and what is assigned to
 * them, with their attempts so far.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client';
import { assignments, attempts, cohortMembers, cohorts, exams, organisations, users } from './schema/index';

export type CohortRow = typeof cohorts.$inferSelect;
export type CohortMemberRow = typeof cohortMembers.$inferSelect;
export type AssignmentRow = typeof assignments.$inferSelect;
export type CohortRole = CohortMemberRow['role'];

// ---------------------------------------------------------------- cohorts

export function listOrgCohorts(
  db: Db,
  organisationId: string,
  page: { limit: number; offset: number },
): CohortRow[] {
  return db
    .select()
    .from(cohorts)
    .where(eq(cohorts.organisationId, organisationId))
    .orderBy(desc(cohorts.createdAt), asc(cohorts.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
}

export function countOrgCohorts(db: Db, organisationId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(cohorts)
    .where(eq(cohorts.organisationId, organisationId))
    .get();
  return row?.n ?? 0;
}

export function findOrgCohort(db: Db, organisationId: string, cohortId: string): CohortRow | undefined {
  return db
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.organisationId, organisationId), eq(cohorts.id, cohortId)))
    .get();
}

/** Students and instructors per cohort. */
export function cohortRoleCounts(
  db: Db,
  cohortIds: readonly string[],
): Map<string, { student: number; instructor: number }> {
  const counts = new Map(cohortIds.map((id) => [id, { student: 0, instructor: 0 }]));
  if (cohortIds.length === 0) return counts;
  const rows = db
    .select({ cohortId: cohortMembers.cohortId, role: cohortMembers.role, n: sql<number>`count(*)` })
    .from(cohortMembers)
    .where(inArray(cohortMembers.cohortId, [...cohortIds]))
    .groupBy(cohortMembers.cohortId, cohortMembers.role)
    .all();
  for (const row of rows) {
    const entry = counts.get(row.cohortId);
    if (entry) entry[row.role] = row.n;
  }
  return counts;
}

/** Inserts a cohort; returns false when its join code is already taken (nothing inserted). */
export function insertCohortRow(db: Db, row: CohortRow): boolean {
  return db.insert(cohorts).values(row).onConflictDoNothing({ target: cohorts.joinCode }).run().changes > 0;
}

export function renameCohort(db: Db, cohortId: string, name: string): void {
  db.update(cohorts).set({ name }).where(eq(cohorts.id, cohortId)).run();
}

/** Gives a cohort a new join code; returns false when the code is taken by another cohort. */
export function setCohortJoinCode(db: Db, cohortId: string, joinCode: string): boolean {
  const taken = db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.joinCode, joinCode)).get();
  if (taken) return false;
  db.update(cohorts).set({ joinCode }).where(eq(cohorts.id, cohortId)).run();
  return true;
}

/** The cohort with this join code (exact, upper-case) and its organisation's name. */
export function findCohortByJoinCode(
  db: Db,
  joinCode: string,
): { cohort: CohortRow; organisationName: string } | undefined {
  return db
    .select({ cohort: cohorts, organisationName: organisations.name })
    .from(cohorts)
    .innerJoin(organisations, eq(organisations.id, cohorts.organisationId))
    .where(eq(cohorts.joinCode, joinCode))
    .get();
}

// ---------------------------------------------------------------- roster

/** A cohort member with their account's email and name. */
export interface CohortMemberWithUser {
  userId: string;
  email: string;
  name: string;
  role: CohortRole;
  timeFactor: number;
  extraAttempts: number;
  joinedAt: number;
}

const rosterColumns = {
  userId: cohortMembers.userId,
  email: users.email,
  name: users.name,
  role: cohortMembers.role,
  timeFactor: cohortMembers.timeFactor,
  extraAttempts: cohortMembers.extraAttempts,
  joinedAt: cohortMembers.joinedAt,
};

const inCohort = (cohortId: string, role?: CohortRole) =>
  role === undefined
    ? eq(cohortMembers.cohortId, cohortId)
    : and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.role, role));

/** A page of a cohort's roster by name then email; optionally of one role. */
export function listCohortMembers(
  db: Db,
  cohortId: string,
  page: { limit: number; offset: number; role?: CohortRole | undefined },
): CohortMemberWithUser[] {
  return db
    .select(rosterColumns)
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .where(inCohort(cohortId, page.role))
    .orderBy(asc(users.name), asc(users.email))
    .limit(page.limit)
    .offset(page.offset)
    .all();
}

export function countCohortMembers(db: Db, cohortId: string, role?: CohortRole): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(cohortMembers)
    .where(inCohort(cohortId, role))
    .get();
  return row?.n ?? 0;
}

export function findCohortMember(db: Db, cohortId: string, userId: string): CohortMemberWithUser | undefined {
  return db
    .select(rosterColumns)
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)))
    .get();
}

/** Adds a cohort member; returns false (and changes nothing) when they are already in it. */
export function insertCohortMember(
  db: Db,
  row: { cohortId: string; userId: string; role: CohortRole; joinedAt: number },
): boolean {
  return db.insert(cohortMembers).values(row).onConflictDoNothing().run().changes > 0;
}

/** Sets a member's accommodations. */
export function updateCohortMemberRow(
  db: Db,
  cohortId: string,
  userId: string,
  patch: { timeFactor?: number; extraAttempts?: number },
): void {
  db.update(cohortMembers)
    .set(patch)
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)))
    .run();
}

export function deleteCohortMember(db: Db, cohortId: string, userId: string): void {
  db.delete(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)))
    .run();
}

// ---------------------------------------------------------------- assignments

/** An assignment with the name and mode of its exam. */
export interface AssignmentWithExam {
  assignment: AssignmentRow;
  examName: string;
  examMode: (typeof exams.$inferSelect)['mode'];
}

const withExam = { assignment: assignments, examName: exams.name, examMode: exams.mode };

export function listCohortAssignments(
  db: Db,
  cohortId: string,
  page: { limit: number; offset: number },
): AssignmentWithExam[] {
  return db
    .select(withExam)
    .from(assignments)
    .innerJoin(exams, eq(exams.id, assignments.examId))
    .where(eq(assignments.cohortId, cohortId))
    .orderBy(desc(assignments.opensAt), asc(assignments.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
}

export function countCohortAssignments(db: Db, cohortId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(assignments)
    .where(eq(assignments.cohortId, cohortId))
    .get();
  return row?.n ?? 0;
}

/** An assignment of one of the organisation's cohorts. */
export function findOrgAssignment(
  db: Db,
  organisationId: string,
  assignmentId: string,
): AssignmentWithExam | undefined {
  return db
    .select(withExam)
    .from(assignments)
    .innerJoin(cohorts, eq(cohorts.id, assignments.cohortId))
    .innerJoin(exams, eq(exams.id, assignments.examId))
    .where(and(eq(cohorts.organisationId, organisationId), eq(assignments.id, assignmentId)))
    .get();
}

export function insertAssignmentRow(db: Db, row: AssignmentRow): void {
  db.insert(assignments).values(row).run();
}

export function updateAssignmentRow(
  db: Db,
  assignmentId: string,
  patch: Partial<Pick<AssignmentRow, 'examId' | 'opensAt' | 'closesAt' | 'attemptLimit' | 'reviewPolicy'>>,
): void {
  db.update(assignments).set(patch).where(eq(assignments.id, assignmentId)).run();
}

export function deleteAssignmentRow(db: Db, assignmentId: string): void {
  db.delete(assignments).where(eq(assignments.id, assignmentId)).run();
}

/** Attempts made at each of these assignments, by anyone. */
export function attemptCountsOfAssignments(db: Db, assignmentIds: readonly string[]): Map<string, number> {
  if (assignmentIds.length === 0) return new Map();
  const rows = db
    .select({ assignmentId: attempts.assignmentId, n: sql<number>`count(*)` })
    .from(attempts)
    .where(inArray(attempts.assignmentId, [...assignmentIds]))
    .groupBy(attempts.assignmentId)
    .all();
  return new Map(rows.map((row) => [row.assignmentId ?? '', row.n]));
}

// ---------------------------------------------------------------- the student's own view

/** A cohort the person belongs to, with their role and accommodations there. */
export interface CohortOfUser {
  cohortId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  role: CohortRole;
  timeFactor: number;
  extraAttempts: number;
  joinedAt: number;
}

export function listCohortsOfUser(
  db: Db,
  userId: string,
  page: { limit: number; offset: number },
): CohortOfUser[] {
  return db
    .select({
      cohortId: cohorts.id,
      name: cohorts.name,
      organisationId: organisations.id,
      organisationName: organisations.name,
      role: cohortMembers.role,
      timeFactor: cohortMembers.timeFactor,
      extraAttempts: cohortMembers.extraAttempts,
      joinedAt: cohortMembers.joinedAt,
    })
    .from(cohortMembers)
    .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
    .innerJoin(organisations, eq(organisations.id, cohorts.organisationId))
    .where(eq(cohortMembers.userId, userId))
    .orderBy(asc(organisations.name), asc(cohorts.name), asc(cohorts.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
}

export function countCohortsOfUser(db: Db, userId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(cohortMembers)
    .where(eq(cohortMembers.userId, userId))
    .get();
  return row?.n ?? 0;
}

/** An assignment of a cohort the person is a student of, with what the student view needs. */
export interface StudentAssignmentRow {
  assignment: AssignmentRow;
  cohortName: string;
  organisationId: string;
  organisationName: string;
  examName: string;
  examMode: (typeof exams.$inferSelect)['mode'];
  /** The engine Blueprint as JSON. */
  blueprint: string;
  timeFactor: number;
  extraAttempts: number;
}

const studentOf = (userId: string) =>
  and(eq(cohortMembers.userId, userId), eq(cohortMembers.role, 'student'));

/** A page of the assignments of every cohort the person is a student of, soonest closing first. */
export function listStudentAssignments(
  db: Db,
  userId: string,
  page: { limit: number; offset: number },
): StudentAssignmentRow[] {
  return db
    .select({
      assignment: assignments,
      cohortName: cohorts.name,
      organisationId: organisations.id,
      organisationName: organisations.name,
      examName: exams.name,
      examMode: exams.mode,
      blueprint: exams.blueprint,
      timeFactor: cohortMembers.timeFactor,
      extraAttempts: cohortMembers.extraAttempts,
    })
    .from(cohortMembers)
    .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
    .innerJoin(organisations, eq(organisations.id, cohorts.organisationId))
    .innerJoin(assignments, eq(assignments.cohortId, cohorts.id))
    .innerJoin(exams, eq(exams.id, assignments.examId))
    .where(studentOf(userId))
    .orderBy(asc(assignments.closesAt), asc(assignments.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
}

export function countStudentAssignments(db: Db, userId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(cohortMembers)
    .innerJoin(assignments, eq(assignments.cohortId, cohortMembers.cohortId))
    .where(studentOf(userId))
    .get();
  return row?.n ?? 0;
}

/** The person's attempt rows at these assignments (status and deadline, to count and resume). */
export function attemptsOfUserAtAssignments(
  db: Db,
  userId: string,
  assignmentIds: readonly string[],
): {
  id: string;
  assignmentId: string | null;
  status: (typeof attempts.$inferSelect)['status'];
  deadlineAt: number | null;
  graceMs: number;
  startedAt: number;
}[] {
  if (assignmentIds.length === 0) return [];
  return db
    .select({
      id: attempts.id,
      assignmentId: attempts.assignmentId,
      status: attempts.status,
      deadlineAt: attempts.deadlineAt,
      graceMs: attempts.graceMs,
      startedAt: attempts.startedAt,
    })
    .from(attempts)
    .where(and(eq(attempts.userId, userId), inArray(attempts.assignmentId, [...assignmentIds])))
    .orderBy(asc(attempts.startedAt))
    .all();
}

/**
 * Data access for exams: the organisation's exams, what refers to an exam (assignments,
 * attempts), and the bank facts an exam needs (which banks belong to the organisation, and the
 * active items a supply check draws from).
 */
import { and, asc, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import { assignments, attempts, banks, exams, items, itemVersions } from './schema/index';

export type ExamRow = typeof exams.$inferSelect;
export type NewExamRow = typeof exams.$inferInsert;

/**
 * Exams staff manage. Leaves out the hidden per-organisation drill exam that attempts keep for
 * student drills (mode 'drill' with preset id 'drill': no engine preset has that id).
 */
const managed = (organisationId: string) =>
  and(
    eq(exams.organisationId, organisationId),
    or(ne(exams.mode, 'drill'), isNull(exams.presetId), ne(exams.presetId, 'drill')),
  );

const listed = (organisationId: string, includeArchived: boolean) =>
  includeArchived ? managed(organisationId) : and(managed(organisationId), isNull(exams.archivedAt));

/** A page of the organisation's exams, newest first; archived ones only when asked. */
export function listOrgExams(
  db: Db,
  organisationId: string,
  page: { limit: number; offset: number; includeArchived: boolean },
): ExamRow[] {
  return db
    .select()
    .from(exams)
    .where(listed(organisationId, page.includeArchived))
    .orderBy(desc(exams.createdAt), asc(exams.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
}

export function countOrgExams(db: Db, organisationId: string, includeArchived: boolean): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(exams)
    .where(listed(organisationId, includeArchived))
    .get();
  return row?.n ?? 0;
}

/** One of the organisation's exams (archived or not). */
export function findOrgExam(db: Db, organisationId: string, examId: string): ExamRow | undefined {
  return db
    .select()
    .from(exams)
    .where(and(managed(organisationId), eq(exams.id, examId)))
    .get();
}

export function insertExamRow(db: Db, row: NewExamRow): void {
  db.insert(exams).values(row).run();
}

export function updateExamRow(
  db: Db,
  examId: string,
  patch: Partial<Pick<ExamRow, 'name' | 'mode' | 'blueprint' | 'bankIds' | 'presetId' | 'archivedAt'>>,
): void {
  db.update(exams).set(patch).where(eq(exams.id, examId)).run();
}

export function deleteExamRow(db: Db, examId: string): void {
  db.delete(exams).where(eq(exams.id, examId)).run();
}

/** What refers to an exam: assignments and attempts (either keeps it from being deleted). */
export function examUsage(db: Db, examId: string): { assignments: number; attempts: number } {
  const a = db
    .select({ n: sql<number>`count(*)` })
    .from(assignments)
    .where(eq(assignments.examId, examId))
    .get();
  const t = db.select({ n: sql<number>`count(*)` }).from(attempts).where(eq(attempts.examId, examId)).get();
  return { assignments: a?.n ?? 0, attempts: t?.n ?? 0 };
}

/** How many assignments use each of these exams. */
export function assignmentCountsOfExams(db: Db, examIds: readonly string[]): Map<string, number> {
  if (examIds.length === 0) return new Map();
  const rows = db
    .select({ examId: assignments.examId, n: sql<number>`count(*)` })
    .from(assignments)
    .where(inArray(assignments.examId, [...examIds]))
    .groupBy(assignments.examId)
    .all();
  return new Map(rows.map((row) => [row.examId, row.n]));
}

/** The ids among `bankIds` that are banks of the organisation. */
export function orgBankIdsAmong(db: Db, organisationId: string, bankIds: readonly string[]): Set<string> {
  if (bankIds.length === 0) return new Set();
  const rows = db
    .select({ id: banks.id })
    .from(banks)
    .where(and(eq(banks.organisationId, organisationId), inArray(banks.id, [...bankIds])))
    .all();
  return new Set(rows.map((row) => row.id));
}

/** An active item at its current version, as a supply check draws it. */
export interface SupplyItemRow {
  id: string;
  version: number;
  /** The engine Item as JSON. */
  body: string;
}

/** The active items of these banks of the organisation, at their current versions. */
export function listSupplyItems(db: Db, organisationId: string, bankIds: readonly string[]): SupplyItemRow[] {
  if (bankIds.length === 0) return [];
  return db
    .select({ id: items.id, version: items.currentVersion, body: itemVersions.body })
    .from(items)
    .innerJoin(banks, eq(banks.id, items.bankId))
    .innerJoin(
      itemVersions,
      and(eq(itemVersions.itemId, items.id), eq(itemVersions.version, items.currentVersion)),
    )
    .where(
      and(
        eq(banks.organisationId, organisationId),
        inArray(items.bankId, [...bankIds]),
        eq(items.status, 'active'),
      ),
    )
    .orderBy(asc(items.id))
    .all();
}

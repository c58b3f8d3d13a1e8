/**
 * Test helper for the results tests: students, item versions and attempts written straight
 * through drizzle on top of createWorld(), graded by the engine's gradeAttempt exactly as
 * submission grades them, so these tests do not depend on the attempt routes.
 */
import {
  attemptItems,
  attempts,
  cohortMembers,
  insertUser,
  items,
  itemVersions,
  upsertMembership,
} from '@coderprep/db';
import { gradeAttempt, type Item, type Response, type ScoreReport } from '@coderprep/exam-engine';
import { and, eq } from 'drizzle-orm';
import type { World } from '../testing/fixtures';

/** Fixture multiple-choice items are keyed B. */
export const mc = (choice: string | null): Response => ({ type: 'multiple-choice', choice });
export const fill = (code: string): Response => ({ type: 'fill-in', blanks: { b1: code } });

/** Adds a student to organisation A (and, unless told otherwise, to its cohort); returns the id. */
export function addStudent(
  world: World,
  name: string,
  options: { email?: string; inCohort?: boolean; extraAttempts?: number } = {},
): string {
  const { deps } = world;
  const now = deps.clock.now();
  const id = deps.newId();
  const email =
    options.email ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${id.slice(0, 6)}@fixture.test`;
  insertUser(deps.db, { id, email, name, passwordHash: 'not-used', createdAt: now });
  upsertMembership(deps.db, world.a.organisationId, id, 'student', now);
  if (options.inCohort !== false)
    deps.db
      .insert(cohortMembers)
      .values({
        cohortId: world.a.cohortId,
        userId: id,
        role: 'student',
        extraAttempts: options.extraAttempts ?? 0,
        joinedAt: now,
      })
      .run();
  return id;
}

/** The stored body of an item version. */
export function itemVersionBody(world: World, itemId: string, version: number): Item {
  const row = world.deps.db
    .select({ body: itemVersions.body })
    .from(itemVersions)
    .where(and(eq(itemVersions.itemId, itemId), eq(itemVersions.version, version)))
    .get();
  if (!row) throw new Error(`no version ${version} of ${itemId}`);
  return JSON.parse(row.body) as Item;
}

/** Saves a new version of an item (as an edit would) and makes it current; returns its number. */
export function addItemVersion(world: World, externalId: string, change: (item: Item) => Item): number {
  const itemId = world.a.itemIds[externalId] as string;
  const current = world.deps.db.select().from(items).where(eq(items.id, itemId)).get();
  if (!current) throw new Error(`no item ${externalId}`);
  const version = current.currentVersion + 1;
  const body = { ...change(itemVersionBody(world, itemId, current.currentVersion)), version };
  const now = world.deps.clock.now();
  world.deps.db
    .insert(itemVersions)
    .values({ itemId, version, body: JSON.stringify(body), createdAt: now })
    .run();
  world.deps.db
    .update(items)
    .set({ currentVersion: version, updatedAt: now })
    .where(eq(items.id, itemId))
    .run();
  return version;
}

export interface AttemptSpec {
  userId: string;
  /** The drawn items by authored id, in exam order, with the response saved (null = none). */
  answers: Record<string, Response | null>;
  /** Versions held, by authored id (default 1). */
  versions?: Record<string, number>;
  /** Authored ids of pretest (unscored) items. */
  pretest?: readonly string[];
  status?: 'submitted' | 'in-progress';
  /** Default: the world's clock now; started 30 minutes earlier. */
  submittedAt?: number;
  /** Per item (default 60 s). */
  timeSpentMs?: number;
  /** Default: A's assignment; null for an attempt outside any assignment. */
  assignmentId?: string | null;
  passPercent?: number;
}

export interface BuiltAttempt {
  id: string;
  report: ScoreReport | null;
}

/** Writes an attempt and its items; a submitted one is graded by the engine as submission does. */
export function insertAttempt(world: World, spec: AttemptSpec): BuiltAttempt {
  const { deps } = world;
  const id = deps.newId();
  const submittedAt = spec.submittedAt ?? deps.clock.now();
  const startedAt = submittedAt - 30 * 60_000;
  const status = spec.status ?? 'submitted';
  const assignmentId = spec.assignmentId === undefined ? world.a.assignmentId : spec.assignmentId;
  const timeSpentMs = spec.timeSpentMs ?? 60_000;
  const entries = Object.entries(spec.answers).map(([externalId, response], position) => {
    const itemId = world.a.itemIds[externalId];
    if (!itemId) throw new Error(`no fixture item ${externalId}`);
    const version = spec.versions?.[externalId] ?? 1;
    const item = { ...itemVersionBody(world, itemId, version), id: itemId, version };
    return {
      itemId,
      version,
      position,
      item,
      scored: !(spec.pretest ?? []).includes(externalId),
      response: response ?? undefined,
    };
  });
  const graded =
    status === 'submitted'
      ? gradeAttempt(
          entries.map((e) => ({
            itemId: e.itemId,
            sectionId: 'part-1',
            item: e.item,
            scored: e.scored,
            response: e.response,
            timeSpentMs,
          })),
          { passPercent: spec.passPercent ?? 70 },
        )
      : null;
  const drawn = {
    blueprintId: 'small',
    seed: id,
    bankId: world.a.bankId,
    bankVersion: 1,
    sections: [
      {
        sectionId: 'part-1',
        items: entries.map((e) => ({
          itemId: e.itemId,
          version: e.version,
          domain: e.item.domain,
          scored: e.scored,
        })),
      },
    ],
  };
  deps.db
    .insert(attempts)
    .values({
      id,
      organisationId: world.a.organisationId,
      userId: spec.userId,
      examId: world.a.examId,
      assignmentId,
      mode: 'exam',
      status,
      openKey: status === 'in-progress' ? `${spec.userId}:${assignmentId ?? id}` : null,
      seed: id,
      drawn: JSON.stringify(drawn),
      state: '{}',
      startedAt,
      deadlineAt: startedAt + 60 * 60_000,
      graceMs: 0,
      submittedAt: graded ? submittedAt : null,
      submitReason: graded ? 'student' : null,
      scorePercent: graded?.report.percent ?? null,
      passed: graded?.report.passed ?? null,
      result: graded ? JSON.stringify(graded.report) : null,
      updatedAt: submittedAt,
    })
    .run();
  deps.db
    .insert(attemptItems)
    .values(
      entries.map((e, k) => {
        const grade = graded?.items[k];
        return {
          attemptId: id,
          itemId: e.itemId,
          itemVersion: e.version,
          position: e.position,
          sectionId: 'part-1',
          domain: e.item.domain,
          scored: e.scored,
          points: grade?.points ?? 1,
          response: e.response === undefined ? null : JSON.stringify(e.response),
          seq: e.response === undefined ? 0 : 1,
          savedAt: e.response === undefined ? null : startedAt + 60_000,
          timeSpentMs,
          score: grade ? grade.grade.score : null,
          choice: grade ? grade.choice : null,
        };
      }),
    )
    .run();
  return { id, report: graded?.report ?? null };
}

/** The stored attempt row. */
export const attemptRow = (world: World, id: string) =>
  world.deps.db.select().from(attempts).where(eq(attempts.id, id)).get();

/** The stored item rows of an attempt, by authored id. */
export function attemptItemsByExternalId(world: World, id: string) {
  const byRowId = new Map(Object.entries(world.a.itemIds).map(([externalId, rowId]) => [rowId, externalId]));
  return new Map(
    world.deps.db
      .select()
      .from(attemptItems)
      .where(eq(attemptItems.attemptId, id))
      .all()
      .map((row) => [byRowId.get(row.itemId) as string, row]),
  );
}

/** Shared steps of the attempt tests. */
import type { AttemptView } from '@coderprep/contracts';
import { assignments, attemptItems, attempts, cohortMembers } from '@coderprep/db';
import { and, eq } from 'drizzle-orm';
import type { Agent, World } from '../testing/fixtures';

export const MINUTE = 60_000;

/** Fixture multiple-choice items are keyed B. */
export const right = { type: 'multiple-choice', choice: 'B' } as const;
export const wrong = { type: 'multiple-choice', choice: 'A' } as const;

export const startAt = (agent: Agent, assignmentId: string) =>
  agent.post(`/api/assignments/${assignmentId}/attempts`).set('Content-Type', 'application/json');

/** Starts the student's attempt at A's assignment and returns its view (fails the test otherwise). */
export async function startStudentAttempt(world: World): Promise<AttemptView> {
  const res = await startAt(world.a.agents.student, world.a.assignmentId);
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`start failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as AttemptView;
}

export const save = (agent: Agent, attemptId: string, itemId: string, response: unknown, seq: number) =>
  agent.put(`/api/attempts/${attemptId}/items/${itemId}/response`).send({ response, seq });

export const submit = (agent: Agent, attemptId: string) =>
  agent.post(`/api/attempts/${attemptId}/submit`).set('Content-Type', 'application/json');

/** The item ids of a view whose item is in `domain`. */
export const itemsOf = (view: AttemptView, domain: string) =>
  view.items.filter((i) => i.item.domain === domain).map((i) => i.itemId);

export function attemptRow(world: World, attemptId: string) {
  return world.deps.db.select().from(attempts).where(eq(attempts.id, attemptId)).get();
}

export function attemptItemRows(world: World, attemptId: string) {
  return world.deps.db.select().from(attemptItems).where(eq(attemptItems.attemptId, attemptId)).all();
}

export function setAccommodation(world: World, change: { timeFactor?: number; extraAttempts?: number }) {
  world.deps.db
    .update(cohortMembers)
    .set(change)
    .where(
      and(eq(cohortMembers.cohortId, world.a.cohortId), eq(cohortMembers.userId, world.a.userIds.student)),
    )
    .run();
}

export function setAssignment(world: World, change: Partial<typeof assignments.$inferInsert>) {
  world.deps.db.update(assignments).set(change).where(eq(assignments.id, world.a.assignmentId)).run();
}

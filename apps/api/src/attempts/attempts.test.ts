import { attempts, cohortMembers } from '@coderprep/db';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createWorld, smallBlueprint } from '../testing/fixtures';
import {
  attemptItemRows,
  attemptRow,
  itemsOf,
  MINUTE,
  right,
  save,
  setAccommodation,
  setAssignment,
  startAt,
  startStudentAttempt,
  submit,
  wrong,
} from './test-helpers';

describe('starting an attempt', () => {
  it('draws the exam and answers 201 with the items in order, the server time and the deadline', async () => {
    const world = await createWorld();
    const now = world.deps.clock.now();
    const res = await startAt(world.a.agents.student, world.a.assignmentId);
    expect(res.status).toBe(201);
    const view = res.body;
    expect(view).toMatchObject({
      status: 'in-progress',
      mode: 'exam',
      examId: world.a.examId,
      assignmentId: world.a.assignmentId,
      examName: 'Small mock',
      now,
      startedAt: now,
      deadline: now + 60 * MINUTE,
      endsAt: now + 60 * MINUTE,
      timeLeftMs: 60 * MINUTE,
      warningsDue: [],
      warningMinutes: [10],
      graceMs: 30_000,
      timeFactor: 1,
      currentSectionId: 'part-1',
      submittedAt: null,
    });
    expect(view.sections).toEqual([
      expect.objectContaining({
        id: 'part-1',
        title: 'Part 1',
        entered: true,
        locked: false,
        mayReturn: true,
      }),
    ]);
    expect(view.items).toHaveLength(6);
    expect(itemsOf(view, 'anatomy')).toHaveLength(4);
    expect(itemsOf(view, 'radiology')).toHaveLength(2);
    expect(view.sections[0].itemIds).toEqual(view.items.map((i: { itemId: string }) => i.itemId));
    const bankRowIds = Object.values(world.a.itemIds);
    for (const [position, item] of view.items.entries()) {
      expect(bankRowIds).toContain(item.itemId);
      expect(item).toMatchObject({ position, sectionId: 'part-1', response: null, seq: 0, flagged: false });
      expect(item.item).toMatchObject({ id: item.itemId, version: 1, type: 'multiple-choice' });
      expect(item.item.options).toHaveLength(4);
      expect(item.feedback).toBeUndefined();
    }
    const rows = attemptItemRows(world, view.id);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.itemVersion === 1 && r.scored && r.points === 1)).toBe(true);
    const row = attemptRow(world, view.id);
    expect(row).toMatchObject({
      status: 'in-progress',
      openKey: `${world.a.userIds.student}:${world.a.assignmentId}`,
      deadlineAt: now + 60 * MINUTE,
      graceMs: 30_000,
    });
    expect(JSON.parse(row?.state ?? '{}')).not.toHaveProperty('saves');
  });

  it('resumes the open attempt with 200 instead of starting a second one', async () => {
    const world = await createWorld();
    const first = await startStudentAttempt(world);
    world.deps.clock.advance(5 * MINUTE);
    const again = await startAt(world.a.agents.student, world.a.assignmentId);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.id);
    expect(again.body.timeLeftMs).toBe(55 * MINUTE);
    expect(world.deps.db.select().from(attempts).all()).toHaveLength(1);
  });

  it('lets only students of the cohort start: anonymous 401, other organisation 404, staff 403', async () => {
    const world = await createWorld();
    const path = world.a.assignmentId;
    expect((await startAt(world.anonymous(), path)).status).toBe(401);
    const outsider = await startAt(world.b.agents.student, path);
    expect(outsider.status).toBe(404);
    expect(outsider.body.error.code).toBe('not-found');
    for (const role of ['instructor', 'admin'] as const) {
      const staff = await startAt(world.a.agents[role], path);
      expect(staff.status).toBe(403);
      expect(staff.body.error.code).toBe('forbidden');
    }
    // A student of the organisation who is not in the cohort.
    world.deps.db
      .delete(cohortMembers)
      .where(
        and(eq(cohortMembers.cohortId, world.a.cohortId), eq(cohortMembers.userId, world.a.userIds.student)),
      )
      .run();
    expect((await startAt(world.a.agents.student, path)).status).toBe(403);
    expect((await startAt(world.a.agents.student, 'no-such-assignment')).status).toBe(404);
    expect(world.deps.db.select().from(attempts).all()).toHaveLength(0);
  });

  it('refuses before the window opens and after it closes', async () => {
    const world = await createWorld();
    const now = world.deps.clock.now();
    setAssignment(world, { opensAt: now + 60 * MINUTE });
    const early = await startAt(world.a.agents.student, world.a.assignmentId);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not-open-yet');
    expect(early.body.error.details).toEqual({ opensAt: now + 60 * MINUTE });

    setAssignment(world, { opensAt: now - MINUTE, closesAt: now + MINUTE });
    world.deps.clock.advance(MINUTE);
    const late = await startAt(world.a.agents.student, world.a.assignmentId);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('window-closed');
  });

  it('enforces the attempt limit plus the member’s extra attempts', async () => {
    const world = await createWorld({ attemptLimit: 1 });
    const first = await startStudentAttempt(world);
    expect((await submit(world.a.agents.student, first.id)).status).toBe(200);
    const refused = await startAt(world.a.agents.student, world.a.assignmentId);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'no-attempts-left', details: { used: 1, allowed: 1 } });

    setAccommodation(world, { extraAttempts: 1 });
    const second = await startAt(world.a.agents.student, world.a.assignmentId);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.id);
    await submit(world.a.agents.student, second.body.id);
    const third = await startAt(world.a.agents.student, world.a.assignmentId);
    expect(third.body.error).toMatchObject({ code: 'no-attempts-left', details: { used: 2, allowed: 2 } });
  });

  it('reports a bank that cannot fill the blueprint as 409 bank-shortage with the engine’s details', async () => {
    const blueprint = smallBlueprint({
      sections: [{ id: 'part-1', title: 'Part 1', rules: [{ domain: 'anatomy', count: 10 }] }],
    });
    const world = await createWorld({ blueprint });
    const res = await startAt(world.a.agents.student, world.a.assignmentId);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('bank-shortage');
    expect(res.body.error.details.shortages).toEqual([
      expect.objectContaining({ sectionId: 'part-1', needed: 10, available: 6, short: 4 }),
    ]);
    expect(world.deps.db.select().from(attempts).all()).toHaveLength(0);
  });

  it('draws only active items', async () => {
    const world = await createWorld();
    const { items } = await import('@coderprep/db');
    const archived = [world.a.itemIds['anat-1'], world.a.itemIds['anat-2']] as string[];
    for (const id of archived)
      world.deps.db.update(items).set({ status: 'archived' }).where(eq(items.id, id)).run();
    const view = await startStudentAttempt(world);
    for (const id of archived) expect(view.items.map((i) => i.itemId)).not.toContain(id);
  });
});

describe('reading an attempt', () => {
  it('is for its student only: others get 404, anonymous 401', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    const own = await world.a.agents.student.get(`/api/attempts/${view.id}`);
    expect(own.status).toBe(200);
    expect(own.body.id).toBe(view.id);
    for (const agent of [world.b.agents.student, world.a.agents.instructor, world.a.agents.admin]) {
      const res = await agent.get(`/api/attempts/${view.id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not-found');
    }
    expect((await world.anonymous().get(`/api/attempts/${view.id}`)).status).toBe(401);
    expect((await world.a.agents.student.get('/api/attempts/nope')).status).toBe(404);
  });

  it('tells the time left and which warnings are due, by the server clock', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    world.deps.clock.advance(51 * MINUTE);
    const res = await world.a.agents.student.get(`/api/attempts/${view.id}`);
    expect(res.body).toMatchObject({
      timeLeftMs: 9 * MINUTE,
      warningsDue: [10],
      now: view.now + 51 * MINUTE,
    });
  });
});

describe('saving a response', () => {
  it('stores the response with its seq and shows it on the next read', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    const itemId = view.items[0]?.itemId as string;
    world.deps.clock.advance(1000);
    const res = await save(world.a.agents.student, view.id, itemId, right, 1);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ itemId, seq: 1, savedAt: view.now + 1000 });
    const read = await world.a.agents.student.get(`/api/attempts/${view.id}`);
    expect(read.body.items[0]).toMatchObject({ itemId, response: right, seq: 1, savedAt: view.now + 1000 });
    expect(read.body.items[0].feedback).toBeUndefined();
    const cleared = await save(
      world.a.agents.student,
      view.id,
      itemId,
      { type: 'multiple-choice', choice: null },
      2,
    );
    expect(cleared.status).toBe(200);
  });

  it('refuses a stale seq with 409 and the last accepted seq', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    const itemId = view.items[0]?.itemId as string;
    expect((await save(world.a.agents.student, view.id, itemId, right, 2)).status).toBe(200);
    for (const seq of [1, 2]) {
      const stale = await save(world.a.agents.student, view.id, itemId, wrong, seq);
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('stale-sequence');
      expect(stale.body.error.details).toMatchObject({ itemId, seq, lastSeq: 2 });
    }
    const rows = attemptItemRows(world, view.id).find((r) => r.itemId === itemId);
    expect(rows).toMatchObject({ seq: 2, response: JSON.stringify(right) });
  });

  it('validates the body and that the response fits the item', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    const itemId = view.items[0]?.itemId as string;
    const agent = world.a.agents.student;
    const noSeq = await agent
      .put(`/api/attempts/${view.id}/items/${itemId}/response`)
      .send({ response: right });
    expect(noSeq.status).toBe(400);
    expect(noSeq.body.error.details).toEqual([expect.objectContaining({ path: 'body.seq' })]);
    const zero = await save(agent, view.id, itemId, right, 0);
    expect(zero.body.error.details[0].path).toBe('body.seq');
    const bogus = await save(agent, view.id, itemId, { type: 'essay', text: 'hi' }, 1);
    expect(bogus.status).toBe(400);
    expect(bogus.body.error.details[0].path).toMatch(/^body\.response/);
    const otherType = await save(agent, view.id, itemId, { type: 'fill-in', blanks: { b1: 'E11.9' } }, 1);
    expect(otherType.status).toBe(400);
    expect(otherType.body.error).toMatchObject({
      code: 'invalid-response',
      details: [{ path: 'body.response.type', message: 'this question takes a multiple-choice response' }],
    });
    const noOption = await save(agent, view.id, itemId, { type: 'multiple-choice', choice: 'Z' }, 1);
    expect(noOption.body.error.details).toEqual([
      { path: 'body.response.choice', message: '"Z" is not an option' },
    ]);
    const unknownItem = await save(agent, view.id, 'not-on-this-attempt', right, 1);
    expect(unknownItem.status).toBe(404);
    expect(attemptItemRows(world, view.id).every((r) => r.seq === 0)).toBe(true);
  });

  it('is for the attempt’s student only', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    const itemId = view.items[0]?.itemId as string;
    expect((await save(world.b.agents.student, view.id, itemId, right, 1)).status).toBe(404);
    expect((await save(world.a.agents.instructor, view.id, itemId, right, 1)).status).toBe(404);
    expect((await save(world.anonymous(), view.id, itemId, right, 1)).status).toBe(401);
  });

  it('is refused once the attempt is submitted', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    await submit(world.a.agents.student, view.id);
    const res = await save(world.a.agents.student, view.id, view.items[0]?.itemId as string, right, 1);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('attempt-submitted');
  });

  it('gives immediate feedback with the rationale in practice mode', async () => {
    const world = await createWorld({ mode: 'practice' });
    const view = await startStudentAttempt(world);
    expect(view.mode).toBe('practice');
    const [first, second] = view.items;
    const good = await save(world.a.agents.student, view.id, first?.itemId as string, right, 1);
    expect(good.status).toBe(200);
    expect(good.body.feedback).toMatchObject({
      score: 1,
      correct: true,
      answered: true,
      detail: { type: 'multiple-choice', chosen: 'B', key: 'B', correct: true },
    });
    expect(good.body.feedback.feedback.rationale).toMatch(
      /^Rationale of .*: B is right per the guideline\.$/,
    );
    const bad = await save(world.a.agents.student, view.id, second?.itemId as string, wrong, 1);
    expect(bad.body.feedback).toMatchObject({ score: 0, correct: false });
    expect(bad.body.feedback.feedback.messages.map((m: { about: string }) => m.about)).toEqual(['A', 'B']);
    const read = await world.a.agents.student.get(`/api/attempts/${view.id}`);
    expect(read.body.items[0].feedback).toMatchObject({ correct: true });
    expect(read.body.items[2].feedback).toBeUndefined();
  });
});

describe('flags and visits', () => {
  it('flags and unflags an item', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    const itemId = view.items[1]?.itemId as string;
    const path = `/api/attempts/${view.id}/items/${itemId}/flag`;
    const on = await world.a.agents.student.put(path).send({ flagged: true });
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ itemId, flagged: true });
    let read = await world.a.agents.student.get(`/api/attempts/${view.id}`);
    expect(
      read.body.items.filter((i: { flagged: boolean }) => i.flagged).map((i: { itemId: string }) => i.itemId),
    ).toEqual([itemId]);
    expect((await world.a.agents.student.put(path).send({ flagged: false })).body).toEqual({
      itemId,
      flagged: false,
    });
    read = await world.a.agents.student.get(`/api/attempts/${view.id}`);
    expect(read.body.items.some((i: { flagged: boolean }) => i.flagged)).toBe(false);

    const invalid = await world.a.agents.student.put(path).send({ flagged: 'yes' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details[0].path).toBe('body.flagged');
    expect((await world.b.agents.student.put(path).send({ flagged: true })).status).toBe(404);
    expect((await world.anonymous().put(path).send({ flagged: true })).status).toBe(401);
    expect(
      (await world.a.agents.student.put(`/api/attempts/${view.id}/items/nope/flag`).send({ flagged: true }))
        .status,
    ).toBe(404);
  });

  it('records the time spent per item from enter and leave visits', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    const [a, b] = view.items.map((i) => i.itemId) as [string, string];
    const visit = (itemId: string, action: string) =>
      world.a.agents.student.post(`/api/attempts/${view.id}/visits`).send({ itemId, action });
    expect((await visit(a, 'enter')).body).toEqual({ itemId: a, action: 'enter', timeSpentMs: 0 });
    world.deps.clock.advance(30_000);
    expect((await visit(a, 'leave')).body).toEqual({ itemId: a, action: 'leave', timeSpentMs: 30_000 });
    await visit(b, 'enter');
    world.deps.clock.advance(10_000);
    await visit(a, 'enter'); // entering another item closes the open visit
    world.deps.clock.advance(5_000);
    const result = await submit(world.a.agents.student, view.id);
    const times = Object.fromEntries(
      result.body.timePerItem.map((t: { itemId: string; timeSpentMs: number }) => [t.itemId, t.timeSpentMs]),
    );
    expect(times[a]).toBe(35_000);
    expect(times[b]).toBe(10_000);
    expect(result.body.timeSpentMs).toBe(45_000);

    const bad = await world.a.agents.student
      .post(`/api/attempts/${view.id}/visits`)
      .send({ itemId: a, action: 'jump' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.action');
  });

  it('refuses visits to unknown items and to other people’s attempts', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    const body = { itemId: view.items[0]?.itemId, action: 'enter' };
    expect(
      (await world.a.agents.student.post(`/api/attempts/${view.id}/visits`).send({ ...body, itemId: 'x' }))
        .status,
    ).toBe(404);
    expect((await world.b.agents.student.post(`/api/attempts/${view.id}/visits`).send(body)).status).toBe(
      404,
    );
    expect((await world.anonymous().post(`/api/attempts/${view.id}/visits`).send(body)).status).toBe(401);
  });
});

describe('sections', () => {
  const twoParts = smallBlueprint({
    sections: [
      { id: 'part-1', title: 'Part 1', mayReturn: false, rules: [{ domain: 'anatomy', count: 4 }] },
      { id: 'part-2', title: 'Part 2', rules: [{ domain: 'radiology', count: 2 }] },
    ],
  });
  const enter = (agent: import('../testing/fixtures').Agent, attemptId: string, sectionId: string) =>
    agent
      .post(`/api/attempts/${attemptId}/sections/${sectionId}/enter`)
      .set('Content-Type', 'application/json');

  it('locks a one-way section once the student moves on', async () => {
    const world = await createWorld({ blueprint: twoParts });
    const view = await startStudentAttempt(world);
    expect(view.currentSectionId).toBe('part-1');
    expect(view.sections.map((s) => [s.id, s.entered, s.locked])).toEqual([
      ['part-1', true, false],
      ['part-2', false, false],
    ]);
    const part1Item = view.sections[0]?.itemIds[0] as string;
    const part2Item = view.sections[1]?.itemIds[0] as string;
    const early = await save(world.a.agents.student, view.id, part2Item, right, 1);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('section-locked');

    const moved = await enter(world.a.agents.student, view.id, 'part-2');
    expect(moved.status).toBe(200);
    expect(moved.body.currentSectionId).toBe('part-2');
    expect(moved.body.sections.map((s: { locked: boolean }) => s.locked)).toEqual([true, false]);
    expect((await save(world.a.agents.student, view.id, part2Item, right, 1)).status).toBe(200);
    const back = await save(world.a.agents.student, view.id, part1Item, right, 1);
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('section-locked');
    const reenter = await enter(world.a.agents.student, view.id, 'part-1');
    expect(reenter.status).toBe(409);
    expect(reenter.body.error.code).toBe('section-locked');
  });

  it('answers 404 for an unknown section or someone else’s attempt', async () => {
    const world = await createWorld({ blueprint: twoParts });
    const view = await startStudentAttempt(world);
    expect((await enter(world.a.agents.student, view.id, 'part-9')).status).toBe(404);
    expect((await enter(world.b.agents.student, view.id, 'part-2')).status).toBe(404);
    expect((await enter(world.anonymous(), view.id, 'part-2')).status).toBe(401);
  });
});

describe('submitting and results', () => {
  it('grades the saved responses, stores the result and is idempotent', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    const agent = world.a.agents.student;
    for (const id of itemsOf(view, 'anatomy')) await save(agent, view.id, id, right, 1);
    await save(agent, view.id, itemsOf(view, 'radiology')[0] as string, wrong, 1);
    world.deps.clock.advance(20 * MINUTE);

    const first = await submit(agent, view.id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      attemptId: view.id,
      status: 'submitted',
      submitReason: 'student',
      submittedAt: view.now + 20 * MINUTE,
      elapsedMs: 20 * MINUTE,
      scorePercent: 66.67,
      passed: false,
      passPercent: 70,
      earned: 4,
      possible: 6,
      items: 6,
      answered: 5,
    });
    expect(first.body.byDomain).toEqual([
      expect.objectContaining({ domain: 'anatomy', percent: 100, items: 4 }),
      expect.objectContaining({ domain: 'radiology', percent: 0, items: 2, answered: 1 }),
    ]);
    expect(first.body.bySection).toEqual([
      expect.objectContaining({ sectionId: 'part-1', title: 'Part 1', percent: 66.67 }),
    ]);
    expect(first.body.pretest).toMatchObject({ items: 0 });

    world.deps.clock.advance(MINUTE);
    const second = await submit(agent, view.id);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);

    const row = attemptRow(world, view.id);
    expect(row).toMatchObject({ status: 'submitted', openKey: null, scorePercent: 66.67, passed: false });
    const rows = attemptItemRows(world, view.id);
    expect(rows.filter((r) => r.score === 1)).toHaveLength(4);
    expect(rows.filter((r) => r.choice === 'A')).toHaveLength(1);

    const read = await agent.get(`/api/attempts/${view.id}`);
    expect(read.body).toMatchObject({ status: 'submitted', timeLeftMs: 0, submitReason: 'student' });
    expect((await agent.get(`/api/attempts/${view.id}/result`)).body).toEqual(first.body);
  });

  it('has no result before submission; the result is the owner’s only', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    const early = await world.a.agents.student.get(`/api/attempts/${view.id}/result`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not-submitted');
    expect((await submit(world.b.agents.student, view.id)).status).toBe(404);
    expect((await submit(world.a.agents.instructor, view.id)).status).toBe(404);
    expect((await submit(world.anonymous(), view.id)).status).toBe(401);
    await submit(world.a.agents.student, view.id);
    expect((await world.b.agents.student.get(`/api/attempts/${view.id}/result`)).status).toBe(404);
    expect((await world.a.agents.instructor.get(`/api/attempts/${view.id}/result`)).status).toBe(404);
    expect((await world.anonymous().get(`/api/attempts/${view.id}/result`)).status).toBe(401);
  });
});

describe('review', () => {
  const review = (agent: import('../testing/fixtures').Agent, id: string) =>
    agent.get(`/api/attempts/${id}/review`);

  it('after-submit: keys and rationales once submitted, never before', async () => {
    const world = await createWorld({ reviewPolicy: 'after-submit' });
    const view = await startStudentAttempt(world);
    await save(world.a.agents.student, view.id, view.items[0]?.itemId as string, wrong, 1);
    const early = await review(world.a.agents.student, view.id);
    expect(early.status).toBe(403);
    expect(early.body.error).toMatchObject({ code: 'review-not-available' });
    expect(early.body.error.message).toMatch(/once the attempt is submitted/);

    await submit(world.a.agents.student, view.id);
    const res = await review(world.a.agents.student, view.id);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(6);
    const first = res.body.items[0];
    expect(first).toMatchObject({ itemId: view.items[0]?.itemId, scored: true, response: wrong });
    expect(first.item).toMatchObject({ key: 'B', type: 'multiple-choice' });
    expect(first.item.rationale).toMatch(/^Rationale of/);
    expect(first.grade).toMatchObject({ score: 0, correct: false, detail: { chosen: 'A', key: 'B' } });
    expect(res.body.items[1].grade).toMatchObject({ answered: false });

    expect((await review(world.b.agents.student, view.id)).status).toBe(404);
    expect((await review(world.a.agents.instructor, view.id)).status).toBe(404);
    expect((await review(world.anonymous(), view.id)).status).toBe(401);
  });

  it('after-close: only once the assignment window has closed', async () => {
    const world = await createWorld({ reviewPolicy: 'after-close', windowMs: 2 * 3600_000 });
    const view = await startStudentAttempt(world);
    await submit(world.a.agents.student, view.id);
    const early = await review(world.a.agents.student, view.id);
    expect(early.status).toBe(403);
    expect(early.body.error.code).toBe('review-not-available');
    expect(early.body.error.message).toContain(new Date(view.now + 2 * 3600_000).toISOString());
    world.deps.clock.advance(2 * 3600_000);
    expect((await review(world.a.agents.student, view.id)).status).toBe(200);
  });

  it('never: not for students, even after the window closes', async () => {
    const world = await createWorld({ reviewPolicy: 'never', windowMs: 2 * 3600_000 });
    const view = await startStudentAttempt(world);
    await submit(world.a.agents.student, view.id);
    world.deps.clock.advance(3 * 3600_000);
    const res = await review(world.a.agents.student, view.id);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('review-not-available');
    expect(res.body.error.message).toMatch(/not made review available/);
    // The result (score, no keys) stays available.
    expect((await world.a.agents.student.get(`/api/attempts/${view.id}/result`)).status).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('documents every attempt route with its contracts', async () => {
    const world = await createWorld();
    const doc = (await world.anonymous().get('/api/openapi.json')).body;
    const routes: [string, string][] = [
      ['/api/assignments/{assignmentId}/attempts', 'post'],
      ['/api/attempts/{attemptId}', 'get'],
      ['/api/attempts/{attemptId}/items/{itemId}/response', 'put'],
      ['/api/attempts/{attemptId}/items/{itemId}/flag', 'put'],
      ['/api/attempts/{attemptId}/visits', 'post'],
      ['/api/attempts/{attemptId}/sections/{sectionId}/enter', 'post'],
      ['/api/attempts/{attemptId}/submit', 'post'],
      ['/api/attempts/{attemptId}/result', 'get'],
      ['/api/attempts/{attemptId}/review', 'get'],
      ['/api/me/attempts', 'get'],
      ['/api/me/weak-domains', 'get'],
      ['/api/me/drills', 'post'],
    ];
    for (const [path, method] of routes) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toMatchObject({
        tags: ['attempts'],
        security: [{ session: [] }],
      });
    }
    const saveOp = doc.paths['/api/attempts/{attemptId}/items/{itemId}/response'].put;
    expect(saveOp.requestBody.content['application/json'].schema.required).toEqual(['response', 'seq']);
  });
});

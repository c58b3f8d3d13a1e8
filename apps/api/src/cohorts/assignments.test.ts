import { exams } from '@coderprep/db';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, del, paths, post } from '../orgs/testing';
import { createWorld, insertBank, mcItem, type World } from '../testing/fixtures';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});

const HOUR = 3600_000;
const listUrl = (cohortId = world.a.cohortId, orgId = world.a.organisationId) =>
  `/api/orgs/${orgId}/cohorts/${cohortId}/assignments`;
const oneUrl = (assignmentId = world.a.assignmentId, orgId = world.a.organisationId) =>
  `/api/orgs/${orgId}/assignments/${assignmentId}`;
const startAttempt = (assignmentId = world.a.assignmentId) =>
  post(world.a.agents.student, `/api/assignments/${assignmentId}/attempts`);

const window = (fromNow: number, length: number) => {
  const now = world.deps.clock.now();
  return { opensAt: now + fromNow, closesAt: now + fromNow + length };
};

describe('assignments', () => {
  it('assigns an exam of the organisation to a cohort (staff), with defaults, audited', async () => {
    const res = await world.a.agents.instructor
      .post(listUrl())
      .send({ examId: world.a.examId, ...window(HOUR, 24 * HOUR) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      cohortId: world.a.cohortId,
      examId: world.a.examId,
      examName: 'Small mock',
      examMode: 'exam',
      attemptLimit: 1,
      reviewPolicy: 'after-submit',
      attemptCount: 0,
      createdBy: world.a.userIds.instructor,
    });
    const event = auditEvents(world, world.a.organisationId).find((e) => e.action === 'assignment.create');
    expect(event).toMatchObject({ targetId: res.body.id, actorId: world.a.userIds.instructor });
    const list = await world.a.agents.admin.get(listUrl());
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    const got = await world.a.agents.admin.get(oneUrl(res.body.id));
    expect(got.body).toEqual(res.body);
  });

  it('validates the window, the attempt limit, the review policy and the exam', async () => {
    const backwards = await world.a.agents.admin
      .post(listUrl())
      .send({ examId: world.a.examId, ...window(HOUR, 0) });
    expect(backwards.status).toBe(400);
    expect(paths(backwards)).toEqual(['body.closesAt']);
    const fields = await world.a.agents.admin
      .post(listUrl())
      .send({ examId: world.a.examId, ...window(0, HOUR), attemptLimit: 21, reviewPolicy: 'sometimes' });
    expect(paths(fields).sort()).toEqual(['body.attemptLimit', 'body.reviewPolicy']);
    expect(
      paths(
        await world.a.agents.admin
          .post(listUrl())
          .send({ examId: world.a.examId, ...window(0, HOUR), attemptLimit: 0 }),
      ),
    ).toEqual(['body.attemptLimit']);
    const missing = await world.a.agents.admin.post(listUrl()).send({});
    expect(paths(missing).sort()).toEqual(['body.closesAt', 'body.examId', 'body.opensAt']);

    // An exam of another organisation, or an archived one, cannot be assigned.
    const bBank = insertBank(world.deps, world.b.organisationId, [mcItem('b-1', 'anatomy')]);
    const bExam = await world.b.agents.admin
      .post(`/api/orgs/${world.b.organisationId}/exams`)
      .send({ name: 'B exam', mode: 'practice', presetId: 'cpc', bankIds: [bBank.bankId] });
    expect(bExam.status).toBe(201);
    const foreign = await world.a.agents.admin
      .post(listUrl())
      .send({ examId: bExam.body.id, ...window(0, HOUR) });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toEqual([
      { path: 'body.examId', message: 'no exam of this organisation has this id' },
    ]);
    world.deps.db.update(exams).set({ archivedAt: 1 }).where(eq(exams.id, world.a.examId)).run();
    const archived = await world.a.agents.admin
      .post(listUrl())
      .send({ examId: world.a.examId, ...window(0, HOUR) });
    expect(archived.body.error.details[0]).toMatchObject({ path: 'body.examId' });
  });

  it('changes the window, limit and review policy; never a window that closes before it opens', async () => {
    const res = await world.a.agents.instructor
      .patch(oneUrl())
      .send({ attemptLimit: 3, reviewPolicy: 'after-close', closesAt: world.deps.clock.now() + 2 * HOUR });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ attemptLimit: 3, reviewPolicy: 'after-close' });
    const event = auditEvents(world, world.a.organisationId).find((e) => e.action === 'assignment.update');
    expect(event?.details).toMatchObject({ from: { attemptLimit: 2, reviewPolicy: 'after-submit' } });

    const before = await world.a.agents.instructor
      .patch(oneUrl())
      .send({ closesAt: world.deps.clock.now() - 2 * 60_000 });
    expect(before.status).toBe(400);
    expect(paths(before)).toEqual(['body.closesAt']);
    const both = await world.a.agents.instructor.patch(oneUrl()).send({ opensAt: 10, closesAt: 5 });
    expect(paths(both)).toEqual(['body.closesAt']);
    expect(paths(await world.a.agents.instructor.patch(oneUrl()).send({}))).toEqual(['body']);
  });

  it('may switch the exam until someone attempts it', async () => {
    const created = await world.a.agents.admin
      .post(`/api/orgs/${world.a.organisationId}/exams`)
      .send({ name: 'Other', mode: 'practice', presetId: 'cpc', bankIds: [world.a.bankId] });
    const switched = await world.a.agents.admin.patch(oneUrl()).send({ examId: created.body.id });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({ examId: created.body.id, examName: 'Other', examMode: 'practice' });
    await world.a.agents.admin.patch(oneUrl()).send({ examId: world.a.examId });
    expect((await startAttempt()).status).toBe(201);
    const refused = await world.a.agents.admin.patch(oneUrl()).send({ examId: created.body.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('assignment-has-attempts');
  });

  it('deletes an assignment nobody attempted; refuses (409) once an attempt exists', async () => {
    const fresh = await world.a.agents.admin
      .post(listUrl())
      .send({ examId: world.a.examId, ...window(0, HOUR) });
    expect((await del(world.a.agents.instructor, oneUrl(fresh.body.id))).status).toBe(204);
    expect((await world.a.agents.admin.get(oneUrl(fresh.body.id))).status).toBe(404);

    expect((await startAttempt()).status).toBe(201);
    expect((await world.a.agents.admin.get(oneUrl())).body.attemptCount).toBe(1);
    const refused = await del(world.a.agents.admin, oneUrl());
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('assignment-has-attempts');
    expect(auditEvents(world, world.a.organisationId).map((e) => e.action)).toContain('assignment.delete');
  });

  it('is for staff of the organisation', async () => {
    const body = { examId: world.a.examId, ...window(0, HOUR) };
    for (const [agent, status] of [
      [world.a.agents.student, 403],
      [world.b.agents.admin, 404],
      [world.b.agents.instructor, 404],
      [world.anonymous(), 401],
    ] as const) {
      expect((await agent.get(listUrl())).status).toBe(status);
      expect((await agent.post(listUrl()).send(body)).status).toBe(status);
      expect((await agent.get(oneUrl())).status).toBe(status);
      expect((await agent.patch(oneUrl()).send({ attemptLimit: 3 })).status).toBe(status);
      expect((await del(agent, oneUrl())).status).toBe(status);
    }
    // A's assignment and cohort are not B's, even through B's own paths.
    expect(
      (await world.b.agents.admin.get(oneUrl(world.a.assignmentId, world.b.organisationId))).status,
    ).toBe(404);
    expect((await world.b.agents.admin.get(listUrl(world.a.cohortId, world.b.organisationId))).status).toBe(
      404,
    );
  });
});

describe('GET /api/me/assignments', () => {
  it('shows the student their assignments: exam, clock, window, state and attempts', async () => {
    const res = await world.a.agents.student.get('/api/me/assignments');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(res.body.items[0]).toEqual({
      assignmentId: world.a.assignmentId,
      cohortId: world.a.cohortId,
      cohortName: 'Cohort A',
      organisationId: world.a.organisationId,
      organisationName: 'Program A',
      examId: world.a.examId,
      examName: 'Small mock',
      mode: 'exam',
      itemCount: 6,
      timeLimitMinutes: 60,
      baseTimeLimitMinutes: 60,
      timeFactor: 1,
      opensAt: world.deps.clock.now() - 60_000,
      closesAt: world.deps.clock.now() + 7 * 24 * HOUR,
      state: 'open',
      reviewPolicy: 'after-submit',
      attemptLimit: 2,
      extraAttempts: 0,
      attemptsUsed: 0,
      attemptsLeft: 2,
      openAttemptId: null,
    });
  });

  it('reflects accommodations: time factor 1.5 gives a 1.5x clock, extra attempts add to the limit', async () => {
    await world.a.agents.instructor
      .patch(
        `/api/orgs/${world.a.organisationId}/cohorts/${world.a.cohortId}/members/${world.a.userIds.student}`,
      )
      .send({ timeFactor: 1.5, extraAttempts: 1 });
    const item = (await world.a.agents.student.get('/api/me/assignments')).body.items[0];
    expect(item).toMatchObject({
      timeLimitMinutes: 90,
      baseTimeLimitMinutes: 60,
      timeFactor: 1.5,
      extraAttempts: 1,
      attemptsLeft: 3,
    });
  });

  it('counts attempts used and names the attempt to resume', async () => {
    const started = await startAttempt();
    expect(started.status).toBe(201);
    const item = (await world.a.agents.student.get('/api/me/assignments')).body.items[0];
    expect(item).toMatchObject({ attemptsUsed: 1, attemptsLeft: 1, openAttemptId: started.body.id });
    // Once its time (60 min + grace) has run out it is no longer open, though it still counts.
    world.deps.clock.advance(61 * 60_000 + 30_000);
    const later = (await world.a.agents.student.get('/api/me/assignments')).body.items[0];
    expect(later).toMatchObject({ attemptsUsed: 1, attemptsLeft: 1, openAttemptId: null });
  });

  it('moves from upcoming to open to closed with the clock', async () => {
    await world.a.agents.admin.patch(oneUrl()).send(window(HOUR, HOUR));
    const state = async () => (await world.a.agents.student.get('/api/me/assignments')).body.items[0].state;
    expect(await state()).toBe('upcoming');
    world.deps.clock.advance(HOUR);
    expect(await state()).toBe('open');
    world.deps.clock.advance(HOUR);
    expect(await state()).toBe('closed');
  });

  it('shows an untimed practice exam with no clock', async () => {
    const exam = await world.a.agents.admin.post(`/api/orgs/${world.a.organisationId}/exams`).send({
      name: 'Practice',
      mode: 'practice',
      presetId: 'cmc',
      overrides: { limitMinutes: null, warningMinutes: [] },
      bankIds: [world.a.bankId],
    });
    await world.a.agents.admin.post(listUrl()).send({ examId: exam.body.id, ...window(0, HOUR) });
    const items = (await world.a.agents.student.get('/api/me/assignments')).body.items;
    expect(items.find((i: { examId: string }) => i.examId === exam.body.id)).toMatchObject({
      mode: 'practice',
      timeLimitMinutes: null,
      baseTimeLimitMinutes: null,
    });
  });

  it('is only for students of the cohort, and needs a login', async () => {
    expect((await world.a.agents.instructor.get('/api/me/assignments')).body.total).toBe(0);
    expect((await world.b.agents.student.get('/api/me/assignments')).body.total).toBe(0);
    expect((await world.anonymous().get('/api/me/assignments')).status).toBe(401);
    expect(paths(await world.a.agents.student.get('/api/me/assignments?offset=x'))).toEqual(['query.offset']);
  });
});

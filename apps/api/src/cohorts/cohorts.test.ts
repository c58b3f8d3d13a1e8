import { findMembership } from '@coderprep/db';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditActions, auditEvents, del, newAccount, paths, post } from '../orgs/testing';
import { createWorld, type World } from '../testing/fixtures';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});

const cohortsUrl = (orgId = world.a.organisationId) => `/api/orgs/${orgId}/cohorts`;
const cohortUrl = (cohortId = world.a.cohortId, orgId = world.a.organisationId) =>
  `${cohortsUrl(orgId)}/${cohortId}`;
const rosterUrl = (cohortId = world.a.cohortId) => `${cohortUrl(cohortId)}/members`;
const JOIN_CODE = /^[A-HJ-NP-Z2-9]{8}$/;

describe('cohorts', () => {
  it('creates a cohort with a join code from the unambiguous alphabet (staff), audited', async () => {
    const res = await world.a.agents.instructor.post(cohortsUrl()).send({ name: ' Spring 2026 ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Spring 2026', studentCount: 0, instructorCount: 0 });
    expect(res.body.joinCode).toMatch(JOIN_CODE);
    expect(auditActions(world, world.a.organisationId)).toContain('cohort.create');
    const list = await world.a.agents.admin.get(cohortsUrl());
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    const fixture = list.body.items.find((c: { id: string }) => c.id === world.a.cohortId);
    expect(fixture).toMatchObject({ name: 'Cohort A', studentCount: 1, instructorCount: 1 });
    const page = await world.a.agents.admin.get(`${cohortsUrl()}?limit=1`);
    expect(page.body).toMatchObject({ total: 2, limit: 1 });
    expect(page.body.items).toHaveLength(1);
  });

  it('never hands out codes with 0, O, 1 or I', async () => {
    const codes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => world.a.agents.admin.post(cohortsUrl()).send({ name: `C${i}` })),
    );
    for (const res of codes) expect(res.body.joinCode).toMatch(JOIN_CODE);
    expect(new Set(codes.map((res) => res.body.joinCode)).size).toBe(20);
  });

  it('reads and renames a cohort', async () => {
    const got = await world.a.agents.instructor.get(cohortUrl());
    expect(got.body).toMatchObject({ id: world.a.cohortId, joinCode: world.a.joinCode });
    const renamed = await world.a.agents.instructor.patch(cohortUrl()).send({ name: 'Cohort A (evening)' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Cohort A (evening)');
    const event = auditEvents(world, world.a.organisationId).find((e) => e.action === 'cohort.update');
    expect(event?.details).toEqual({ name: { from: 'Cohort A', to: 'Cohort A (evening)' } });
  });

  it('validates names with field paths', async () => {
    expect(paths(await world.a.agents.admin.post(cohortsUrl()).send({ name: '' }))).toEqual(['body.name']);
    expect(paths(await world.a.agents.admin.patch(cohortUrl()).send({ name: 'x'.repeat(201) }))).toEqual([
      'body.name',
    ]);
  });

  it('is for staff of the organisation', async () => {
    expect((await world.a.agents.student.get(cohortsUrl())).status).toBe(403);
    expect((await world.a.agents.student.post(cohortsUrl()).send({ name: 'X' })).status).toBe(403);
    expect((await world.a.agents.student.get(cohortUrl())).status).toBe(403);
    expect((await world.a.agents.student.patch(cohortUrl()).send({ name: 'X' })).status).toBe(403);
    expect((await world.b.agents.admin.get(cohortsUrl())).status).toBe(404);
    expect((await world.b.agents.admin.get(cohortUrl())).status).toBe(404);
    expect((await world.b.agents.admin.get(cohortUrl(world.a.cohortId, world.b.organisationId))).status).toBe(
      404,
    );
    expect((await world.b.agents.admin.patch(cohortUrl()).send({ name: 'X' })).status).toBe(404);
    expect((await world.anonymous().get(cohortsUrl())).status).toBe(401);
    expect((await world.anonymous().post(cohortsUrl()).send({ name: 'X' })).status).toBe(401);
  });
});

describe('join codes', () => {
  it('rotates the code: the old one stops working, the new one works', async () => {
    const rotated = await post(world.a.agents.instructor, `${cohortUrl()}/join-code`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.joinCode).toMatch(JOIN_CODE);
    expect(rotated.body.joinCode).not.toBe(world.a.joinCode);
    expect(auditActions(world, world.a.organisationId)).toContain('cohort.join-code.rotate');

    const joiner = await newAccount(world, 'late@example.test');
    const old = await joiner.agent.post('/api/cohorts/join').send({ code: world.a.joinCode });
    expect(old.status).toBe(404);
    expect(old.body.error.code).toBe('invalid-join-code');
    const fresh = await joiner.agent.post('/api/cohorts/join').send({ code: rotated.body.joinCode });
    expect(fresh.status).toBe(200);
  });

  it('rotation is for staff of the organisation', async () => {
    const url = `${cohortUrl()}/join-code`;
    expect((await post(world.a.agents.student, url)).status).toBe(403);
    expect((await post(world.b.agents.admin, url)).status).toBe(404);
    expect((await post(world.anonymous(), url)).status).toBe(401);
  });

  it('lets anyone logged in join as a student of the cohort and its organisation; idempotent', async () => {
    const joiner = await newAccount(world, 'joiner@example.test');
    const code = `  ${world.a.joinCode.toLowerCase()} `;
    const res = await joiner.agent.post('/api/cohorts/join').send({ code });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      cohortId: world.a.cohortId,
      cohortName: 'Cohort A',
      organisationId: world.a.organisationId,
      organisationName: 'Program A',
      role: 'student',
      joined: true,
    });
    expect(findMembership(world.deps.db, world.a.organisationId, joiner.id)?.role).toBe('student');
    const again = await joiner.agent.post('/api/cohorts/join').send({ code: world.a.joinCode });
    expect(again.body.joined).toBe(false);
    const roster = await world.a.agents.admin.get(rosterUrl());
    expect(roster.body.total).toBe(3);
    expect(
      auditActions(world, world.a.organisationId).filter((a) => a === 'cohort.member.join'),
    ).toHaveLength(1);
    // The assignment is theirs now.
    expect((await joiner.agent.get('/api/me/assignments')).body.items[0].assignmentId).toBe(
      world.a.assignmentId,
    );
  });

  it('keeps an existing role: the cohort instructor stays instructor, an org admin stays admin', async () => {
    const instructor = await world.a.agents.instructor
      .post('/api/cohorts/join')
      .send({ code: world.a.joinCode });
    expect(instructor.body).toMatchObject({ role: 'instructor', joined: false });
    const admin = await world.a.agents.admin.post('/api/cohorts/join').send({ code: world.a.joinCode });
    expect(admin.body).toMatchObject({ role: 'student', joined: true });
    expect(findMembership(world.deps.db, world.a.organisationId, world.a.userIds.admin)?.role).toBe('admin');
  });

  it('throttles wrong guesses per person: 10 per 15 minutes, then 429', async () => {
    const guesser = await newAccount(world, 'guesser@example.test');
    for (let i = 0; i < 10; i++) {
      const res = await guesser.agent.post('/api/cohorts/join').send({ code: `WRONG${i}AB` });
      expect(res.status).toBe(404);
    }
    const blocked = await guesser.agent.post('/api/cohorts/join').send({ code: world.a.joinCode });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too-many-attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Someone else is not affected.
    expect(
      (await world.b.agents.student.post('/api/cohorts/join').send({ code: world.a.joinCode })).status,
    ).toBe(200);
    world.deps.clock.advance(15 * 60_000 + 1);
    expect((await guesser.agent.post('/api/cohorts/join').send({ code: world.a.joinCode })).status).toBe(200);
  });

  it('validates the code and needs a login', async () => {
    const res = await world.a.agents.student.post('/api/cohorts/join').send({ code: '  ' });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['body.code']);
    expect((await world.anonymous().post('/api/cohorts/join').send({ code: world.a.joinCode })).status).toBe(
      401,
    );
  });
});

describe('roster', () => {
  it('lists members with role and accommodations, paginated (staff)', async () => {
    const res = await world.a.agents.instructor.get(rosterUrl());
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items).toEqual([
      expect.objectContaining({ userId: world.a.userIds.instructor, role: 'instructor', timeFactor: 1 }),
      expect.objectContaining({
        userId: world.a.userIds.student,
        email: world.a.emails.student,
        role: 'student',
        timeFactor: 1,
        extraAttempts: 0,
      }),
    ]);
    const students = await world.a.agents.instructor.get(`${rosterUrl()}?role=student&limit=1`);
    expect(students.body).toMatchObject({ total: 1, limit: 1 });
    expect(paths(await world.a.agents.instructor.get(`${rosterUrl()}?role=admin`))).toEqual(['query.role']);
  });

  it('adds an existing account; someone without a role in the organisation gets that role there', async () => {
    const student = await newAccount(world, 'new.student@example.test');
    const added = await world.a.agents.instructor
      .post(rosterUrl())
      .send({ email: 'new.student@example.test', role: 'student' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      userId: student.id,
      role: 'student',
      timeFactor: 1,
      extraAttempts: 0,
    });
    expect(findMembership(world.deps.db, world.a.organisationId, student.id)?.role).toBe('student');

    const teacher = await newAccount(world, 'new.teacher@example.test');
    await world.a.agents.admin
      .post(rosterUrl())
      .send({ email: 'new.teacher@example.test', role: 'instructor' });
    expect(findMembership(world.deps.db, world.a.organisationId, teacher.id)?.role).toBe('instructor');

    // An org admin added as a student of the cohort stays an admin of the organisation.
    await world.a.agents.instructor.post(rosterUrl()).send({ email: world.a.emails.admin, role: 'student' });
    expect(findMembership(world.deps.db, world.a.organisationId, world.a.userIds.admin)?.role).toBe('admin');
    const event = auditEvents(world, world.a.organisationId).find(
      (e) => e.action === 'cohort.member.add' && e.details.userId === student.id,
    );
    expect(event?.details).toMatchObject({ role: 'student', organisationRole: 'student' });
  });

  it('refuses unknown accounts, people already in the cohort, and students as instructors', async () => {
    const none = await world.a.agents.instructor
      .post(rosterUrl())
      .send({ email: 'ghost@example.test', role: 'student' });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('no-such-account');
    const twice = await world.a.agents.instructor
      .post(rosterUrl())
      .send({ email: world.a.emails.student, role: 'student' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already-in-cohort');
    const cohort = await world.a.agents.admin.post(cohortsUrl()).send({ name: 'Other' });
    const escalate = await world.a.agents.instructor
      .post(rosterUrl(cohort.body.id))
      .send({ email: world.a.emails.student, role: 'instructor' });
    expect(escalate.status).toBe(409);
    expect(escalate.body.error.code).toBe('not-staff');
  });

  it('validates the body', async () => {
    const res = await world.a.agents.instructor.post(rosterUrl()).send({ email: 'x', role: 'admin' });
    expect(paths(res).sort()).toEqual(['body.email', 'body.role']);
  });

  it('sets per-student accommodations (time factor, extra attempts), audited', async () => {
    const url = `${rosterUrl()}/${world.a.userIds.student}`;
    const res = await world.a.agents.instructor.patch(url).send({ timeFactor: 1.5, extraAttempts: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: world.a.userIds.student, timeFactor: 1.5, extraAttempts: 2 });
    const only = await world.a.agents.instructor.patch(url).send({ timeFactor: 2 });
    expect(only.body).toMatchObject({ timeFactor: 2, extraAttempts: 2 });
    const event = auditEvents(world, world.a.organisationId).find(
      (e) =>
        e.action === 'cohort.member.update' && (e.details.to as { timeFactor: number }).timeFactor === 1.5,
    );
    expect(event?.details).toMatchObject({
      userId: world.a.userIds.student,
      from: { timeFactor: 1, extraAttempts: 0 },
      to: { timeFactor: 1.5, extraAttempts: 2 },
    });
  });

  it('validates accommodations: time factor 1..4, extra attempts 0..20', async () => {
    const url = `${rosterUrl()}/${world.a.userIds.student}`;
    expect(paths(await world.a.agents.admin.patch(url).send({ timeFactor: 4.5 }))).toEqual([
      'body.timeFactor',
    ]);
    expect(paths(await world.a.agents.admin.patch(url).send({ timeFactor: 0.5 }))).toEqual([
      'body.timeFactor',
    ]);
    expect(paths(await world.a.agents.admin.patch(url).send({ extraAttempts: 21 }))).toEqual([
      'body.extraAttempts',
    ]);
    expect(paths(await world.a.agents.admin.patch(url).send({ extraAttempts: 1.5 }))).toEqual([
      'body.extraAttempts',
    ]);
    expect(paths(await world.a.agents.admin.patch(url).send({}))).toEqual(['body']);
    const stranger = await world.a.agents.admin
      .patch(`${rosterUrl()}/${world.b.userIds.student}`)
      .send({ timeFactor: 2 });
    expect(stranger.status).toBe(404);
  });

  it('removes someone from the cohort (not from the organisation), audited', async () => {
    const res = await del(world.a.agents.instructor, `${rosterUrl()}/${world.a.userIds.student}`);
    expect(res.status).toBe(204);
    expect((await world.a.agents.student.get('/api/me/assignments')).body.total).toBe(0);
    expect(findMembership(world.deps.db, world.a.organisationId, world.a.userIds.student)?.role).toBe(
      'student',
    );
    expect(auditActions(world, world.a.organisationId)).toContain('cohort.member.remove');
    expect((await del(world.a.agents.instructor, `${rosterUrl()}/${world.a.userIds.student}`)).status).toBe(
      404,
    );
  });

  it('is for staff of the organisation', async () => {
    const member = `${rosterUrl()}/${world.a.userIds.student}`;
    const add = { email: world.b.emails.student, role: 'student' };
    for (const agent of [world.a.agents.student, world.b.agents.admin, world.anonymous()]) {
      const expected = agent === world.a.agents.student ? 403 : agent === world.b.agents.admin ? 404 : 401;
      expect((await agent.get(rosterUrl())).status).toBe(expected);
      expect((await agent.post(rosterUrl()).send(add)).status).toBe(expected);
      expect((await agent.patch(member).send({ timeFactor: 2 })).status).toBe(expected);
      expect((await del(agent, member)).status).toBe(expected);
    }
  });
});

describe('GET /api/me/cohorts', () => {
  it('lists the cohorts the person belongs to, with role and accommodations', async () => {
    await world.a.agents.admin.patch(`${rosterUrl()}/${world.a.userIds.student}`).send({ timeFactor: 1.5 });
    const res = await world.a.agents.student.get('/api/me/cohorts');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(res.body.items[0]).toMatchObject({
      cohortId: world.a.cohortId,
      name: 'Cohort A',
      organisationId: world.a.organisationId,
      organisationName: 'Program A',
      role: 'student',
      timeFactor: 1.5,
      extraAttempts: 0,
    });
    expect(res.body.items[0]).not.toHaveProperty('joinCode');
    expect((await world.a.agents.instructor.get('/api/me/cohorts')).body.items[0].role).toBe('instructor');
    expect((await world.b.agents.student.get('/api/me/cohorts')).body.total).toBe(0);
  });

  it('needs a login and validates the query', async () => {
    expect((await world.anonymous().get('/api/me/cohorts')).status).toBe(401);
    expect(paths(await world.a.agents.student.get('/api/me/cohorts?limit=500'))).toEqual(['query.limit']);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../testing/fixtures';
import { auditActions, auditEvents, del, newAccount, paths } from './testing';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});

const membersPath = (orgId: string) => `/api/orgs/${orgId}/members`;

describe('POST /api/orgs', () => {
  it('lets any logged-in person create a program and become its admin', async () => {
    const newcomer = await newAccount(world, 'founder@example.test');
    const res = await newcomer.agent.post('/api/orgs').send({ name: '  Coding Academy ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Coding Academy', role: 'admin', memberCount: 1 });
    const me = await newcomer.agent.get('/api/auth/me');
    expect(me.body.memberships).toEqual([
      { organisationId: res.body.id, organisationName: 'Coding Academy', role: 'admin' },
    ]);
    expect(auditActions(world, res.body.id)).toEqual(['org.create']);
  });

  it('validates the name with its field path', async () => {
    const res = await world.a.agents.student.post('/api/orgs').send({ name: '   ' });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['body.name']);
  });

  it('refuses anonymous callers', async () => {
    expect((await world.anonymous().post('/api/orgs').send({ name: 'X' })).status).toBe(401);
  });
});

describe('GET /api/orgs/:orgId', () => {
  it('shows the organisation to any member with their own role', async () => {
    const res = await world.a.agents.student.get(`/api/orgs/${world.a.organisationId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: world.a.organisationId,
      name: 'Program A',
      role: 'student',
      memberCount: 3,
    });
  });

  it('is 404 to members of another organisation and 401 to anonymous callers', async () => {
    expect((await world.b.agents.admin.get(`/api/orgs/${world.a.organisationId}`)).status).toBe(404);
    expect((await world.anonymous().get(`/api/orgs/${world.a.organisationId}`)).status).toBe(401);
    expect((await world.a.agents.admin.get('/api/orgs/no-such-org')).status).toBe(404);
  });
});

describe('GET /api/orgs/:orgId/members', () => {
  it('lists members with their roles, paginated, for staff', async () => {
    const res = await world.a.agents.instructor.get(membersPath(world.a.organisationId));
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      ['admin-a@fixture.test', 'admin'],
      ['instructor-a@fixture.test', 'instructor'],
      ['student-a@fixture.test', 'student'],
    ]);
    const page = await world.a.agents.admin.get(`${membersPath(world.a.organisationId)}?limit=1&offset=1`);
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0].role).toBe('instructor');
    const students = await world.a.agents.admin.get(`${membersPath(world.a.organisationId)}?role=student`);
    expect(students.body.total).toBe(1);
  });

  it('validates the query with field paths', async () => {
    const res = await world.a.agents.admin.get(`${membersPath(world.a.organisationId)}?limit=0&role=owner`);
    expect(res.status).toBe(400);
    expect(paths(res).sort()).toEqual(['query.limit', 'query.role']);
  });

  it('is 403 to students, 404 to another organisation, 401 anonymous', async () => {
    expect((await world.a.agents.student.get(membersPath(world.a.organisationId))).status).toBe(403);
    expect((await world.b.agents.admin.get(membersPath(world.a.organisationId))).status).toBe(404);
    expect((await world.anonymous().get(membersPath(world.a.organisationId))).status).toBe(401);
  });
});

describe('POST /api/orgs/:orgId/members', () => {
  it('adds an existing account with a role (admin), audited', async () => {
    const person = await newAccount(world, 'new.instructor@example.test');
    const res = await world.a.agents.admin
      .post(membersPath(world.a.organisationId))
      .send({ email: 'New.Instructor@Example.test', role: 'instructor' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      userId: person.id,
      email: 'new.instructor@example.test',
      role: 'instructor',
    });
    // They now have staff access.
    expect((await person.agent.get(membersPath(world.a.organisationId))).status).toBe(200);
    const event = auditEvents(world, world.a.organisationId).find((e) => e.action === 'org.member.add');
    expect(event).toMatchObject({ actorId: world.a.userIds.admin, targetId: person.id });
    expect(event?.details).toEqual({ email: 'new.instructor@example.test', role: 'instructor' });
  });

  it("says clearly when the email has no account (404 'no-such-account')", async () => {
    const res = await world.a.agents.admin
      .post(membersPath(world.a.organisationId))
      .send({ email: 'nobody@example.test', role: 'student' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('no-such-account');
    expect(res.body.error.message).toContain('nobody@example.test');
    expect(res.body.error.message).toMatch(/sign up/);
  });

  it('refuses someone already a member (409)', async () => {
    const res = await world.a.agents.admin
      .post(membersPath(world.a.organisationId))
      .send({ email: world.a.emails.student, role: 'admin' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('already-member');
  });

  it('validates the body with field paths', async () => {
    const res = await world.a.agents.admin
      .post(membersPath(world.a.organisationId))
      .send({ email: 'not-an-email', role: 'owner' });
    expect(res.status).toBe(400);
    expect(paths(res).sort()).toEqual(['body.email', 'body.role']);
  });

  it('is for admins only: instructor 403, student 403, other organisation 404, anonymous 401', async () => {
    await newAccount(world, 'x@example.test');
    const body = { email: 'x@example.test', role: 'student' };
    const url = membersPath(world.a.organisationId);
    expect((await world.a.agents.instructor.post(url).send(body)).status).toBe(403);
    expect((await world.a.agents.student.post(url).send(body)).status).toBe(403);
    expect((await world.b.agents.admin.post(url).send(body)).status).toBe(404);
    expect((await world.anonymous().post(url).send(body)).status).toBe(401);
  });
});

describe('PATCH /api/orgs/:orgId/members/:userId', () => {
  const memberUrl = (userId: string) => `${membersPath(world.a.organisationId)}/${userId}`;

  it('changes a role (admin), audited with before and after', async () => {
    const res = await world.a.agents.admin
      .patch(memberUrl(world.a.userIds.student))
      .send({ role: 'instructor' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: world.a.userIds.student, role: 'instructor' });
    expect((await world.a.agents.student.get(membersPath(world.a.organisationId))).status).toBe(200);
    const event = auditEvents(world, world.a.organisationId).find((e) => e.action === 'org.member.update');
    expect(event?.details).toMatchObject({ from: 'student', to: 'instructor' });
  });

  it("never demotes the last admin (409 'last-admin'), but does once there is another", async () => {
    const self = memberUrl(world.a.userIds.admin);
    const refused = await world.a.agents.admin.patch(self).send({ role: 'instructor' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('last-admin');
    await world.a.agents.admin.patch(memberUrl(world.a.userIds.instructor)).send({ role: 'admin' });
    const allowed = await world.a.agents.admin.patch(self).send({ role: 'instructor' });
    expect(allowed.status).toBe(200);
    // The remaining admin is now the last one.
    const again = await world.a.agents.instructor
      .patch(memberUrl(world.a.userIds.instructor))
      .send({ role: 'student' });
    expect(again.status).toBe(409);
  });

  it('is 404 for someone who is not a member, 400 for a bad role', async () => {
    expect(
      (await world.a.agents.admin.patch(memberUrl(world.b.userIds.student)).send({ role: 'student' })).status,
    ).toBe(404);
    const bad = await world.a.agents.admin.patch(memberUrl(world.a.userIds.student)).send({ role: 'owner' });
    expect(bad.status).toBe(400);
    expect(paths(bad)).toEqual(['body.role']);
  });

  it('is for admins only', async () => {
    const url = memberUrl(world.a.userIds.student);
    expect((await world.a.agents.instructor.patch(url).send({ role: 'admin' })).status).toBe(403);
    expect((await world.a.agents.student.patch(url).send({ role: 'admin' })).status).toBe(403);
    expect((await world.b.agents.admin.patch(url).send({ role: 'admin' })).status).toBe(404);
    expect((await world.anonymous().patch(url).send({ role: 'admin' })).status).toBe(401);
  });
});

describe('DELETE /api/orgs/:orgId/members/:userId', () => {
  const memberUrl = (userId: string) => `${membersPath(world.a.organisationId)}/${userId}`;

  it('removes a member from the organisation and its cohorts (admin), audited', async () => {
    expect((await world.a.agents.student.get('/api/me/assignments')).body.total).toBe(1);
    const res = await del(world.a.agents.admin, memberUrl(world.a.userIds.student));
    expect(res.status).toBe(204);
    expect((await world.a.agents.student.get(`/api/orgs/${world.a.organisationId}`)).status).toBe(404);
    expect((await world.a.agents.student.get('/api/me/assignments')).body.total).toBe(0);
    expect((await world.a.agents.student.get('/api/me/cohorts')).body.total).toBe(0);
    expect(auditActions(world, world.a.organisationId)).toContain('org.member.remove');
    expect((await del(world.a.agents.admin, memberUrl(world.a.userIds.student))).status).toBe(404);
  });

  it('never removes the last admin', async () => {
    const res = await del(world.a.agents.admin, memberUrl(world.a.userIds.admin));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('last-admin');
  });

  it('is for admins only', async () => {
    const url = memberUrl(world.a.userIds.student);
    expect((await del(world.a.agents.instructor, url)).status).toBe(403);
    expect((await del(world.a.agents.student, url)).status).toBe(403);
    expect((await del(world.b.agents.admin, url)).status).toBe(404);
    expect((await del(world.anonymous(), url)).status).toBe(401);
  });
});

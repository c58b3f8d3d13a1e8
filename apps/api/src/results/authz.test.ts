/**
 * Who may call the results routes: staff of the organisation (admin, instructor). A student of it
 * gets 403; anyone of another organisation 404; nobody logged in 401.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../app';
import { createWorld, type World } from '../testing/fixtures';
import { addItemVersion, addStudent, insertAttempt, mc } from './test-attempts';

type Call = { method: 'get' | 'post'; path: string; body?: object };

describe('results routes: authorisation', () => {
  let world: World;
  let calls: Record<string, Call>;

  beforeAll(async () => {
    world = await createWorld();
    const six = {
      'anat-1': mc('B'),
      'anat-2': mc('A'),
      'anat-3': mc('B'),
      'anat-4': mc('B'),
      'rad-1': mc('B'),
      'rad-2': mc('C'),
    };
    const attempt = insertAttempt(world, { userId: world.a.userIds.student, answers: six }).id;
    insertAttempt(world, { userId: addStudent(world, 'Second'), answers: { ...six, 'anat-2': mc('B') } });
    addItemVersion(world, 'rad-1', (item) => item);
    const org = `/api/orgs/${world.a.organisationId}`;
    const assignment = `${org}/assignments/${world.a.assignmentId}`;
    calls = {
      'GET /api/orgs/:orgId/assignments/:assignmentId/results': {
        method: 'get',
        path: `${assignment}/results`,
      },
      'GET /api/orgs/:orgId/assignments/:assignmentId/results.csv': {
        method: 'get',
        path: `${assignment}/results.csv`,
      },
      'GET /api/orgs/:orgId/assignments/:assignmentId/item-analysis': {
        method: 'get',
        path: `${assignment}/item-analysis`,
      },
      'GET /api/orgs/:orgId/exams/:examId/item-analysis': {
        method: 'get',
        path: `${org}/exams/${world.a.examId}/item-analysis`,
      },
      'GET /api/orgs/:orgId/attempts/:attemptId': { method: 'get', path: `${org}/attempts/${attempt}` },
      'POST /api/orgs/:orgId/items/:itemId/regrade': {
        method: 'post',
        path: `${org}/items/${world.a.itemIds['rad-1']}/regrade`,
        body: { fromVersion: 1 },
      },
      'GET /api/orgs/:orgId/regrades': { method: 'get', path: `${org}/regrades` },
      'GET /api/orgs/:orgId/audit': { method: 'get', path: `${org}/audit` },
    };
  });

  const call = (agent: ReturnType<World['anonymous']>, { method, path, body }: Call) =>
    method === 'post' ? agent.post(path).send(body ?? {}) : agent.get(path);

  it('covers every results route', () => {
    const declared = allRoutes(world.deps)
      .filter((r) => r.tag === 'results')
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(declared.sort()).toEqual(Object.keys(calls).sort());
  });

  it('lets the admin and the instructor of the organisation in', async () => {
    for (const role of ['admin', 'instructor'] as const)
      for (const [name, c] of Object.entries(calls)) {
        const res = await call(world.a.agents[role], c);
        expect([role, name, res.status]).toEqual([role, name, 200]);
      }
  });

  it('refuses a student of the organisation with 403', async () => {
    for (const [name, c] of Object.entries(calls)) {
      const res = await call(world.a.agents.student, c);
      expect([name, res.status, res.body.error?.code]).toEqual([name, 403, 'forbidden']);
    }
  });

  it('answers 404 to every member of another organisation', async () => {
    for (const role of ['admin', 'instructor', 'student'] as const)
      for (const [name, c] of Object.entries(calls)) {
        const res = await call(world.b.agents[role], c);
        expect([role, name, res.status]).toEqual([role, name, 404]);
      }
  });

  it('answers 401 to anyone not logged in', async () => {
    for (const [name, c] of Object.entries(calls)) {
      const res = await call(world.anonymous(), c);
      expect([name, res.status]).toEqual([name, 401]);
    }
  });
});

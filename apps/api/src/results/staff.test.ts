import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../audit/record';
import { createWorld, type World } from '../testing/fixtures';
import { addItemVersion, addStudent, fill, insertAttempt, mc } from './test-attempts';

describe("one student's attempt, for staff", () => {
  let world: World;
  let submitted: string;
  let open: string;

  beforeAll(async () => {
    world = await createWorld();
    submitted = insertAttempt(world, {
      userId: world.a.userIds.student,
      answers: {
        'anat-1': mc('B'),
        'anat-2': mc('C'),
        'anat-3': null,
        'rad-1': mc('B'),
        'dx-1': fill('e119'),
      },
      pretest: ['dx-1'],
    }).id;
    open = insertAttempt(world, {
      userId: addStudent(world, 'Ina'),
      answers: { 'anat-1': mc('A') },
      status: 'in-progress',
    }).id;
  });

  const get = (id: string, agent = world.a.agents.instructor) =>
    agent.get(`/api/orgs/${world.a.organisationId}/attempts/${id}`);

  it('shows every item with the response, the grade, the key and the rationales', async () => {
    const res = await get(submitted);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: submitted,
      student: { id: world.a.userIds.student, name: 'student A', email: world.a.emails.student },
      examId: world.a.examId,
      examName: 'Small mock',
      assignmentId: world.a.assignmentId,
      status: 'submitted',
      scorePercent: 50, // 2 of the 4 scored items; dx-1 is pretest
      passed: false,
      passPercent: 70,
      timeUsedMs: 5 * 60_000,
    });
    expect(res.body.byDomain).toEqual([
      { domain: 'anatomy', percent: 33.33, earned: 1, possible: 3 },
      { domain: 'radiology', percent: 100, earned: 1, possible: 1 },
    ]);
    const items = res.body.items;
    expect(items.map((i: { externalId: string }) => i.externalId)).toEqual([
      'anat-1',
      'anat-2',
      'anat-3',
      'rad-1',
      'dx-1',
    ]);
    expect(items[1]).toMatchObject({
      itemId: world.a.itemIds['anat-2'],
      version: 1,
      position: 1,
      domain: 'anatomy',
      scored: true,
      points: 1,
      response: { type: 'multiple-choice', choice: 'C' },
      score: 0,
      grade: { score: 0, correct: false, answered: true },
      item: {
        id: 'anat-2',
        key: 'B',
        rationale: 'Rationale of anat-2: B is right per the guideline.',
      },
    });
    expect(items[1].item.options[2]).toEqual({ id: 'C', text: 'Option C of anat-2', rationale: 'Why C' });
    expect(items[2]).toMatchObject({ response: null, score: 0, grade: { answered: false } });
    expect(items[4]).toMatchObject({
      scored: false,
      response: { type: 'fill-in', blanks: { b1: 'e119' } },
      score: 1,
      grade: { correct: true },
      item: { key: { b1: { kind: 'icd10cm', accepted: ['E11.9'] } } },
    });
  });

  it('shows the version the attempt holds, not the current one', async () => {
    addItemVersion(world, 'anat-2', (item) => ({ ...item, stem: 'Edited stem of anat-2.' }));
    const res = await get(submitted);
    expect(res.body.items[1]).toMatchObject({
      version: 1,
      item: { stem: 'Stem of anat-2: which option is right?' },
    });
  });

  it('shows an attempt in progress with its responses and keys, but no grade yet', async () => {
    const res = await get(open, world.a.agents.admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'in-progress',
      scorePercent: null,
      passed: null,
      byDomain: [],
      timeUsedMs: null,
    });
    expect(res.body.items[0]).toMatchObject({
      response: { choice: 'A' },
      score: null,
      grade: null,
      item: { key: 'B' },
    });
  });

  it('answers 404 for an attempt that is not the organisation’s', async () => {
    expect((await get('nope')).status).toBe(404);
    const viaB = await world.b.agents.admin.get(`/api/orgs/${world.b.organisationId}/attempts/${submitted}`);
    expect(viaB.status).toBe(404);
  });

  it('refuses the student, even for their own attempt', async () => {
    const res = await get(submitted, world.a.agents.student);
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain('Rationale of');
  });
});

describe('the audit log', () => {
  let world: World;

  beforeAll(async () => {
    world = await createWorld();
    const actor = { id: world.a.userIds.instructor } as Parameters<typeof audit>[1];
    audit(
      world.deps,
      actor,
      world.a.organisationId,
      'bank.create',
      { type: 'bank', id: world.a.bankId },
      { name: 'Fixture bank' },
    );
    world.deps.clock.advance(1000);
    audit(
      world.deps,
      null,
      world.a.organisationId,
      'item.update',
      { type: 'item', id: 'item-1' },
      { version: 2 },
    );
    world.deps.clock.advance(1000);
    audit(world.deps, actor, world.a.organisationId, 'item.archive', { type: 'item', id: 'item-1' });
    audit(world.deps, null, world.b.organisationId, 'bank.create', { type: 'bank', id: 'b-bank' });
  });

  const list = (query = '', agent = world.a.agents.admin) =>
    agent.get(`/api/orgs/${world.a.organisationId}/audit${query}`);

  it('lists the organisation’s events newest first, with who did them', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual([
      'item.archive',
      'item.update',
      'bank.create',
    ]);
    expect(res.body.items[2]).toMatchObject({
      actorId: world.a.userIds.instructor,
      actorName: 'instructor A',
      targetType: 'bank',
      targetId: world.a.bankId,
      details: { name: 'Fixture bank' },
    });
    expect(res.body.items[1]).toMatchObject({ actorId: null, actorName: null, details: { version: 2 } });
  });

  it('filters by target and paginates', async () => {
    const byTarget = await list('?targetId=item-1&limit=1');
    expect(byTarget.body).toMatchObject({ total: 2, limit: 1 });
    expect(byTarget.body.items.map((e: { action: string }) => e.action)).toEqual(['item.archive']);
    const next = await list('?targetId=item-1&limit=1&offset=1');
    expect(next.body.items.map((e: { action: string }) => e.action)).toEqual(['item.update']);
    expect((await list('?offset=-1')).status).toBe(400);
  });

  it('is open to instructors, not to students; each organisation sees only its own', async () => {
    expect((await list('', world.a.agents.instructor)).status).toBe(200);
    expect((await list('', world.a.agents.student)).status).toBe(403);
    const b = await world.b.agents.admin.get(`/api/orgs/${world.b.organisationId}/audit`);
    expect(b.body.items.map((e: { targetId: string }) => e.targetId)).toEqual(['b-bank']);
  });
});

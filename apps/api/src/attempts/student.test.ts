import { exams } from '@coderprep/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../testing/fixtures';
import { itemsOf, MINUTE, right, save, startStudentAttempt, submit, wrong } from './test-helpers';

/** An exam attempt with every anatomy item right and every radiology item wrong, submitted. */
async function submittedAttempt(world: World) {
  const view = await startStudentAttempt(world);
  for (const id of itemsOf(view, 'anatomy')) await save(world.a.agents.student, view.id, id, right, 1);
  for (const id of itemsOf(view, 'radiology')) await save(world.a.agents.student, view.id, id, wrong, 1);
  await submit(world.a.agents.student, view.id);
  return view;
}

const drill = (world: World, body: Record<string, unknown>, agent = world.a.agents.student) =>
  agent.post('/api/me/drills').send({ organisationId: world.a.organisationId, ...body });

describe('my attempts', () => {
  it('lists my attempts newest first with scores, paginated', async () => {
    const world = await createWorld();
    const first = await submittedAttempt(world);
    world.deps.clock.advance(MINUTE);
    const second = await startStudentAttempt(world);

    const res = await world.a.agents.student.get('/api/me/attempts');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(res.body.items).toEqual([
      {
        id: second.id,
        organisationId: world.a.organisationId,
        examId: world.a.examId,
        examName: 'Small mock',
        assignmentId: world.a.assignmentId,
        mode: 'exam',
        status: 'in-progress',
        startedAt: second.startedAt,
        submittedAt: null,
        submitReason: null,
        scorePercent: null,
        passed: null,
      },
      expect.objectContaining({
        id: first.id,
        status: 'submitted',
        submitReason: 'student',
        scorePercent: 66.67,
        passed: false,
      }),
    ]);
    const page = await world.a.agents.student.get('/api/me/attempts?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ id: first.id }] });

    // Other people see their own (none).
    expect((await world.b.agents.student.get('/api/me/attempts')).body).toMatchObject({
      total: 0,
      items: [],
    });
  });

  it('shows an expired attempt as submitted', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    world.deps.clock.advance(3 * 3600_000);
    const res = await world.a.agents.student.get('/api/me/attempts');
    expect(res.body.items[0]).toMatchObject({ id: view.id, status: 'submitted', submitReason: 'expired' });
  });

  it('validates the page and needs a login', async () => {
    const world = await createWorld();
    const bad = await world.a.agents.student.get('/api/me/attempts?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('query.limit');
    expect((await world.anonymous().get('/api/me/attempts')).status).toBe(401);
  });
});

describe('my weak domains', () => {
  it('ranks domains by percent across submitted attempts, weakest first', async () => {
    const world = await createWorld();
    await submittedAttempt(world);
    await startStudentAttempt(world); // in progress: not counted
    const res = await world.a.agents.student.get('/api/me/weak-domains');
    expect(res.status).toBe(200);
    expect(res.body.domains).toEqual([
      { domain: 'radiology', earned: 0, possible: 2, percent: 0, items: 2, attempts: 1 },
      { domain: 'anatomy', earned: 4, possible: 4, percent: 100, items: 4, attempts: 1 },
    ]);
    const one = await world.a.agents.student.get(
      `/api/me/weak-domains?limit=1&organisationId=${world.a.organisationId}`,
    );
    expect(one.body.domains.map((d: { domain: string }) => d.domain)).toEqual(['radiology']);
    const elsewhere = await world.a.agents.student.get(
      `/api/me/weak-domains?organisationId=${world.b.organisationId}`,
    );
    expect(elsewhere.body.domains).toEqual([]);
  });

  it('validates the query and needs a login', async () => {
    const world = await createWorld();
    expect((await world.a.agents.student.get('/api/me/weak-domains?limit=500')).status).toBe(400);
    expect((await world.anonymous().get('/api/me/weak-domains')).status).toBe(401);
  });
});

describe('drills', () => {
  it('draws N items of the chosen domains as an untimed drill with immediate feedback', async () => {
    const world = await createWorld();
    const res = await drill(world, { count: 3, domains: ['anatomy'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      mode: 'drill',
      status: 'in-progress',
      assignmentId: null,
      examName: 'Drill',
      deadline: null,
      timeLeftMs: null,
      sections: [{ id: 'drill', title: 'Drill' }],
    });
    expect(res.body.items).toHaveLength(3);
    expect(res.body.items.every((i: { item: { domain: string } }) => i.item.domain === 'anatomy')).toBe(true);

    const itemId = res.body.items[0].itemId;
    const saved = await save(world.a.agents.student, res.body.id, itemId, right, 1);
    expect(saved.body.feedback).toMatchObject({ correct: true, score: 1 });
    const result = await submit(world.a.agents.student, res.body.id);
    expect(result.body).toMatchObject({ mode: 'drill', earned: 1, possible: 3 });
    // Drills have no assignment: review is open once submitted.
    expect((await world.a.agents.student.get(`/api/attempts/${res.body.id}/review`)).status).toBe(200);
  });

  it('reuses one hidden drill exam per organisation and keeps it out of sight (archived)', async () => {
    const world = await createWorld();
    const one = await drill(world, { count: 1 });
    const two = await drill(world, { count: 2, minutes: 5 });
    expect(two.status).toBe(201);
    expect(two.body.id).not.toBe(one.body.id);
    expect(two.body.examId).toBe(one.body.examId);
    expect(two.body.deadline).toBe(two.body.now + 5 * MINUTE);
    const rows = world.deps.db.select().from(exams).where(eq(exams.mode, 'drill')).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.archivedAt).not.toBeNull();
  });

  it('drills the items I missed', async () => {
    const world = await createWorld();
    const none = await drill(world, { count: 1, missedOnly: true });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('no-missed-items');

    const exam = await submittedAttempt(world);
    const missed = itemsOf(exam, 'radiology');
    const res = await drill(world, { count: 2, missedOnly: true });
    expect(res.status).toBe(201);
    expect(res.body.items.map((i: { itemId: string }) => i.itemId).sort()).toEqual([...missed].sort());
    const short = await drill(world, { count: 3, missedOnly: true });
    expect(short.status).toBe(409);
    expect(short.body.error.code).toBe('bank-shortage');
    expect(short.body.error.details.shortages[0]).toMatchObject({ needed: 3, available: 2 });
  });

  it('refuses more items than the bank has, with the shortage', async () => {
    const world = await createWorld();
    const res = await drill(world, { count: 50 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('bank-shortage');
    expect(res.body.error.details.shortages[0]).toMatchObject({ needed: 50, available: 10 });
  });

  it('validates the body', async () => {
    const world = await createWorld();
    for (const [body, path] of [
      [{ count: 0 }, 'body.count'],
      [{ count: 101 }, 'body.count'],
      [{ count: 2, domains: ['Not A Slug'] }, 'body.domains.0'],
      [{ count: 2, minutes: -1 }, 'body.minutes'],
    ] as const) {
      const res = await drill(world, body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const noOrg = await world.a.agents.student.post('/api/me/drills').send({ count: 2 });
    expect(noOrg.body.error.details[0].path).toBe('body.organisationId');
  });

  it('is for members of the organisation', async () => {
    const world = await createWorld();
    const outsider = await drill(world, { count: 1 }, world.b.agents.student);
    expect(outsider.status).toBe(404);
    expect((await drill(world, { count: 1 }, world.anonymous())).status).toBe(401);
    // Staff may try a drill in their own organisation too.
    expect((await drill(world, { count: 1 }, world.a.agents.instructor)).status).toBe(201);
  });
});

import { attempts } from '@coderprep/db';
import { describe, expect, it } from 'vitest';
import { createWorld, smallBlueprint } from '../testing/fixtures';
import { finaliseExpiredAttempts } from './service';
import {
  attemptItemRows,
  attemptRow,
  itemsOf,
  MINUTE,
  right,
  save,
  setAccommodation,
  startAt,
  startStudentAttempt,
  wrong,
} from './test-helpers';

const GRACE = 30_000;

describe('concurrency', () => {
  it('five parallel starts create exactly one attempt', async () => {
    const world = await createWorld();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => startAt(world.a.agents.student, world.a.assignmentId)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(world.deps.db.select().from(attempts).all()).toHaveLength(1);
    expect(attemptItemRows(world, results[0]?.body.id)).toHaveLength(6);
  });

  it('two tabs saving interleaved seqs: per item the highest seq wins, stale saves get 409', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    const [x, y] = view.items.map((i) => i.itemId) as [string, string];
    const tab1 = world.a.agents.student;
    const tab2 = world.a.agents.student;
    const choice = (c: string) => ({ type: 'multiple-choice', choice: c });

    expect((await save(tab1, view.id, x, choice('A'), 1)).status).toBe(200);
    expect((await save(tab2, view.id, x, choice('C'), 3)).status).toBe(200);
    const late = await save(tab1, view.id, x, choice('D'), 2);
    expect(late.status).toBe(409);
    expect(late.body.error.details).toMatchObject({ itemId: x, seq: 2, lastSeq: 3 });
    // Another item has its own sequence: a low seq there is fine.
    expect((await save(tab2, view.id, y, choice('B'), 1)).status).toBe(200);
    expect((await save(tab1, view.id, y, choice('C'), 2)).status).toBe(200);
    expect((await save(tab2, view.id, y, choice('D'), 2)).status).toBe(409);

    const read = await tab1.get(`/api/attempts/${view.id}`);
    const byId = Object.fromEntries(read.body.items.map((i: { itemId: string }) => [i.itemId, i]));
    expect(byId[x]).toMatchObject({ seq: 3, response: choice('C') });
    expect(byId[y]).toMatchObject({ seq: 2, response: choice('C') });
  });

  it('a burst of parallel saves from two tabs keeps the highest seq of each item', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    const [x, y] = view.items.map((i) => i.itemId) as [string, string];
    const tabs = [world.a.agents.student, world.a.agents.student];
    const options = ['A', 'B', 'C', 'D'];
    // Seqs 1..12 per item, sent in a scrambled order, alternating tabs and items.
    const order = [5, 12, 1, 9, 3, 11, 7, 2, 10, 4, 8, 6];
    const sends = order.flatMap((seq, i) =>
      [x, y].map((itemId, j) =>
        save(
          tabs[(i + j) % 2] as (typeof tabs)[0],
          view.id,
          itemId,
          { type: 'multiple-choice', choice: options[seq % 4] },
          seq,
        ),
      ),
    );
    const results = await Promise.all(sends);
    for (const res of results) {
      expect([200, 409]).toContain(res.status);
      if (res.status === 409) expect(res.body.error.code).toBe('stale-sequence');
    }
    const rows = attemptItemRows(world, view.id);
    for (const itemId of [x, y]) {
      const row = rows.find((r) => r.itemId === itemId);
      expect(row?.seq).toBe(12);
      expect(JSON.parse(row?.response ?? 'null')).toEqual({ type: 'multiple-choice', choice: options[0] });
    }
  });
});

describe('deadlines and expiry (manual clock, no sleeping)', () => {
  it('accepts a save in the grace period and refuses one after it', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    const [a, b, c] = view.items.map((i) => i.itemId) as [string, string, string];
    const agent = world.a.agents.student;
    expect((await save(agent, view.id, a, right, 1)).status).toBe(200);

    world.deps.clock.set((view.deadline as number) + 10_000);
    const inGrace = await save(agent, view.id, b, right, 1);
    expect(inGrace.status).toBe(200);

    world.deps.clock.set((view.deadline as number) + GRACE);
    const late = await save(agent, view.id, c, right, 1);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('deadline-passed');
    expect(late.body.error.message).toMatch(/Time is up/);
    expect(late.body.error.message).toMatch(/not saved/);

    // The refusal finalised the attempt with the answers saved in time.
    const row = attemptRow(world, view.id);
    expect(row).toMatchObject({
      status: 'submitted',
      submitReason: 'expired',
      submittedAt: (view.deadline as number) + GRACE,
      openKey: null,
    });
    const result = await agent.get(`/api/attempts/${view.id}/result`);
    expect(result.body).toMatchObject({ answered: 2, earned: 2, submitReason: 'expired' });
    const again = await save(agent, view.id, c, right, 2);
    expect(again.body.error.code).toBe('deadline-passed');
  });

  it('the expiry job finalises an abandoned attempt with its saved responses', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    const agent = world.a.agents.student;
    const anatomy = itemsOf(view, 'anatomy');
    await save(agent, view.id, anatomy[0] as string, right, 1);
    await save(agent, view.id, anatomy[1] as string, right, 1);
    await save(agent, view.id, itemsOf(view, 'radiology')[0] as string, wrong, 1);

    world.deps.clock.set((view.deadline as number) + GRACE - 1);
    expect(finaliseExpiredAttempts(world.deps)).toBe(0);
    expect(attemptRow(world, view.id)?.status).toBe('in-progress');

    world.deps.clock.advance(1);
    expect(finaliseExpiredAttempts(world.deps)).toBe(1);
    const row = attemptRow(world, view.id);
    expect(row).toMatchObject({
      status: 'submitted',
      submitReason: 'expired',
      submittedAt: (view.deadline as number) + GRACE,
      scorePercent: 33.33,
      passed: false,
    });
    expect(JSON.parse(row?.result ?? '{}')).toMatchObject({ answered: 3, earned: 2, possible: 6 });
    const graded = attemptItemRows(world, view.id);
    expect(graded.every((r) => r.score !== null)).toBe(true);
    expect(finaliseExpiredAttempts(world.deps)).toBe(0);

    // The student comes back later: the attempt reads as submitted, and the start is a new attempt.
    const read = await agent.get(`/api/attempts/${view.id}`);
    expect(read.body).toMatchObject({ status: 'submitted', submitReason: 'expired', timeLeftMs: 0 });
  });

  it('reading an attempt past its deadline + grace finalises it before answering', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    await save(world.a.agents.student, view.id, view.items[0]?.itemId as string, right, 1);
    world.deps.clock.advance(2 * 3600_000);
    const read = await world.a.agents.student.get(`/api/attempts/${view.id}`);
    expect(read.body).toMatchObject({ status: 'submitted', submitReason: 'expired' });
    expect(attemptRow(world, view.id)?.scorePercent).toBe(16.67);
  });

  it('a start after the open attempt expired settles it and starts a new one', async () => {
    const world = await createWorld();
    const first = await startStudentAttempt(world);
    world.deps.clock.advance(2 * 3600_000);
    const second = await startAt(world.a.agents.student, world.a.assignmentId);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.id);
    expect(attemptRow(world, first.id)?.submitReason).toBe('expired');
  });

  it('a submit after deadline + grace submits as expired, at the deadline + grace', async () => {
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    world.deps.clock.advance(3 * 3600_000);
    const res = await world.a.agents.student
      .post(`/api/attempts/${view.id}/submit`)
      .set('Content-Type', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      submitReason: 'expired',
      submittedAt: (view.deadline as number) + GRACE,
    });
  });

  it('an accommodation factor of 1.5 gives 1.5x the time', async () => {
    const world = await createWorld();
    setAccommodation(world, { timeFactor: 1.5 });
    const view = await startStudentAttempt(world);
    expect(view.deadline).toBe(view.now + 90 * MINUTE);
    expect(view.timeLeftMs).toBe(90 * MINUTE);
    expect(view.timeLimitMs).toBe(90 * MINUTE);
    expect(view.timeFactor).toBe(1.5);
    expect(attemptRow(world, view.id)).toMatchObject({ timeFactor: 1.5, deadlineAt: view.now + 90 * MINUTE });
    // Past the plain limit, the accommodated student still saves.
    world.deps.clock.advance(75 * MINUTE);
    expect(
      (await save(world.a.agents.student, view.id, view.items[0]?.itemId as string, right, 1)).status,
    ).toBe(200);
  });

  it('the window close caps the deadline', async () => {
    const world = await createWorld({ windowMs: 30 * MINUTE });
    setAccommodation(world, { timeFactor: 2 });
    const view = await startStudentAttempt(world);
    expect(view.deadline).toBe(view.now + 30 * MINUTE);
    expect(view.timeLeftMs).toBe(30 * MINUTE);
    world.deps.clock.advance(30 * MINUTE + GRACE);
    expect(finaliseExpiredAttempts(world.deps)).toBe(1);
  });

  it('an untimed exam has no time limit: its only deadline is the window close', async () => {
    const blueprint = smallBlueprint({ clock: { mode: 'shared', limitMinutes: null }, warningMinutes: [] });
    const world = await createWorld({ blueprint, windowMs: 60 * 24 * 60 * MINUTE });
    const view = await startStudentAttempt(world);
    expect(view.timeLimitMs).toBeNull();
    expect(view.deadline).toBe(view.now + 60 * 24 * 60 * MINUTE);
    expect(view.timeLeftMs).toBe(60 * 24 * 60 * MINUTE);
    const read = await world.a.agents.student.get(`/api/attempts/${view.id}`);
    expect(read.body.timeLimitMs).toBeNull();
  });

  it('a timed exam capped by the window close still reports its own limit', async () => {
    const world = await createWorld({ windowMs: 30 * MINUTE });
    const view = await startStudentAttempt(world);
    expect(view.timeLimitMs).toBe(60 * MINUTE);
    expect(view.timeLeftMs).toBe(30 * MINUTE);
  });

  it('a per-section clock ends each section; the attempt expires once no section has time left', async () => {
    const blueprint = smallBlueprint({
      clock: { mode: 'per-section', limitMinutes: null },
      warningMinutes: [],
      sections: [
        { id: 'part-1', title: 'Part 1', minutes: 20, rules: [{ domain: 'anatomy', count: 4 }] },
        { id: 'part-2', title: 'Part 2', minutes: 10, rules: [{ domain: 'radiology', count: 2 }] },
      ],
    });
    const world = await createWorld({ blueprint });
    const view = await startStudentAttempt(world);
    expect(view.deadline).toBe(view.now + 30 * MINUTE);
    expect(view.endsAt).toBe(view.now + 20 * MINUTE);
    expect(view.sections[0]?.deadline).toBe(view.now + 20 * MINUTE);
    world.deps.clock.advance(5 * MINUTE);
    const entered = await world.a.agents.student
      .post(`/api/attempts/${view.id}/sections/part-2/enter`)
      .set('Content-Type', 'application/json');
    expect(entered.body.sections[1].deadline).toBe(view.now + 15 * MINUTE);
    // Both sections entered: the attempt ends when the last one does (part 1, at 20 min).
    expect(attemptRow(world, view.id)?.deadlineAt).toBe(view.now + 20 * MINUTE);
    world.deps.clock.set(view.now + 15 * MINUTE + GRACE);
    const late = await save(
      world.a.agents.student,
      view.id,
      view.sections[1]?.itemIds[0] as string,
      right,
      1,
    );
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('deadline-passed');
    expect(attemptRow(world, view.id)?.status).toBe('in-progress');
    world.deps.clock.set(view.now + 20 * MINUTE + GRACE);
    expect(finaliseExpiredAttempts(world.deps)).toBe(1);
  });
});

describe('the background job', () => {
  it('is registered every 15 s and finalises expired attempts', async () => {
    const { JOBS } = await import('../jobs');
    const job = JOBS.find((j) => j.name === 'expired-attempts');
    expect(job?.everyMs).toBe(15_000);
    const world = await createWorld();
    const view = await startStudentAttempt(world);
    world.deps.clock.set((view.deadline as number) + GRACE);
    job?.run(world.deps);
    expect(attemptRow(world, view.id)).toMatchObject({ status: 'submitted', submitReason: 'expired' });
  });
});

import { auditEvents, itemVersions, regrades } from '@coderprep/db';
import type { Item } from '@coderprep/exam-engine';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../testing/fixtures';
import {
  addItemVersion,
  addStudent,
  attemptItemsByExternalId,
  attemptRow,
  fill,
  insertAttempt,
  mc,
} from './test-attempts';

const SIX = ['anat-1', 'anat-2', 'anat-3', 'anat-4', 'rad-1', 'rad-2'];

/** The six items answered B (right under the fixture keys) except where `over` says otherwise. */
const answers = (over: Record<string, string | null> = {}) =>
  Object.fromEntries(SIX.map((id) => [id, mc(id in over ? (over[id] ?? null) : 'B')]));

/** rad-1 v2: the key moves from B to C (the fix of a wrong key). */
const rekey = (key: string) => (item: Item) => ({ ...item, key }) as Item;

describe('regrading after a key fix', () => {
  let world: World;
  let ids: Record<string, string>;
  const rad1 = () => world.a.itemIds['rad-1'] as string;
  const regrade = (body: unknown, itemId = rad1(), agent = world.a.agents.instructor) =>
    agent.post(`/api/orgs/${world.a.organisationId}/items/${itemId}/regrade`).send(body as object);

  beforeEach(async () => {
    world = await createWorld();
    const t0 = world.deps.clock.now();
    ids = {};
    ids.ana = addStudent(world, 'Ana');
    ids.ben = addStudent(world, 'Ben');
    ids.cy = addStudent(world, 'Cy');
    ids.dee = addStudent(world, 'Dee');
    // Ana chose C on rad-1 (wrong under v1, right under the fix) and missed anat-4: 4/6 -> 5/6.
    ids.anaAttempt = insertAttempt(world, {
      userId: ids.ana,
      answers: answers({ 'rad-1': 'C', 'anat-4': 'A' }),
      submittedAt: t0 + 1000,
    }).id;
    // Ben chose B (right under v1, wrong under the fix) and missed anat-4: 5/6 -> 4/6.
    ids.benAttempt = insertAttempt(world, {
      userId: ids.ben,
      answers: answers({ 'anat-4': 'A' }),
      submittedAt: t0 + 2000,
    }).id;
    world.deps.clock.advance(60_000);
    addItemVersion(world, 'rad-1', rekey('C'));
    // Cy drew the fixed version: not touched by a regrade from v1.
    ids.cyAttempt = insertAttempt(world, {
      userId: ids.cy,
      answers: answers({ 'rad-1': 'B' }),
      versions: { 'rad-1': 2 },
    }).id;
    // Dee is still working on v1: not regraded (counted).
    ids.deeAttempt = insertAttempt(world, { userId: ids.dee, answers: answers(), status: 'in-progress' }).id;
    world.deps.clock.advance(60_000);
  });

  it('regrades every submitted attempt holding the old version: scores, pass/fail, report, item version', async () => {
    const cyBefore = attemptRow(world, ids.cyAttempt as string);
    const res = await regrade({ fromVersion: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      itemId: rad1(),
      fromVersion: 1,
      toVersion: 2,
      regraded: 2,
      inProgress: 1,
      changes: [
        {
          attemptId: ids.anaAttempt,
          studentName: 'Ana',
          oldPercent: 66.67,
          newPercent: 83.33,
          passedBefore: false,
          passedAfter: true,
        },
        {
          attemptId: ids.benAttempt,
          studentName: 'Ben',
          oldPercent: 83.33,
          newPercent: 66.67,
          passedBefore: true,
          passedAfter: false,
        },
      ],
    });

    const ana = attemptRow(world, ids.anaAttempt as string);
    expect(ana).toMatchObject({ scorePercent: 83.33, passed: true, updatedAt: world.deps.clock.now() });
    const report = JSON.parse(ana?.result ?? 'null');
    expect(report).toMatchObject({ percent: 83.33, passed: true, earned: 5, possible: 6 });
    expect(report.byDomain.find((d: { domain: string }) => d.domain === 'radiology')).toMatchObject({
      percent: 100,
    });
    const anaItems = attemptItemsByExternalId(world, ids.anaAttempt as string);
    expect(anaItems.get('rad-1')).toMatchObject({ itemVersion: 2, score: 1, choice: 'C' });
    expect(anaItems.get('anat-4')).toMatchObject({ itemVersion: 1, score: 0, choice: 'A' });

    const ben = attemptRow(world, ids.benAttempt as string);
    expect(ben).toMatchObject({ scorePercent: 66.67, passed: false });
    expect(attemptItemsByExternalId(world, ids.benAttempt as string).get('rad-1')).toMatchObject({
      itemVersion: 2,
      score: 0,
    });

    // Attempts that used other versions, or are still in progress, are untouched.
    expect(attemptRow(world, ids.cyAttempt as string)).toEqual(cyBefore);
    expect(attemptRow(world, ids.deeAttempt as string)).toMatchObject({
      status: 'in-progress',
      scorePercent: null,
    });
    expect(attemptItemsByExternalId(world, ids.deeAttempt as string).get('rad-1')).toMatchObject({
      itemVersion: 1,
      score: null,
    });
  });

  it('keeps a trail row per attempt and one audit event with the counts', async () => {
    await regrade({ fromVersion: 1, toVersion: 2 });
    const trail = world.deps.db.select().from(regrades).all();
    expect(trail).toHaveLength(2);
    expect(trail.find((r) => r.attemptId === ids.anaAttempt)).toMatchObject({
      itemId: rad1(),
      fromVersion: 1,
      toVersion: 2,
      oldPercent: 66.67,
      newPercent: 83.33,
      actorId: world.a.userIds.instructor,
      at: world.deps.clock.now(),
    });
    const events = world.deps.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'item.regrade'))
      .all();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      organisationId: world.a.organisationId,
      actorId: world.a.userIds.instructor,
      targetType: 'item',
      targetId: rad1(),
    });
    expect(JSON.parse(events[0]?.details ?? '{}')).toEqual({
      externalId: 'rad-1',
      fromVersion: 1,
      toVersion: 2,
      regraded: 2,
      scoreChanged: 2,
      passChanged: 2,
      inProgress: 1,
    });
  });

  it('lists the trail by item and by attempt, newest first, paginated', async () => {
    await regrade({ fromVersion: 1 });
    const list = (query: string) =>
      world.a.agents.admin.get(`/api/orgs/${world.a.organisationId}/regrades${query}`);
    const byItem = await list(`?itemId=${rad1()}`);
    expect(byItem.status).toBe(200);
    expect(byItem.body.total).toBe(2);
    expect(byItem.body.items[0]).toMatchObject({
      itemId: rad1(),
      externalId: 'rad-1',
      fromVersion: 1,
      toVersion: 2,
      actorId: world.a.userIds.instructor,
      actorName: 'instructor A',
      at: world.deps.clock.now(),
    });
    const byAttempt = await list(`?attemptId=${ids.benAttempt}`);
    expect(byAttempt.body.items).toEqual([
      expect.objectContaining({
        attemptId: ids.benAttempt,
        studentId: ids.ben,
        studentName: 'Ben',
        oldPercent: 83.33,
        newPercent: 66.67,
      }),
    ]);
    const page = await list('?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.body.items).toHaveLength(1);
    expect((await list(`?itemId=${world.a.itemIds['rad-2']}`)).body.total).toBe(0);
    expect((await list('?limit=500')).status).toBe(400);
    // Another organisation sees none of it.
    const b = await world.b.agents.admin.get(`/api/orgs/${world.b.organisationId}/regrades`);
    expect(b.body).toMatchObject({ items: [], total: 0 });
  });

  it('has nothing left to do once the attempts moved to the fixed version', async () => {
    await regrade({ fromVersion: 1 });
    const again = await regrade({ fromVersion: 1 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ regraded: 0, changes: [], inProgress: 1 });
    expect(world.deps.db.select().from(regrades).all()).toHaveLength(2);
  });

  it('moves the regraded attempts to the fixed version in item analysis', async () => {
    await regrade({ fromVersion: 1 });
    const res = await world.a.agents.admin.get(
      `/api/orgs/${world.a.organisationId}/assignments/${world.a.assignmentId}/item-analysis`,
    );
    const row = res.body.items.find((r: { externalId: string }) => r.externalId === 'rad-1');
    expect(row.versions).toEqual([2]);
    expect(row.distractors.find((d: { option: string }) => d.option === 'C')).toMatchObject({
      correct: true,
      total: 1,
    });
  });

  it('refuses a version that changes the option ids, naming what differs', async () => {
    const v3 = addItemVersion(world, 'rad-1', (item) =>
      item.type === 'multiple-choice'
        ? { ...item, options: item.options.map((o) => (o.id === 'D' ? { ...o, id: 'E' } : o)) }
        : item,
    );
    const res = await regrade({ fromVersion: 1, toVersion: v3 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('regrade-changes-question');
    expect(res.body.error.message).toContain('the option ids change from A, B, C, D to A, B, C, E');
    expect(res.body.error.details).toEqual([
      { path: 'options', message: 'the option ids change from A, B, C, D to A, B, C, E' },
    ]);
    // Nothing was written.
    expect(attemptRow(world, ids.anaAttempt as string)?.scorePercent).toBe(66.67);
    expect(world.deps.db.select().from(regrades).all()).toHaveLength(0);
  });

  it('refuses a version of another type', async () => {
    const v3 = addItemVersion(
      world,
      'rad-1',
      (item) =>
        ({
          ...item,
          type: 'fill-in',
          options: undefined,
          blanks: [{ id: 'b1', label: '', kind: 'cpt' }],
          key: { b1: { kind: 'cpt', accepted: ['70450'] } },
          partialCredit: 'all-or-nothing',
        }) as unknown as Item,
    );
    const res = await regrade({ fromVersion: 2, toVersion: v3 });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'type', message: 'the type changes from multiple-choice to fill-in' },
    ]);
  });

  it('refuses a fill-in version whose blanks change, and accepts one that only fixes the key', async () => {
    const dx = world.a.itemIds['dx-1'] as string;
    const zed = addStudent(world, 'Zed');
    const attempt = insertAttempt(world, {
      userId: zed,
      answers: { ...answers(), 'dx-1': fill('E11.65') },
    }).id;
    const renamed = addItemVersion(world, 'dx-1', (item) =>
      item.type === 'fill-in'
        ? ({
            ...item,
            blanks: [{ id: 'dx', label: 'Diagnosis', kind: 'icd10cm' }],
            key: { dx: { kind: 'icd10cm', accepted: ['E11.65'] } },
          } as Item)
        : item,
    );
    const refused = await regrade({ fromVersion: 1, toVersion: renamed }, dx);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: 'blanks', message: 'the blank ids change from b1 to dx' },
    ]);
    const rekind = addItemVersion(world, 'dx-1', (item) =>
      item.type === 'fill-in'
        ? ({
            ...item,
            blanks: [{ id: 'b1', label: 'Diagnosis', kind: 'cpt' }],
            key: { b1: { kind: 'cpt', accepted: ['99213'] } },
          } as Item)
        : item,
    );
    const kind = await regrade({ fromVersion: 1, toVersion: rekind }, dx);
    expect(kind.body.error.details).toEqual([
      { path: 'blanks.b1.kind', message: 'blank "b1" changes from icd10cm to cpt' },
    ]);

    const fixed = addItemVersion(world, 'dx-1', (item) =>
      item.type === 'fill-in'
        ? ({
            ...item,
            blanks: [{ id: 'b1', label: 'Diagnosis', kind: 'icd10cm' }],
            key: { b1: { kind: 'icd10cm', accepted: ['E11.65'] } },
          } as Item)
        : item,
    );
    const ok = await regrade({ fromVersion: 1, toVersion: fixed }, dx);
    expect(ok.status).toBe(200);
    expect(ok.body.changes).toEqual([
      expect.objectContaining({
        attemptId: attempt,
        studentName: 'Zed',
        oldPercent: 85.71,
        newPercent: 100,
        passedAfter: true,
      }),
    ]);
  });

  it('writes nothing when one attempt cannot be regraded: one transaction', async () => {
    // Eve's attempt (regraded after Ana's and Ben's) also holds anat-5, whose stored body is then broken.
    const eve = addStudent(world, 'Eve');
    const broken = insertAttempt(world, {
      userId: eve,
      answers: { ...answers(), 'anat-5': mc('B') },
      submittedAt: world.deps.clock.now(),
    }).id;
    world.deps.db
      .update(itemVersions)
      .set({ body: '{not json' })
      .where(eq(itemVersions.itemId, world.a.itemIds['anat-5'] as string))
      .run();
    const res = await regrade({ fromVersion: 1 });
    expect(res.status).toBe(500);
    expect(attemptRow(world, ids.anaAttempt as string)?.scorePercent).toBe(66.67);
    expect(attemptItemsByExternalId(world, ids.anaAttempt as string).get('rad-1')?.itemVersion).toBe(1);
    expect(attemptRow(world, broken)?.scorePercent).toBe(100);
    expect(world.deps.db.select().from(regrades).all()).toHaveLength(0);
    expect(
      world.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'item.regrade')).all(),
    ).toHaveLength(0);
  });

  it('validates the body and refuses unknown versions and items', async () => {
    const missing = await regrade({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([expect.objectContaining({ path: 'body.fromVersion' })]);
    const zero = await regrade({ fromVersion: 0, toVersion: 'two' });
    expect(zero.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body.fromVersion',
      'body.toVersion',
    ]);
    const same = await regrade({ fromVersion: 2 });
    expect(same.status).toBe(400);
    expect(same.body.error.code).toBe('same-version');
    const unknownVersion = await regrade({ fromVersion: 9 });
    expect(unknownVersion.status).toBe(404);
    expect(unknownVersion.body.error.message).toBe('Version 9 of the item was not found.');
    expect((await regrade({ fromVersion: 1 }, 'no-such-item')).status).toBe(404);
    // B's admin naming A's item through B's organisation.
    const viaB = await world.b.agents.admin
      .post(`/api/orgs/${world.b.organisationId}/items/${rad1()}/regrade`)
      .send({ fromVersion: 1 });
    expect(viaB.status).toBe(404);
    expect(world.deps.db.select().from(regrades).all()).toHaveLength(0);
  });
});

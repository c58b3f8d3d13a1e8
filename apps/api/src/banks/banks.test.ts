import { attemptItems, attempts, listAuditEvents } from '@coderprep/db';
import { createCodeSet, drawExam, type Item, parseItem } from '@coderprep/exam-engine';
import { beforeEach, describe, expect, it } from 'vitest';
import { createWorld, fillInItem, insertBank, mcItem, smallBlueprint, type World } from '../testing/fixtures';
import { createBankWithItems, importItems, itemVersionKey, loadDrawBank, loadItemVersions } from './service';

/** A tiny ICD-10-CM table: E11 is a header (not billable), E11.9 a billable code. */
const ICD10CM_TSV =
  'code\tbillable\tdescription\nE11\t0\tType 2 diabetes mellitus\nE119\t1\tType 2 diabetes mellitus without complications\n';

let world: World;
let banks: string;
let items: string;

beforeEach(async () => {
  world = await createWorld();
  banks = `/api/orgs/${world.a.organisationId}/banks`;
  items = `${banks}/${world.a.bankId}/items`;
});

const paths = (res: { body: { error: { details: { path: string }[] } } }) =>
  res.body.error.details.map((d) => d.path);

/** Records that an attempt drew this item version (rows straight through drizzle). */
function markUsed(itemId: string, version = 1) {
  const { deps, a } = world;
  const now = deps.clock.now();
  const attemptId = deps.newId();
  deps.db
    .insert(attempts)
    .values({
      id: attemptId,
      organisationId: a.organisationId,
      userId: a.userIds.student,
      examId: a.examId,
      mode: 'exam',
      status: 'submitted',
      seed: 'seed',
      drawn: '{}',
      state: '{}',
      startedAt: now,
      graceMs: 0,
      updatedAt: now,
    })
    .run();
  deps.db
    .insert(attemptItems)
    .values({
      attemptId,
      itemId,
      itemVersion: version,
      position: 0,
      sectionId: 'part-1',
      domain: 'anatomy',
      scored: true,
      points: 1,
    })
    .run();
}

function scenarioItem(id: string, domain: string, caseText: string): Item {
  const parsed = parseItem({
    id,
    domain,
    codeSetYear: 2026,
    type: 'scenario',
    stem: 'Read the operative note.',
    rationale: 'Per the guideline.',
    caseText,
    scored: false,
    subItems: [
      {
        id: 'q1',
        type: 'multiple-choice',
        stem: 'Which approach?',
        options: ['A', 'B', 'C', 'D'].map((o) => ({ id: o, text: `Approach ${o}` })),
        key: 'A',
      },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.item;
}

describe('authorisation', () => {
  const routes = (): [method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: object][] => {
    const item = `${items}/${world.a.itemIds['anat-1']}`;
    return [
      ['get', banks],
      ['post', banks, { name: 'New' }],
      ['get', `${banks}/${world.a.bankId}`],
      ['patch', `${banks}/${world.a.bankId}`, { name: 'Renamed' }],
      ['delete', `${banks}/${world.a.bankId}`],
      ['get', `${banks}/${world.a.bankId}/stats`],
      ['get', items],
      ['post', items, mcItem('new-1', 'anatomy')],
      ['get', item],
      ['put', item, mcItem('anat-1', 'anatomy')],
      ['delete', item],
      ['post', `${item}/archive`, {}],
      ['post', `${item}/restore`, {}],
      ['get', `${item}/versions/1`],
    ];
  };

  it('refuses anonymous callers (401), other organisations (404) and students (403) on every route', async () => {
    for (const [method, path, body] of routes()) {
      const as = async (agent: ReturnType<World['anonymous']>) => {
        const req = agent[method](path).set('Content-Type', 'application/json');
        return body ? req.send(body) : req;
      };
      expect((await as(world.anonymous())).status, `${method} ${path} anonymous`).toBe(401);
      expect((await as(world.b.agents.admin)).status, `${method} ${path} other org`).toBe(404);
      expect((await as(world.a.agents.student)).status, `${method} ${path} student`).toBe(403);
    }
    // Nothing changed on the way.
    const list = await world.a.agents.admin.get(items);
    expect(list.body.total).toBe(10);
  });

  it('lets instructors and admins manage banks', async () => {
    for (const role of ['instructor', 'admin'] as const) {
      const res = await world.a.agents[role].get(banks);
      expect(res.status).toBe(200);
    }
  });

  it('does not reach a bank of another organisation through its own organisation', async () => {
    const other = insertBank(world.deps, world.b.organisationId, [mcItem('b-1', 'anatomy')]);
    const res = await world.a.agents.admin.get(`${banks}/${other.bankId}`);
    expect(res.status).toBe(404);
    const item = await world.a.agents.admin.get(`${banks}/${other.bankId}/items/${other.itemIds['b-1']}`);
    expect(item.status).toBe(404);
    // An item of bank X is not reachable under bank Y of the same organisation.
    const mine = insertBank(world.deps, world.a.organisationId, [], 'Second');
    const cross = await world.a.agents.admin.get(
      `${banks}/${mine.bankId}/items/${world.a.itemIds['anat-1']}`,
    );
    expect(cross.status).toBe(404);
  });
});

describe('banks', () => {
  it('lists banks with item counts, paginated', async () => {
    insertBank(world.deps, world.a.organisationId, [mcItem('x-1', 'anatomy')], 'A second bank');
    insertBank(world.deps, world.b.organisationId, [mcItem('x-1', 'anatomy')], 'Not ours');
    const res = await world.a.agents.instructor.get(banks);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((b: { name: string }) => b.name)).toEqual(['A second bank', 'Fixture bank']);
    expect(res.body.items[1]).toMatchObject({ id: world.a.bankId, itemCount: 10, archivedItemCount: 0 });
    const page = await world.a.agents.instructor.get(banks).query({ limit: 1, offset: 1 });
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0].name).toBe('Fixture bank');
    const bad = await world.a.agents.instructor.get(banks).query({ limit: 0 });
    expect(bad.status).toBe(400);
    expect(paths(bad)).toEqual(['query.limit']);
  });

  it('creates, reads and renames a bank, auditing each write', async () => {
    const agent = world.a.agents.instructor;
    const created = await agent.post(banks).send({ name: '  CPC surgery  ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'CPC surgery', description: '', itemCount: 0 });
    const id = created.body.id;
    const read = await agent.get(`${banks}/${id}`);
    expect(read.body).toEqual(created.body);

    world.deps.clock.advance(1000);
    const renamed = await agent.patch(`${banks}/${id}`).send({ description: 'Surgery series' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'CPC surgery', description: 'Surgery series' });
    expect(renamed.body.updatedAt).toBe(created.body.updatedAt + 1000);

    const events = listAuditEvents(world.deps.db, world.a.organisationId, {
      targetId: id,
      limit: 10,
      offset: 0,
    });
    expect(events.map((e) => e.action)).toEqual(['bank.update', 'bank.create']);
    expect(events[0]?.actorId).toBe(world.a.userIds.instructor);
  });

  it('validates bank bodies with field paths', async () => {
    const agent = world.a.agents.admin;
    const empty = await agent.post(banks).send({ name: '   ' });
    expect(empty.status).toBe(400);
    expect(paths(empty)).toEqual(['body.name']);
    const nothing = await agent.patch(`${banks}/${world.a.bankId}`).send({});
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.code).toBe('invalid-body');
    const missing = await agent.get(`${banks}/no-such-bank`);
    expect(missing.status).toBe(404);
  });

  it('deletes a bank no attempt used, with its items', async () => {
    const { bankId, itemIds } = insertBank(
      world.deps,
      world.a.organisationId,
      [mcItem('d-1', 'anatomy')],
      'Doomed',
    );
    const res = await world.a.agents.admin
      .delete(`${banks}/${bankId}`)
      .set('Content-Type', 'application/json');
    expect(res.status).toBe(204);
    expect((await world.a.agents.admin.get(`${banks}/${bankId}`)).status).toBe(404);
    expect(loadItemVersions(world.deps, [{ itemId: itemIds['d-1']!, version: 1 }]).size).toBe(0);
  });

  it('refuses to delete a bank whose items were used in attempts, suggesting archiving (409)', async () => {
    const { bankId, itemIds } = insertBank(
      world.deps,
      world.a.organisationId,
      [mcItem('u-1', 'anatomy')],
      'Used',
    );
    markUsed(itemIds['u-1']!);
    const res = await world.a.agents.admin
      .delete(`${banks}/${bankId}`)
      .set('Content-Type', 'application/json');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('bank-in-use');
    expect(res.body.error.message).toMatch(/archive its items/i);
    expect((await world.a.agents.admin.get(`${banks}/${bankId}`)).status).toBe(200);
  });

  it('refuses to delete a bank an exam draws from (409)', async () => {
    const res = await world.a.agents.admin
      .delete(`${banks}/${world.a.bankId}`)
      .set('Content-Type', 'application/json');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('bank-in-exam');
    expect(res.body.error.details.exams[0].id).toBe(world.a.examId);
  });
});

describe('items: create, key checks, versions', () => {
  it('creates an item at version 1 with its authored id as externalId', async () => {
    const res = await world.a.agents.instructor
      .post(items)
      .send(mcItem('new-1', 'anatomy', { tags: ['heart'] }));
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([]);
    expect(res.body.item).toMatchObject({
      externalId: 'new-1',
      bankId: world.a.bankId,
      type: 'multiple-choice',
      domain: 'anatomy',
      tags: ['heart'],
      currentVersion: 1,
      status: 'active',
      versions: [{ version: 1, createdBy: world.a.userIds.instructor }],
    });
    expect(res.body.item.id).not.toBe('new-1');
    expect(res.body.item.body).toMatchObject({ id: 'new-1', version: 1, key: 'B' });
    const events = listAuditEvents(world.deps.db, world.a.organisationId, {
      targetId: res.body.item.id,
      limit: 10,
      offset: 0,
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'item.create', targetType: 'item' });
  });

  it('refuses an invalid item with the field path of each problem', async () => {
    const body = mcItem('bad-1', 'anatomy') as Extract<Item, { type: 'multiple-choice' }>;
    const broken = {
      ...body,
      options: body.options.map((o, i) => (i === 2 ? { ...o, text: '  ' } : o)),
      key: 'Z',
    };
    const res = await world.a.agents.instructor.post(items).send(broken);
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(expect.arrayContaining(['body.options.2.text', 'body.key']));
    const noType = await world.a.agents.instructor.post(items).send({ id: 'x', stem: 'S' });
    expect(noType.status).toBe(400);
    expect(paths(noType)).toContain('body.type');
    expect((await world.a.agents.admin.get(items)).body.total).toBe(10);
  });

  it('refuses a malformed key code with its field path', async () => {
    const res = await world.a.agents.instructor
      .post(items)
      .send(fillInItem('dx-bad', 'icd-10-cm', { key: { b1: { kind: 'icd10cm', accepted: ['E1.19'] } } }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid-key');
    expect(paths(res)).toEqual(['body.key.b1.accepted.0']);
  });

  it('saves an item whose key codes are absent from the loaded code set or headers, with warnings', async () => {
    const codeSet = createCodeSet();
    codeSet.loadIcd10Cm(ICD10CM_TSV);
    world.deps.codeSet = codeSet;
    const agent = world.a.agents.instructor;

    const clean = await agent.post(items).send(fillInItem('dx-ok', 'icd-10-cm'));
    expect(clean.status).toBe(201);
    expect(clean.body.warnings).toEqual([]);

    const unknown = await agent
      .post(items)
      .send(fillInItem('dx-unknown', 'icd-10-cm', { key: { b1: { kind: 'icd10cm', accepted: ['E10.9'] } } }));
    expect(unknown.status).toBe(201);
    expect(unknown.body.warnings).toEqual([
      { path: 'body.key.b1.accepted.0', message: expect.stringMatching(/E10\.9 is not in the loaded/) },
    ]);

    const header = await agent
      .post(items)
      .send(fillInItem('dx-header', 'icd-10-cm', { key: { b1: { kind: 'icd10cm', accepted: ['E11'] } } }));
    expect(header.status).toBe(201);
    expect(header.body.warnings).toEqual([
      { path: 'body.key.b1.accepted.0', message: expect.stringMatching(/header code/) },
    ]);
    expect((await agent.get(`${items}/${header.body.item.id}`)).status).toBe(200);
  });

  it('refuses a second item with the same authored id in the bank (409), but not in another bank', async () => {
    const clash = await world.a.agents.admin.post(items).send(mcItem('anat-1', 'anatomy'));
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('external-id-taken');
    expect(clash.body.error.details.itemId).toBe(world.a.itemIds['anat-1']);
    const other = insertBank(world.deps, world.a.organisationId, [], 'Other');
    const ok = await world.a.agents.admin
      .post(`${banks}/${other.bankId}/items`)
      .send(mcItem('anat-1', 'anatomy'));
    expect(ok.status).toBe(201);
  });

  it('makes every edit a new version and keeps earlier versions intact', async () => {
    const agent = world.a.agents.instructor;
    const id = world.a.itemIds['dx-1']!;
    const before = await agent.get(`${items}/${id}`);
    expect(before.body.currentVersion).toBe(1);

    world.deps.clock.advance(5000);
    const edited = await agent.put(`${items}/${id}`).send(
      fillInItem('dx-1', 'icd-10-cm', {
        key: { b1: { kind: 'icd10cm', accepted: ['E11.65'] } },
        version: 7,
      }),
    );
    expect(edited.status).toBe(200);
    expect(edited.body.item.currentVersion).toBe(2);
    expect(edited.body.item.body.version).toBe(2);
    expect(edited.body.item.body.key.b1.accepted).toEqual(['E11.65']);
    expect(edited.body.item.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(edited.body.item.versions[1]).toMatchObject({
      createdAt: before.body.updatedAt + 5000,
      createdBy: world.a.userIds.instructor,
    });

    const v1 = await agent.get(`${items}/${id}/versions/1`);
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ itemId: id, version: 1 });
    expect(v1.body.body).toEqual(before.body.body);
    expect(v1.body.body.key.b1.accepted).toEqual(['E11.9']);

    world.deps.clock.advance(1000);
    const again = await agent.put(`${items}/${id}`).send(fillInItem('dx-1', 'icd-10-cm'));
    expect(again.body.item.currentVersion).toBe(3);
    expect((await agent.get(`${items}/${id}/versions/2`)).body.body.key.b1.accepted).toEqual(['E11.65']);
    expect((await agent.get(`${items}/${id}/versions/4`)).status).toBe(404);
    expect((await agent.get(`${items}/${id}/versions/zero`)).status).toBe(400);

    const actions = listAuditEvents(world.deps.db, world.a.organisationId, {
      targetId: id,
      limit: 10,
      offset: 0,
    });
    expect(actions.map((e) => e.action)).toEqual(['item.update', 'item.update']);
    expect(JSON.parse(actions[1]!.details)).toMatchObject({ fromVersion: 1, toVersion: 2 });
  });

  it('validates an edit like a creation and refuses renaming onto another item id', async () => {
    const id = world.a.itemIds['anat-2']!;
    const bad = await world.a.agents.admin
      .put(`${items}/${id}`)
      .send({ ...mcItem('anat-2', 'anatomy'), domain: 'Not A Slug' });
    expect(bad.status).toBe(400);
    expect(paths(bad)).toEqual(['body.domain']);
    const clash = await world.a.agents.admin.put(`${items}/${id}`).send(mcItem('anat-3', 'anatomy'));
    expect(clash.status).toBe(409);
    const renamed = await world.a.agents.admin.put(`${items}/${id}`).send(mcItem('anat-2b', 'radiology'));
    expect(renamed.body.item).toMatchObject({
      externalId: 'anat-2b',
      domain: 'radiology',
      currentVersion: 2,
    });
    expect((await world.a.agents.admin.get(`${items}/${id}`)).body.currentVersion).toBe(2);
  });
});

describe('items: delete, archive, restore', () => {
  it('deletes an item no attempt used', async () => {
    const id = world.a.itemIds['anat-6']!;
    const res = await world.a.agents.instructor
      .delete(`${items}/${id}`)
      .set('Content-Type', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ deleted: true });
    expect((await world.a.agents.instructor.get(`${items}/${id}`)).status).toBe(404);
    const events = listAuditEvents(world.deps.db, world.a.organisationId, {
      targetId: id,
      limit: 10,
      offset: 0,
    });
    expect(events.map((e) => e.action)).toEqual(['item.delete']);
  });

  it('archives instead of deleting an item an attempt used, and restores it', async () => {
    const id = world.a.itemIds['anat-1']!;
    markUsed(id);
    const agent = world.a.agents.instructor;
    const res = await agent.delete(`${items}/${id}`).set('Content-Type', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ archived: true, message: expect.stringMatching(/archived/) });
    const read = await agent.get(`${items}/${id}`);
    expect(read.body.status).toBe('archived');
    expect(read.body.versions).toHaveLength(1);

    const active = await agent.get(items);
    expect(active.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const archived = await agent.get(items).query({ status: 'archived' });
    expect(archived.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await agent.get(`${banks}/${world.a.bankId}`)).body).toMatchObject({
      itemCount: 9,
      archivedItemCount: 1,
    });

    // Deleting again still archives: used items are never deleted.
    expect((await agent.delete(`${items}/${id}`).set('Content-Type', 'application/json')).body).toMatchObject(
      { archived: true },
    );
    expect((await agent.get(`${items}/${id}`)).body.status).toBe('archived');

    world.deps.clock.advance(1000);
    const restored = await agent.post(`${items}/${id}/restore`).set('Content-Type', 'application/json');
    expect(restored.status).toBe(200);
    expect(restored.body.status).toBe('active');
    const events = listAuditEvents(world.deps.db, world.a.organisationId, {
      targetId: id,
      limit: 10,
      offset: 0,
    });
    expect(events.map((e) => e.action)).toEqual(['item.restore', 'item.archive']);
  });

  it('archives an unused item on request without deleting it', async () => {
    const id = world.a.itemIds['rad-1']!;
    const res = await world.a.agents.admin
      .post(`${items}/${id}/archive`)
      .set('Content-Type', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('archived');
    expect((await world.a.agents.admin.get(`${items}/${id}`)).status).toBe(200);
  });
});

describe('items: search, filters, pagination', () => {
  beforeEach(() => {
    insertBank(world.deps, world.b.organisationId, [mcItem('b-anat', 'anatomy')], 'B bank');
  });

  const ids = (res: { body: { items: { externalId: string }[] } }) => res.body.items.map((i) => i.externalId);

  it('lists active items by authored id with their current bodies, paginated', async () => {
    const agent = world.a.agents.instructor;
    const all = await agent.get(items);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 10, limit: 50, offset: 0 });
    expect(ids(all)).toEqual([
      'anat-1',
      'anat-2',
      'anat-3',
      'anat-4',
      'anat-5',
      'anat-6',
      'dx-1',
      'rad-1',
      'rad-2',
      'rad-3',
    ]);
    expect(all.body.items[0]).toMatchObject({
      currentVersion: 1,
      status: 'active',
      tags: [],
      body: { id: 'anat-1', key: 'B', rationale: expect.any(String) },
    });
    const page = await agent.get(items).query({ limit: 3, offset: 6 });
    expect(page.body.total).toBe(10);
    expect(ids(page)).toEqual(['dx-1', 'rad-1', 'rad-2']);
  });

  it('filters by domain, type, tag and status', async () => {
    const agent = world.a.agents.instructor;
    await agent.post(items).send(mcItem('tagged-1', 'radiology', { tags: ['contrast', 'ct'] }));
    await agent.post(items).send(mcItem('tagged-2', 'anatomy', { tags: ['ct-scan'] }));
    expect(ids(await agent.get(items).query({ domain: 'radiology' }))).toEqual([
      'rad-1',
      'rad-2',
      'rad-3',
      'tagged-1',
    ]);
    expect(ids(await agent.get(items).query({ type: 'fill-in' }))).toEqual(['dx-1']);
    expect(ids(await agent.get(items).query({ tag: 'ct' }))).toEqual(['tagged-1']);
    expect(ids(await agent.get(items).query({ tag: 'ct', domain: 'anatomy' }))).toEqual([]);
    const none = await agent.get(items).query({ status: 'archived' });
    expect(none.body).toMatchObject({ total: 0, items: [] });
    const bad = await agent.get(items).query({ type: 'essay', status: 'gone' });
    expect(bad.status).toBe(400);
    expect(paths(bad).sort()).toEqual(['query.status', 'query.type']);
  });

  it('searches stem and case text ignoring case, with LIKE wildcards taken literally', async () => {
    const agent = world.a.agents.instructor;
    await agent
      .post(items)
      .send(scenarioItem('case-1', 'surgery-20000', 'Patient with a FRACTURED left radius, 100% displaced.'));
    expect(ids(await agent.get(items).query({ q: 'fractured LEFT' }))).toEqual(['case-1']);
    expect(ids(await agent.get(items).query({ q: 'operative note' }))).toEqual(['case-1']);
    expect(ids(await agent.get(items).query({ q: 'STEM OF RAD-2' }))).toEqual(['rad-2']);
    expect(ids(await agent.get(items).query({ q: '100%' }))).toEqual(['case-1']);
    expect(ids(await agent.get(items).query({ q: 'stem%rad' }))).toEqual([]);
    expect(ids(await agent.get(items).query({ q: 'rad_2' }))).toEqual([]);
    // Only the searchable text: the rationale is not searched.
    expect(ids(await agent.get(items).query({ q: 'per the guideline' }))).toEqual([]);
  });

  it('searches the current version only', async () => {
    const agent = world.a.agents.instructor;
    const id = world.a.itemIds['anat-4']!;
    await agent
      .put(`${items}/${id}`)
      .send(mcItem('anat-4', 'anatomy', { stem: 'Where is the pineal gland?' }));
    expect(ids(await agent.get(items).query({ q: 'pineal' }))).toEqual(['anat-4']);
    expect(ids(await agent.get(items).query({ q: 'stem of anat-4' }))).toEqual([]);
  });
});

describe('bank stats', () => {
  it('counts active items per domain, scored and pretest per type', async () => {
    const agent = world.a.agents.instructor;
    await agent.post(items).send(scenarioItem('case-1', 'anatomy', 'A case.'));
    await agent.post(items).send(mcItem('pre-1', 'anatomy', { scored: false }));
    await agent.delete(`${items}/${world.a.itemIds['rad-3']}`).set('Content-Type', 'application/json');
    markUsed(world.a.itemIds['rad-2']!);
    await agent.delete(`${items}/${world.a.itemIds['rad-2']}`).set('Content-Type', 'application/json'); // archived: not counted
    const res = await agent.get(`${banks}/${world.a.bankId}/stats`);
    expect(res.status).toBe(200);
    const zero = { 'multiple-choice': 0, 'multiple-response': 0, 'fill-in': 0, scenario: 0 };
    expect(res.body).toEqual({
      bankId: world.a.bankId,
      total: 10,
      domains: [
        {
          domain: 'anatomy',
          total: 8,
          scored: { ...zero, 'multiple-choice': 6 },
          pretest: { ...zero, 'multiple-choice': 1, scenario: 1 },
        },
        { domain: 'icd-10-cm', total: 1, scored: { ...zero, 'fill-in': 1 }, pretest: zero },
        { domain: 'radiology', total: 1, scored: { ...zero, 'multiple-choice': 1 }, pretest: zero },
      ],
    });
  });
});

describe('bulk import', () => {
  it('imports every new item and skips ids the bank already holds', () => {
    const { deps, a } = world;
    const result = importItems(deps, { id: a.userIds.admin }, a.organisationId, a.bankId, [
      mcItem('imp-1', 'anatomy'),
      mcItem('anat-1', 'anatomy'),
      mcItem('imp-2', 'radiology'),
      mcItem('imp-1', 'anatomy'),
    ]);
    expect(result.created).toBe(2);
    expect(result.skipped).toEqual([
      { externalId: 'anat-1', reason: expect.stringMatching(/already/) },
      { externalId: 'imp-1', reason: expect.stringMatching(/more than once/) },
    ]);
    expect(Object.keys(result.itemIds)).toEqual(['imp-1', 'imp-2']);
    const events = listAuditEvents(deps.db, a.organisationId, { targetId: a.bankId, limit: 10, offset: 0 });
    expect(events[0]).toMatchObject({ action: 'bank.import', actorId: a.userIds.admin });
  });

  it('imports nothing when one item fails validation, reporting every path', async () => {
    const { deps, a } = world;
    const badKey = fillInItem('imp-bad', 'icd-10-cm', {
      key: { b1: { kind: 'icd10cm', accepted: ['E1.19'] } },
    });
    const badShape = { ...mcItem('imp-shape', 'anatomy'), key: 'Z' } as Item;
    expect(() =>
      importItems(deps, null, a.organisationId, a.bankId, [mcItem('imp-1', 'anatomy'), badKey, badShape]),
    ).toThrow(
      expect.objectContaining({
        status: 400,
        code: 'invalid-import',
        details: [
          { path: 'items.1.key.b1.accepted.0', message: expect.any(String) },
          { path: 'items.2.key', message: expect.any(String) },
        ],
      }),
    );
    expect((await a.agents.admin.get(items)).body.total).toBe(10);
  });

  it('rolls back every row when a write fails half-way', async () => {
    const { deps, a } = world;
    const newId = deps.newId;
    let calls = 0;
    // The third item gets the id of the first: its insert fails on the primary key.
    const ids: string[] = [];
    deps.newId = () => {
      calls++;
      const id = calls === 3 ? ids[0]! : newId();
      ids.push(id);
      return id;
    };
    try {
      expect(() =>
        importItems(deps, null, a.organisationId, a.bankId, [
          mcItem('imp-1', 'anatomy'),
          mcItem('imp-2', 'anatomy'),
          mcItem('imp-3', 'anatomy'),
        ]),
      ).toThrow();
    } finally {
      deps.newId = newId;
    }
    expect((await a.agents.admin.get(items)).body.total).toBe(10);
    const events = listAuditEvents(deps.db, a.organisationId, { targetId: a.bankId, limit: 10, offset: 0 });
    expect(events).toEqual([]);
  });

  it('creates a bank with its items in one go (the seed uses it)', async () => {
    const { deps, a } = world;
    const result = createBankWithItems(deps, null, a.organisationId, { name: 'Seeded' }, [
      mcItem('s-1', 'anatomy'),
      fillInItem('s-2', 'icd-10-cm'),
    ]);
    expect(result.bank).toMatchObject({ name: 'Seeded', itemCount: 2 });
    expect(result.created).toBe(2);
    const listed = await a.agents.admin.get(`${banks}/${result.bank.id}/items`);
    expect(
      listed.body.items.map((i: { versions?: unknown; currentVersion: number }) => i.currentVersion),
    ).toEqual([1, 1]);
  });

  it('creates no bank when its items fail', () => {
    const { deps, a } = world;
    const bad = { ...mcItem('s-bad', 'anatomy'), key: 'Z' } as Item;
    expect(() => createBankWithItems(deps, null, a.organisationId, { name: 'Never' }, [bad])).toThrow();
    // Only the fixture bank.
    expect(loadDrawBank(deps, a.organisationId, [a.bankId]).items).toHaveLength(10);
  });
});

describe('loading items for draws and attempts', () => {
  it('loads the active items of banks with row ids and current versions, ready to draw', async () => {
    const { deps, a } = world;
    const second = insertBank(deps, a.organisationId, [mcItem('anat-1', 'anatomy')], 'Second');
    const bank = loadDrawBank(deps, a.organisationId, [a.bankId, second.bankId]);
    expect(bank.items).toHaveLength(11);
    const ids = bank.items.map((i) => i.id);
    expect(ids).toContain(a.itemIds['anat-1']);
    expect(ids).toContain(second.itemIds['anat-1']);
    expect(ids).not.toContain('anat-1');
    expect(bank.items.every((i) => i.version === 1)).toBe(true);

    const drawn = drawExam(smallBlueprint(), bank, 'seed-1');
    expect(drawn.sections[0]?.items).toHaveLength(6);
    expect(
      drawExam(smallBlueprint(), loadDrawBank(deps, a.organisationId, [second.bankId, a.bankId]), 'seed-1'),
    ).toEqual(drawn);

    // An edit bumps the item's version and the bank's; archived items are not drawn.
    const id = a.itemIds['anat-2']!;
    await a.agents.admin.put(`${items}/${id}`).send(mcItem('anat-2', 'anatomy', { key: 'C' }));
    await a.agents.admin
      .post(`${items}/${a.itemIds['anat-3']}/archive`)
      .set('Content-Type', 'application/json');
    const after = loadDrawBank(deps, a.organisationId, [a.bankId, second.bankId]);
    expect(after.version).not.toBe(bank.version);
    expect(after.items).toHaveLength(10);
    expect(after.items.find((i) => i.id === id)).toMatchObject({ version: 2, key: 'C' });
  });

  it('refuses banks of another organisation', () => {
    const { deps, a, b } = world;
    const other = insertBank(deps, b.organisationId, [mcItem('b-1', 'anatomy')]);
    expect(() => loadDrawBank(deps, a.organisationId, [a.bankId, other.bankId])).toThrow(
      expect.objectContaining({ status: 404 }),
    );
  });

  it('loads item bodies at the versions attempts drew, archived or not', async () => {
    const { deps, a } = world;
    const id = a.itemIds['anat-5']!;
    markUsed(id);
    await a.agents.admin.put(`${items}/${id}`).send(mcItem('anat-5', 'anatomy', { key: 'D' }));
    await a.agents.admin.delete(`${items}/${id}`).set('Content-Type', 'application/json');
    const loaded = loadItemVersions(deps, [
      { itemId: id, version: 1 },
      { itemId: id, version: 2 },
      { itemId: id, version: 3 },
      { itemId: a.itemIds['dx-1']!, version: 1 },
    ]);
    expect(loaded.size).toBe(3);
    expect(loaded.get(itemVersionKey(id, 1))).toMatchObject({ id, version: 1, key: 'B' });
    expect(loaded.get(itemVersionKey(id, 2))).toMatchObject({ id, version: 2, key: 'D' });
    expect(loaded.has(itemVersionKey(id, 3))).toBe(false);
  });
});

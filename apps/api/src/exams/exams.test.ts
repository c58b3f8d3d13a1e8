import { exams } from '@coderprep/db';
import { PRESETS } from '@coderprep/exam-engine';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditActions, auditEvents, del, paths, post } from '../orgs/testing';
import { createWorld, insertBank, mcItem, smallBlueprint, type World } from '../testing/fixtures';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});

const examsUrl = (orgId = world.a.organisationId) => `/api/orgs/${orgId}/exams`;
const examUrl = (examId: string, orgId = world.a.organisationId) => `${examsUrl(orgId)}/${examId}`;

/** A custom blueprint body (plain JSON, as the web app sends it). */
const custom = (over: Record<string, unknown> = {}) => JSON.parse(JSON.stringify(smallBlueprint(over)));

describe('GET /api/presets', () => {
  it('lists the engine presets with blueprints, counts and their unconfirmed facts', async () => {
    const res = await world.a.agents.student.get('/api/presets');
    expect(res.status).toBe(200);
    const ids = res.body.presets.map((p: { id: string }) => p.id);
    expect(ids).toEqual(['cpc', 'cpc-online', 'ccs', 'cmc']);
    const cpc = res.body.presets[0];
    expect(cpc).toMatchObject({ id: 'cpc', style: 'cpc', itemCount: 100, limitMinutes: 240 });
    expect(cpc.blueprint).toEqual(JSON.parse(JSON.stringify(PRESETS.cpc)));
    expect(cpc.domainCounts).toContainEqual({ domain: 'icd-10-cm', count: 10 });
    expect(cpc.uncertainties[0]).toMatch(/not published/);
    const ccs = res.body.presets.find((p: { id: string }) => p.id === 'ccs');
    expect(ccs.itemCount).toBe(25 + 5 + 20); // scored multiple choice + pretest + scenarios
    const cmc = res.body.presets.find((p: { id: string }) => p.id === 'cmc');
    expect(cmc.uncertainties.join(' ')).toMatch(/time limit is not confirmed/);
  });

  it('needs a login', async () => {
    expect((await world.anonymous().get('/api/presets')).status).toBe(401);
  });
});

describe('POST /api/orgs/:orgId/exams', () => {
  it('creates an exam from a preset with overrides (staff), audited', async () => {
    const res = await world.a.agents.instructor.post(examsUrl()).send({
      name: 'CPC mock 1',
      mode: 'exam',
      presetId: 'cpc',
      overrides: { domainCounts: { 'icd-10-cm': 8, 'hcpcs-level-ii': 8 }, passPercent: 75 },
      bankIds: [world.a.bankId],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'CPC mock 1',
      mode: 'exam',
      presetId: 'cpc',
      bankIds: [world.a.bankId],
      itemCount: 100,
      limitMinutes: 240,
      passPercent: 75,
      archivedAt: null,
      assignmentCount: 0,
      createdBy: world.a.userIds.instructor,
    });
    const rules = res.body.blueprint.sections[0].rules;
    expect(rules.find((r: { domain: string }) => r.domain === 'icd-10-cm').count).toBe(8);
    const event = auditEvents(world, world.a.organisationId).find((e) => e.action === 'exam.create');
    expect(event).toMatchObject({ targetId: res.body.id, actorId: world.a.userIds.instructor });
    expect(event?.details).toMatchObject({ presetId: 'cpc', mode: 'exam' });
    expect((await world.a.agents.admin.get(examUrl(res.body.id))).body.id).toBe(res.body.id);
  });

  it('creates an exam from a custom blueprint, defaults applied', async () => {
    const blueprint = custom();
    delete blueprint.passPercent;
    const res = await world.a.agents.admin
      .post(examsUrl())
      .send({ name: 'Small', mode: 'exam', blueprint, bankIds: [world.a.bankId] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ presetId: null, itemCount: 6, limitMinutes: 60, passPercent: 70 });
  });

  it('creates an untimed practice exam (null limit), but never an untimed exam-mode exam', async () => {
    const untimed = custom({ clock: { mode: 'shared', limitMinutes: null }, warningMinutes: [] });
    const practice = await world.a.agents.admin
      .post(examsUrl())
      .send({ name: 'Practice', mode: 'practice', blueprint: untimed, bankIds: [world.a.bankId] });
    expect(practice.status).toBe(201);
    expect(practice.body).toMatchObject({ mode: 'practice', limitMinutes: null });
    const exam = await world.a.agents.admin
      .post(examsUrl())
      .send({ name: 'Exam', mode: 'exam', blueprint: untimed, bankIds: [world.a.bankId] });
    expect(exam.status).toBe(400);
    expect(paths(exam)).toEqual(['body.blueprint.clock.limitMinutes']);
    const preset = await world.a.agents.admin.post(examsUrl()).send({
      name: 'Exam',
      mode: 'exam',
      presetId: 'cmc',
      overrides: { limitMinutes: null, warningMinutes: [] },
      bankIds: [world.a.bankId],
    });
    expect(paths(preset)).toEqual(['body.overrides.limitMinutes']);
  });

  it('reports blueprint problems with their field paths', async () => {
    const blueprint = custom();
    blueprint.sections[0].rules[1].count = 0;
    const res = await world.a.agents.admin
      .post(examsUrl())
      .send({ name: 'Bad', mode: 'exam', blueprint, bankIds: [world.a.bankId] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid-body');
    expect(res.body.error.details).toEqual([
      { path: 'body.blueprint.sections.0.rules.1.count', message: 'draw at least 1 item' },
    ]);
  });

  it('needs exactly one source: a preset or a blueprint', async () => {
    const both = await world.a.agents.admin
      .post(examsUrl())
      .send({ name: 'X', mode: 'exam', presetId: 'cpc', blueprint: custom(), bankIds: [world.a.bankId] });
    expect(paths(both)).toEqual(['body.blueprint']);
    const neither = await world.a.agents.admin
      .post(examsUrl())
      .send({ name: 'X', mode: 'exam', bankIds: [world.a.bankId] });
    expect(paths(neither)).toEqual(['body.presetId']);
    const stray = await world.a.agents.admin
      .post(examsUrl())
      .send({ name: 'X', mode: 'exam', blueprint: custom(), overrides: {}, bankIds: [world.a.bankId] });
    expect(paths(stray)).toEqual(['body.overrides']);
  });

  it('maps preset override problems to the override at fault', async () => {
    const unknownDomain = await world.a.agents.admin.post(examsUrl()).send({
      name: 'X',
      mode: 'exam',
      presetId: 'cpc',
      overrides: { domainCounts: { dermatology: 3 } },
      bankIds: [world.a.bankId],
    });
    expect(unknownDomain.status).toBe(400);
    expect(paths(unknownDomain)).toEqual(['body.overrides.domainCounts.dermatology']);
    const lateWarning = await world.a.agents.admin.post(examsUrl()).send({
      name: 'X',
      mode: 'exam',
      presetId: 'cpc',
      overrides: { warningMinutes: [300] },
      bankIds: [world.a.bankId],
    });
    expect(paths(lateWarning)).toEqual(['body.overrides.warningMinutes.0']);
    const typo = await world.a.agents.admin.post(examsUrl()).send({
      name: 'X',
      mode: 'exam',
      presetId: 'cpc',
      overrides: { passMark: 80 },
      bankIds: [world.a.bankId],
    });
    expect(paths(typo)).toEqual(['body.overrides']);
  });

  it('validates name, mode and banks, which must be banks of the same organisation', async () => {
    const other = insertBank(world.deps, world.b.organisationId, [mcItem('b-1', 'anatomy')]);
    const res = await world.a.agents.admin
      .post(examsUrl())
      .send({ name: 'X', mode: 'exam', presetId: 'cpc', bankIds: [world.a.bankId, other.bankId, 'nope'] });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['body.bankIds.1', 'body.bankIds.2']);
    const fields = await world.a.agents.admin
      .post(examsUrl())
      .send({ name: '', mode: 'quiz', presetId: 'cpc', bankIds: [] });
    expect(paths(fields).sort()).toEqual(['body.bankIds', 'body.mode', 'body.name']);
    const twice = await world.a.agents.admin
      .post(examsUrl())
      .send({ name: 'X', mode: 'exam', presetId: 'cpc', bankIds: [world.a.bankId, world.a.bankId] });
    expect(paths(twice)).toEqual(['body.bankIds']);
  });

  it('is for staff: student 403, another organisation 404, anonymous 401', async () => {
    const body = { name: 'X', mode: 'exam', presetId: 'cpc', bankIds: [world.a.bankId] };
    expect((await world.a.agents.student.post(examsUrl()).send(body)).status).toBe(403);
    expect((await world.b.agents.admin.post(examsUrl()).send(body)).status).toBe(404);
    expect((await world.anonymous().post(examsUrl()).send(body)).status).toBe(401);
  });
});

describe('GET /api/orgs/:orgId/exams and /:examId', () => {
  it('lists current exams (staff), archived ones on request, never the hidden drill exam', async () => {
    const now = world.deps.clock.now();
    world.deps.db
      .insert(exams)
      .values({
        id: 'hidden-drill',
        organisationId: world.a.organisationId,
        name: 'Drill',
        mode: 'drill',
        blueprint: JSON.stringify(smallBlueprint()),
        bankIds: '[]',
        presetId: 'drill',
        createdAt: now,
        archivedAt: now,
      })
      .run();
    const list = await world.a.agents.instructor.get(examsUrl());
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(list.body.items[0]).toMatchObject({ id: world.a.examId, assignmentCount: 1, itemCount: 6 });
    await del(world.a.agents.admin, examUrl(world.a.examId));
    expect((await world.a.agents.admin.get(examsUrl())).body.total).toBe(0);
    const all = await world.a.agents.admin.get(`${examsUrl()}?includeArchived=true`);
    expect(all.body.items.map((e: { id: string }) => e.id)).toEqual([world.a.examId]);
    expect((await world.a.agents.admin.get(examUrl('hidden-drill'))).status).toBe(404);
  });

  it('validates the query', async () => {
    const res = await world.a.agents.admin.get(`${examsUrl()}?includeArchived=yes&offset=-1`);
    expect(paths(res).sort()).toEqual(['query.includeArchived', 'query.offset']);
  });

  it('is for staff of the organisation', async () => {
    expect((await world.a.agents.student.get(examsUrl())).status).toBe(403);
    expect((await world.a.agents.student.get(examUrl(world.a.examId))).status).toBe(403);
    expect((await world.b.agents.admin.get(examUrl(world.a.examId))).status).toBe(404);
    // An exam of A through B's path is not B's.
    expect((await world.b.agents.admin.get(examUrl(world.a.examId, world.b.organisationId))).status).toBe(
      404,
    );
    expect((await world.anonymous().get(examsUrl())).status).toBe(401);
  });
});

describe('PATCH /api/orgs/:orgId/exams/:examId', () => {
  it('renames and re-blueprints an exam nobody has attempted, audited', async () => {
    const res = await world.a.agents.instructor
      .patch(examUrl(world.a.examId))
      .send({ name: 'Renamed', mode: 'practice', presetId: 'ccs', bankIds: [world.a.bankId] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Renamed', mode: 'practice', presetId: 'ccs', itemCount: 50 });
    const event = auditEvents(world, world.a.organisationId).find((e) => e.action === 'exam.update');
    expect(event?.details).toMatchObject({ name: { from: 'Small mock', to: 'Renamed' } });
    expect(event?.details.changed).toEqual(expect.arrayContaining(['name', 'mode', 'blueprint', 'bankIds']));
  });

  it('keeps blueprint, mode and banks once someone has attempted it; the name may still change', async () => {
    const start = await post(world.a.agents.student, `/api/assignments/${world.a.assignmentId}/attempts`);
    expect(start.status).toBe(201);
    const refused = await world.a.agents.admin.patch(examUrl(world.a.examId)).send({ blueprint: custom() });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('exam-has-attempts');
    const renamed = await world.a.agents.admin.patch(examUrl(world.a.examId)).send({ name: 'Still fine' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Still fine');
  });

  it('validates the changes', async () => {
    const empty = await world.a.agents.admin.patch(examUrl(world.a.examId)).send({});
    expect(empty.status).toBe(400);
    expect(paths(empty)).toEqual(['body']);
    const untimed = await world.a.agents.admin
      .patch(examUrl(world.a.examId))
      .send({ blueprint: custom({ clock: { mode: 'shared', limitMinutes: null }, warningMinutes: [] }) });
    expect(paths(untimed)).toEqual(['body.blueprint.clock.limitMinutes']);
    const other = insertBank(world.deps, world.b.organisationId, [mcItem('b-1', 'anatomy')]);
    const banks = await world.a.agents.admin.patch(examUrl(world.a.examId)).send({ bankIds: [other.bankId] });
    expect(paths(banks)).toEqual(['body.bankIds.0']);
  });

  it('is for staff of the organisation', async () => {
    const url = examUrl(world.a.examId);
    expect((await world.a.agents.student.patch(url).send({ name: 'X' })).status).toBe(403);
    expect((await world.b.agents.admin.patch(url).send({ name: 'X' })).status).toBe(404);
    expect((await world.anonymous().patch(url).send({ name: 'X' })).status).toBe(401);
    expect((await world.a.agents.admin.patch(examUrl('nope')).send({ name: 'X' })).status).toBe(404);
  });
});

describe('DELETE /api/orgs/:orgId/exams/:examId', () => {
  it('archives an exam that assignments use, and deletes one nothing uses', async () => {
    const archived = await del(world.a.agents.instructor, examUrl(world.a.examId));
    expect(archived.status).toBe(200);
    expect(archived.body).toEqual({ id: world.a.examId, outcome: 'archived' });
    const kept = await world.a.agents.admin.get(examUrl(world.a.examId));
    expect(kept.body.archivedAt).toBe(world.deps.clock.now());

    const created = await world.a.agents.admin
      .post(examsUrl())
      .send({ name: 'Draft', mode: 'exam', blueprint: custom(), bankIds: [world.a.bankId] });
    const deleted = await del(world.a.agents.admin, examUrl(created.body.id));
    expect(deleted.body).toEqual({ id: created.body.id, outcome: 'deleted' });
    expect((await world.a.agents.admin.get(examUrl(created.body.id))).status).toBe(404);
    expect(auditActions(world, world.a.organisationId)).toEqual(
      expect.arrayContaining(['exam.archive', 'exam.create', 'exam.delete']),
    );
  });

  it('is for staff of the organisation', async () => {
    const url = examUrl(world.a.examId);
    expect((await del(world.a.agents.student, url)).status).toBe(403);
    expect((await del(world.b.agents.admin, url)).status).toBe(404);
    expect((await del(world.anonymous(), url)).status).toBe(401);
  });
});

describe('supply checks', () => {
  const supplyUrl = () => `/api/orgs/${world.a.organisationId}/blueprint-supply`;

  it('reports a shortage exactly: which domain and how many short', async () => {
    // The fixture bank holds 6 anatomy, 3 radiology (multiple choice) and 1 icd-10-cm (fill-in).
    const blueprint = custom({
      sections: [
        {
          id: 'part-1',
          title: 'Part 1',
          rules: [
            { domain: 'anatomy', count: 4 },
            { domain: 'radiology', count: 5 },
          ],
        },
      ],
    });
    const res = await world.a.agents.instructor
      .post(supplyUrl())
      .send({ blueprint, bankIds: [world.a.bankId] });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.itemCount).toBe(9);
    expect(res.body.shortages).toEqual([
      {
        sectionId: 'part-1',
        sectionTitle: 'Part 1',
        rule: 1,
        description: 'domain radiology',
        needed: 5,
        available: 3,
        short: 2,
      },
    ]);
    expect(res.body.message).toContain('short by 2');
    expect(
      res.body.rules.map((r: { rule: number; needed: number; available: number; short: number }) => r),
    ).toEqual([
      expect.objectContaining({ rule: 0, domain: 'anatomy', needed: 4, available: 6, short: 0 }),
      expect.objectContaining({ rule: 1, domain: 'radiology', needed: 5, available: 3, short: 2 }),
    ]);
    expect(res.body.domains).toEqual([
      { domain: 'anatomy', needed: 4, available: 6, pretestAvailable: 0 },
      { domain: 'radiology', needed: 5, available: 3, pretestAvailable: 0 },
      { domain: 'icd-10-cm', needed: 0, available: 1, pretestAvailable: 0 },
    ]);
  });

  it('counts only items of the rule’s types, and pretest items apart', async () => {
    const extra = insertBank(
      world.deps,
      world.a.organisationId,
      [
        mcItem('pre-1', 'anatomy', { scored: false }),
        mcItem('pre-2', 'radiology', { scored: false }),
        mcItem('pre-3', 'medicine', { scored: false }),
      ],
      'Pretest bank',
    );
    const blueprint = custom({
      sections: [
        {
          id: 's1',
          title: 'S1',
          pretestCount: 3,
          rules: [
            { domain: 'anatomy', count: 2 },
            { domain: 'icd-10-cm', count: 1, types: ['multiple-choice'] },
          ],
        },
      ],
    });
    const res = await world.a.agents.admin
      .post(supplyUrl())
      .send({ blueprint, bankIds: [world.a.bankId, extra.bankId] });
    expect(res.body.ok).toBe(false);
    expect(res.body.rules).toEqual([
      expect.objectContaining({ rule: 0, needed: 2, available: 6, short: 0 }),
      expect.objectContaining({ rule: 1, types: ['multiple-choice'], needed: 1, available: 0, short: 1 }),
      expect.objectContaining({ rule: 'pretest', needed: 3, available: 1, short: 2 }),
    ]);
    expect(
      res.body.shortages.map((s: { rule: number | string; short: number }) => [s.rule, s.short]),
    ).toEqual([
      [1, 1],
      ['pretest', 2],
    ]);
    expect(res.body.domains).toContainEqual({
      domain: 'medicine',
      needed: 0,
      available: 0,
      pretestAvailable: 1,
    });
  });

  it('checks a preset with overrides against the banks', async () => {
    const res = await world.a.agents.admin
      .post(supplyUrl())
      .send({ presetId: 'cpc', overrides: { domainCounts: { anatomy: 2 } }, bankIds: [world.a.bankId] });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    const anatomy = res.body.domains.find((d: { domain: string }) => d.domain === 'anatomy');
    expect(anatomy).toEqual({ domain: 'anatomy', needed: 2, available: 6, pretestAvailable: 0 });
    const radiology = res.body.shortages.find((s: { description: string }) =>
      s.description.startsWith('domain radiology'),
    );
    expect(radiology).toMatchObject({ needed: 6, available: 3, short: 3 });
    // The fill-in icd-10-cm item does not count for a multiple-choice rule.
    const icd = res.body.rules.find((r: { domain: string }) => r.domain === 'icd-10-cm');
    expect(icd).toMatchObject({ needed: 10, available: 0, short: 10 });
  });

  it('checks a stored exam against its banks (GET .../supply)', async () => {
    const res = await world.a.agents.instructor.get(`${examUrl(world.a.examId)}/supply`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      shortages: [],
      message: null,
      itemCount: 6,
      bankIds: [world.a.bankId],
    });
  });

  it('validates the body and the banks', async () => {
    const other = insertBank(world.deps, world.b.organisationId, [mcItem('b-1', 'anatomy')]);
    const res = await world.a.agents.admin
      .post(supplyUrl())
      .send({ presetId: 'cpc', bankIds: [other.bankId] });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['body.bankIds.0']);
    const bad = await world.a.agents.admin
      .post(supplyUrl())
      .send({ presetId: 'abc', bankIds: [world.a.bankId] });
    expect(paths(bad)).toEqual(['body.presetId']);
  });

  it('is for staff of the organisation', async () => {
    const body = { presetId: 'cpc', bankIds: [world.a.bankId] };
    expect((await world.a.agents.student.post(supplyUrl()).send(body)).status).toBe(403);
    expect((await world.b.agents.admin.post(supplyUrl()).send(body)).status).toBe(404);
    expect((await world.anonymous().post(supplyUrl()).send(body)).status).toBe(401);
    const url = `${examUrl(world.a.examId)}/supply`;
    expect((await world.a.agents.student.get(url)).status).toBe(403);
    expect((await world.b.agents.admin.get(url)).status).toBe(404);
    expect((await world.anonymous().get(url)).status).toBe(401);
  });
});

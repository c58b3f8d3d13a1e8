import { analyseItems, type ItemStatistics, type Response } from '@coderprep/exam-engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../testing/fixtures';
import { addStudent, fill, insertAttempt, mc } from './test-attempts';

const SIX = ['anat-1', 'anat-2', 'anat-3', 'anat-4', 'rad-1', 'rad-2'];

/** Choices per attempt for the six items (null = no answer); fixture items are keyed B. */
const SHEETS: (string | null)[][] = [
  ['B', 'B', 'B', 'B', 'B', 'B'],
  ['B', 'B', 'B', 'A', 'B', 'C'],
  ['B', 'B', 'C', 'B', 'A', 'B'],
  ['B', 'A', 'B', 'D', 'B', null],
  ['B', 'C', 'A', 'B', 'D', 'A'],
  ['A', 'B', null, 'A', 'B', 'B'],
  ['C', 'D', 'A', 'A', 'C', 'B'],
  ['B', 'A', 'C', 'C', 'B', 'A'],
];

const sheet = (ids: readonly string[], choices: readonly (string | null)[]) =>
  Object.fromEntries(ids.map((id, i) => [id, mc(choices[i] ?? null)]));

type Row = {
  externalId: string;
  attempts: number;
  facility: number | null;
  sd: number | null;
  discrimination: number | null;
  discriminativeEfficiency: number | null;
  dubious: boolean;
  distractors: {
    option: string | null;
    text: string | null;
    correct: boolean;
    total: number;
    upper: number;
    lower: number;
  }[];
  versions: number[];
  pretest: boolean;
  domain: string;
  type: string;
  stemExcerpt: string;
  maxMark: number;
};

const close = (actual: number | null, expected: number | null) => {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 9);
};

function expectSameStatistics(row: Row, engine: ItemStatistics) {
  expect(row.attempts).toBe(engine.attempts);
  close(row.facility, engine.facility);
  close(row.sd, engine.sd);
  close(row.discrimination, engine.discrimination);
  close(row.discriminativeEfficiency, engine.discriminativeEfficiency);
  expect(row.dubious).toBe(engine.dubious);
  const chosen = row.distractors
    .filter((d) => d.total > 0)
    .map(({ option, total, upper, lower }) => ({ option, total, upper, lower }));
  expect(chosen).toEqual(engine.distractors);
}

describe('item analysis when every attempt drew the same items', () => {
  let world: World;
  const url = () => `/api/orgs/${world.a.organisationId}/assignments/${world.a.assignmentId}/item-analysis`;

  beforeAll(async () => {
    world = await createWorld();
    SHEETS.forEach((choices, k) => {
      const userId = addStudent(world, `Student ${k}`);
      insertAttempt(world, {
        userId,
        answers: sheet(SIX, choices),
        submittedAt: world.deps.clock.now() + k * 1000,
      });
    });
    // Not analysed: an attempt still in progress.
    insertAttempt(world, {
      userId: addStudent(world, 'Late'),
      answers: sheet(SIX, SHEETS[0] as string[]),
      status: 'in-progress',
    });
  });

  it('gives the engine’s numbers on the same marks, item by item and for the test', async () => {
    const res = await world.a.agents.instructor.get(url());
    expect(res.status).toBe(200);
    const marks = SHEETS.map((choices) => ({
      marks: choices.map((c) => (c === 'B' ? 1 : 0)),
      choices,
    }));
    const engine = analyseItems(
      SIX.map((id) => ({ itemId: id, maxMark: 1 })),
      marks,
    );
    expect(res.body.items.map((r: Row) => r.externalId)).toEqual(SIX);
    res.body.items.forEach((row: Row, i: number) => {
      expectSameStatistics(row, engine.items[i] as ItemStatistics);
    });
    const t = res.body.test;
    expect(t).toMatchObject({ attempts: 8, items: 6, allItemsCommon: true });
    close(t.mean, engine.test.mean);
    close(t.sd, engine.test.sd);
    close(t.cic, engine.test.cic);
    close(t.errorRatio, engine.test.errorRatio);
    close(t.standardError, engine.test.standardError);
    expect(t.cic).not.toBeNull();
  });

  it('describes each item: id, stem excerpt, domain, versions, and every option with its text', async () => {
    const res = await world.a.agents.admin.get(url());
    expect(res.body.scope).toEqual({ kind: 'assignment', id: world.a.assignmentId, examName: 'Small mock' });
    const rad2 = res.body.items.find((r: Row) => r.externalId === 'rad-2') as Row;
    expect(rad2).toMatchObject({
      itemId: world.a.itemIds['rad-2'],
      type: 'multiple-choice',
      stemExcerpt: 'Stem of rad-2: which option is right?',
      domain: 'radiology',
      versions: [1],
      pretest: false,
      maxMark: 1,
      attempts: 8,
    });
    expect(rad2.distractors.map((d) => [d.option, d.text, d.correct, d.total])).toEqual([
      ['A', 'Option A of rad-2', false, 2],
      ['B', 'Option B of rad-2', true, 4],
      ['C', 'Option C of rad-2', false, 1],
      ['D', 'Option D of rad-2', false, 0],
      [null, null, false, 1],
    ]);
  });
});

describe('item analysis when attempts drew different items', () => {
  let world: World;
  // G1 drew the six; G2 drew rad-3 instead of rad-2, and dx-1 as a pretest item; one of G2 also anat-5.
  const G1 = SHEETS.slice(0, 4);
  const G2 = SHEETS.slice(4);
  const G2_IDS = ['anat-1', 'anat-2', 'anat-3', 'anat-4', 'rad-1', 'rad-3'];
  const DX: Response[] = [fill('E11.9'), fill('E11.65'), fill('E119'), fill('Z00.00')];

  beforeAll(async () => {
    world = await createWorld();
    // Distinct submission times keep the attempts in sheet order (the engine breaks ties by order).
    const at = (k: number) => world.deps.clock.now() + k * 1000;
    G1.forEach((choices, k) => {
      insertAttempt(world, {
        userId: addStudent(world, `G1 ${k}`),
        answers: sheet(SIX, choices),
        submittedAt: at(k),
      });
    });
    G2.forEach((choices, k) => {
      const answers: Record<string, Response | null> = { ...sheet(G2_IDS, choices), 'dx-1': DX[k] ?? null };
      if (k === 0) answers['anat-5'] = mc('B');
      insertAttempt(world, {
        userId: addStudent(world, `G2 ${k}`),
        answers,
        pretest: ['dx-1'],
        submittedAt: at(4 + k),
      });
    });
  });

  const analysis = async () => {
    const res = await world.a.agents.instructor.get(
      `/api/orgs/${world.a.organisationId}/assignments/${world.a.assignmentId}/item-analysis`,
    );
    expect(res.status).toBe(200);
    return res.body as { test: Record<string, unknown>; items: Row[] };
  };
  const rowOf = (body: { items: Row[] }, id: string) => body.items.find((r) => r.externalId === id) as Row;

  it('analyses an item over the attempts that drew it, as the engine does for that group alone', async () => {
    const body = await analysis();
    // Only G1 drew rad-2, and G1's attempts all drew the same six items.
    const engineG1 = analyseItems(
      SIX.map((id) => ({ itemId: id, maxMark: 1 })),
      G1.map((choices) => ({ marks: choices.map((c) => (c === 'B' ? 1 : 0)), choices })),
    );
    expectSameStatistics(rowOf(body, 'rad-2'), engineG1.items[5] as ItemStatistics);
    expect(rowOf(body, 'rad-3').attempts).toBe(4);
    expect(rowOf(body, 'anat-1').attempts).toBe(8);
  });

  it('computes the test statistics over the scored items every attempt drew, and says so', async () => {
    const body = await analysis();
    const common = ['anat-1', 'anat-2', 'anat-3', 'anat-4', 'rad-1'];
    const engine = analyseItems(
      common.map((id) => ({ itemId: id, maxMark: 1 })),
      SHEETS.map((choices) => ({ marks: choices.slice(0, 5).map((c) => (c === 'B' ? 1 : 0)) })),
    );
    expect(body.test).toMatchObject({ attempts: 8, items: 5, allItemsCommon: false });
    close(body.test.cic as number | null, engine.test.cic);
    close(body.test.standardError as number | null, engine.test.standardError);
  });

  it('analyses pretest items against the scored total, and leaves them out of it', async () => {
    const body = await analysis();
    const dx = rowOf(body, 'dx-1');
    expect(dx).toMatchObject({
      pretest: true,
      type: 'fill-in',
      attempts: 4,
      domain: 'icd-10-cm',
      distractors: [],
    });
    // E11.9 and E119 are right (the dot is optional), E11.65 and Z00.00 wrong.
    const x = [1, 0, 1, 0];
    const totals = G2.map((choices, k) => choices.filter((c) => c === 'B').length + (k === 0 ? 1 : 0));
    close(dx.facility, 0.5);
    close(dx.discrimination, 100 * pearson(x, totals));
    // The scored items' criterion does not include dx-1: rad-3's rest is the other scored marks.
    expect(rowOf(body, 'rad-3').pretest).toBe(false);
  });

  it('gives no statistics for an item fewer than two attempts drew, but still counts its answers', async () => {
    const body = await analysis();
    expect(rowOf(body, 'anat-5')).toMatchObject({
      attempts: 1,
      facility: null,
      sd: null,
      discrimination: null,
      discriminativeEfficiency: null,
      dubious: false,
    });
    expect(rowOf(body, 'anat-5').distractors.find((d) => d.option === 'B')?.total).toBe(1);
  });
});

describe('item analysis scopes and refusals', () => {
  it('needs at least two submitted attempts: 409 not-enough-attempts', async () => {
    const world = await createWorld();
    const url = `/api/orgs/${world.a.organisationId}/assignments/${world.a.assignmentId}/item-analysis`;
    const none = await world.a.agents.instructor.get(url);
    expect(none.status).toBe(409);
    expect(none.body.error).toMatchObject({
      code: 'not-enough-attempts',
      details: { attempts: 0, needed: 2 },
    });
    insertAttempt(world, { userId: world.a.userIds.student, answers: sheet(SIX, SHEETS[0] as string[]) });
    insertAttempt(world, {
      userId: addStudent(world, 'Open'),
      answers: sheet(SIX, SHEETS[1] as string[]),
      status: 'in-progress',
    });
    const one = await world.a.agents.instructor.get(url);
    expect(one.status).toBe(409);
    expect(one.body.error.message).toBe('Item analysis needs at least 2 submitted attempts; there is 1.');
  });

  it('analyses an exam over every submitted attempt at it, in assignments or not', async () => {
    const world = await createWorld();
    insertAttempt(world, { userId: world.a.userIds.student, answers: sheet(SIX, SHEETS[0] as string[]) });
    insertAttempt(world, {
      userId: addStudent(world, 'Practice'),
      answers: sheet(SIX, SHEETS[1] as string[]),
      assignmentId: null,
    });
    const assignment = await world.a.agents.instructor.get(
      `/api/orgs/${world.a.organisationId}/assignments/${world.a.assignmentId}/item-analysis`,
    );
    expect(assignment.status).toBe(409);
    const exam = await world.a.agents.instructor.get(
      `/api/orgs/${world.a.organisationId}/exams/${world.a.examId}/item-analysis`,
    );
    expect(exam.status).toBe(200);
    expect(exam.body.scope).toEqual({ kind: 'exam', id: world.a.examId, examName: 'Small mock' });
    expect(exam.body.test.attempts).toBe(2);
  });

  it('answers 404 for an exam or assignment that is not the organisation’s', async () => {
    const world = await createWorld();
    const b = world.b.agents.admin;
    expect(
      (await b.get(`/api/orgs/${world.b.organisationId}/exams/${world.a.examId}/item-analysis`)).status,
    ).toBe(404);
    expect(
      (await b.get(`/api/orgs/${world.b.organisationId}/assignments/${world.a.assignmentId}/item-analysis`))
        .status,
    ).toBe(404);
    expect(
      (await world.a.agents.admin.get(`/api/orgs/${world.a.organisationId}/exams/nope/item-analysis`)).status,
    ).toBe(404);
  });
});

function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}
